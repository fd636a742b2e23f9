import Foundation

// Element-wise functions and their derivatives (y is the result, x the input):
//
//   exp          y = eˣ                     y' = y
//   log          y = ln x                   y' = 1 / x
//   squareRoot   y = √x                     y' = 1 / (2y)
//   pow(p)       y = xᵖ                     y' = p·xᵖ⁻¹
//   clamped      y = min(max(x, lo), hi)    y' = 1 inside [lo, hi], 0 outside

extension Tensor {
    /// eˣ for every element.
    public func exp() -> Tensor {
        let result = mapped { Foundation.exp($0) }
        guard Tensor.needsGradient(self) else { return result }
        let output = result.detached()
        return result.recorded(from: self) { gradient in
            try Tensor.combining(gradient, output) { $0 * $1 }
        }
    }

    /// The natural logarithm of every element (−∞ at 0, NaN below).
    public func log() -> Tensor {
        let result = mapped { Foundation.log($0) }
        guard Tensor.needsGradient(self) else { return result }
        let input = detached()
        return result.recorded(from: self) { gradient in
            try Tensor.combining(gradient, input) { $0 / $1 }
        }
    }

    /// The square root of every element (NaN below 0).
    public func squareRoot() -> Tensor {
        let result = mapped { $0.squareRoot() }
        guard Tensor.needsGradient(self) else { return result }
        let output = result.detached()
        return result.recorded(from: self) { gradient in
            try Tensor.combining(gradient, output) { 0.5 * $0 / $1 }
        }
    }

    /// Every element raised to `exponent`.
    public func pow(_ exponent: Float) -> Tensor {
        let result = exponent == 2 ? mapped { $0 * $0 } : mapped { Foundation.pow($0, exponent) }
        guard Tensor.needsGradient(self) else { return result }
        let input = detached()
        return result.recorded(from: self) { gradient in
            if exponent == 2 {
                return try Tensor.combining(gradient, input) { 2 * $0 * $1 }
            }
            return try Tensor.combining(gradient, input) { $0 * exponent * Foundation.pow($1, exponent - 1) }
        }
    }

    /// Every element limited to [`lowerBound`, `upperBound`].
    ///
    /// The gradient passes where the input is inside the bounds (bounds included) and is zero
    /// where the value was cut, as in PyTorch's `clamp`.
    ///
    /// - Throws: ``TensorError/invalidArgument(_:)`` when `lowerBound > upperBound`.
    public func clamped(min lowerBound: Float, max upperBound: Float) throws -> Tensor {
        guard lowerBound <= upperBound else {
            throw TensorError.invalidArgument("clamp bounds are reversed: min \(lowerBound) > max \(upperBound)")
        }
        let result = mapped { Swift.min(Swift.max($0, lowerBound), upperBound) }
        guard Tensor.needsGradient(self) else { return result }
        let input = detached()
        return result.recorded(from: self) { gradient in
            try Tensor.combining(gradient, input) { ($1 >= lowerBound && $1 <= upperBound) ? $0 : 0 }
        }
    }
}
