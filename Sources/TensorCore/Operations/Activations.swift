import Foundation

// Activation functions and their derivatives (y is the result, x the input):
//
//   relu            y = max(x, 0)                      y' = 1 if x > 0 else 0
//   leakyRelu(s)    y = x if x > 0 else s·x            y' = 1 if x > 0 else s
//   elu(α)          y = x if x > 0 else α(eˣ − 1)      y' = 1 if x > 0 else y + α
//   sigmoid         y = 1 / (1 + e⁻ˣ)                  y' = y(1 − y)
//   tanh            y = tanh x                         y' = 1 − y²

extension Tensor {
    /// The rectified linear unit, max(x, 0), for every element.
    public func relu() -> Tensor {
        let result = mapped { $0 > 0 ? $0 : 0 }
        guard Tensor.needsGradient(self) else { return result }
        let output = result.detached()
        return result.recorded(from: self) { gradient in
            try Tensor.combining(gradient, output) { $1 > 0 ? $0 : 0 }
        }
    }

    /// The leaky rectified linear unit: x for x > 0, `negativeSlope`·x otherwise.
    ///
    /// - Parameter negativeSlope: the slope for negative inputs; PyTorch's default 0.01.
    public func leakyRelu(negativeSlope: Float = 0.01) -> Tensor {
        let result = mapped { $0 > 0 ? $0 : negativeSlope * $0 }
        guard Tensor.needsGradient(self) else { return result }
        let input = detached()
        return result.recorded(from: self) { gradient in
            try Tensor.combining(gradient, input) { $1 > 0 ? $0 : negativeSlope * $0 }
        }
    }

    /// The exponential linear unit: x for x > 0, α(eˣ − 1) otherwise.
    ///
    /// - Parameter alpha: the value negative inputs saturate towards (−α); default 1.
    public func elu(alpha: Float = 1) -> Tensor {
        let result = mapped { $0 > 0 ? $0 : alpha * (Foundation.exp($0) - 1) }
        guard Tensor.needsGradient(self) else { return result }
        let input = detached()
        let output = result.detached()
        return result.recorded(from: self) { gradient in
            let slope = try Tensor.combining(input, output) { $0 > 0 ? 1 : $1 + alpha }
            return try Tensor.combining(gradient, slope) { $0 * $1 }
        }
    }

    /// The logistic sigmoid, 1 / (1 + e⁻ˣ), for every element (values in (0, 1)).
    public func sigmoid() -> Tensor {
        // Written per sign so that e^|x| never overflows.
        let result = mapped { x in
            x >= 0 ? 1 / (1 + Foundation.exp(-x)) : Foundation.exp(x) / (1 + Foundation.exp(x))
        }
        guard Tensor.needsGradient(self) else { return result }
        let output = result.detached()
        return result.recorded(from: self) { gradient in
            try Tensor.combining(gradient, output) { $0 * $1 * (1 - $1) }
        }
    }

    /// The hyperbolic tangent of every element (values in (−1, 1)).
    public func tanh() -> Tensor {
        let result = mapped { hyperbolicTangent($0) }
        guard Tensor.needsGradient(self) else { return result }
        let output = result.detached()
        return result.recorded(from: self) { gradient in
            try Tensor.combining(gradient, output) { $0 * (1 - $1 * $1) }
        }
    }
}
