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
        sumOfSquares += gradient.withUnsafeScalars(sumOfSquaresOf)
    }
    let norm = Float(sumOfSquares.squareRoot())
    if norm > maxNorm {
        let scale = maxNorm / (norm + 1e-6)
        for parameter in parameters {
            guard var gradient = parameter.node.gradient else { continue }
            parameter.node.gradient = nil  // keep the buffer unique so scaling happens in place
            gradient.withUnsafeMutableScalars { values in scaleVector(values, by: scale) }
            parameter.node.gradient = gradient
        }
    }
    return norm
}

/// Σ v², eight lanes at a time (summed in a different order from a scalar loop, so the last
/// bits can differ; the result only decides a scaling).
func sumOfSquaresOf(_ values: UnsafeBufferPointer<Float>) -> Double {
    var lanes = SIMD8<Float>()
    var index = 0
    // Cannot fail: callers pass tensor storage, which always has an address.
    let raw = UnsafeRawPointer(values.baseAddress!)
    while index + 8 <= values.count {
        let chunk = raw.loadUnaligned(fromByteOffset: index * MemoryLayout<Float>.size, as: SIMD8<Float>.self)
        lanes += chunk * chunk
        index += 8
    }
    var total = Double(lanes.sum())
    while index < values.count {
        total += Double(values[index] * values[index])
        index += 1
    }
    return total
}

/// v ← v · scale, eight lanes at a time.
func scaleVector(_ values: UnsafeMutableBufferPointer<Float>, by scale: Float) {
    var index = 0
    // Cannot fail: callers pass tensor storage, which always has an address.
    let raw = UnsafeMutableRawPointer(values.baseAddress!)
    while index + 8 <= values.count {
        let offset = index * MemoryLayout<Float>.size
        raw.storeBytes(of: raw.loadUnaligned(fromByteOffset: offset, as: SIMD8<Float>.self) * scale, toByteOffset: offset, as: SIMD8<Float>.self)
        index += 8
    }
    while index < values.count {
        values[index] *= scale
        index += 1
    }
}
