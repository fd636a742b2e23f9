/// Scales all gradients down together when their global L2 norm exceeds `maxNorm`
/// (PyTorch's `clip_grad_norm_`).
///
///     norm = √(Σ over every parameter and element of g²)
///     if norm > maxNorm:  g ← g · maxNorm / (norm + 1e-6)
///
/// Call it between `backward()` and the optimizer's `step()`.
///
/// - Returns: the norm before clipping (useful to log).
/// - Throws: ``TensorError/invalidArgument(_:)`` when `maxNorm` is not positive.
@discardableResult
public func clipGradientNorm(_ parameters: [Parameter], maxNorm: Float) throws -> Float {
    guard maxNorm > 0 else {
        throw TensorError.invalidArgument("clipGradientNorm needs a positive maxNorm, got \(maxNorm)")
    }
    var sumOfSquares: Double = 0
    for parameter in parameters {
        guard let gradient = parameter.gradient else { continue }
        sumOfSquares += gradient.withUnsafeScalars { values in
            var partial: Float = 0
            for value in values { partial += value * value }
            return Double(partial)
        }
    }
    let norm = Float(sumOfSquares.squareRoot())
    if norm > maxNorm {
        let scale = maxNorm / (norm + 1e-6)
        for parameter in parameters {
            guard var gradient = parameter.node.gradient else { continue }
            parameter.node.gradient = nil  // keep the buffer unique so scaling happens in place
            gradient.withUnsafeMutableScalars { values in
                for index in 0..<values.count { values[index] *= scale }
            }
            parameter.node.gradient = gradient
        }
    }
    return norm
}
