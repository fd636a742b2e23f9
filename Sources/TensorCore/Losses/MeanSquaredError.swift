/// The mean squared error, L = (1/n) Σ (predictionᵢ − targetᵢ)².
///
/// ∂L/∂prediction = 2(prediction − target)/n, and the negative of it for the target when the
/// target needs a gradient (usually it is a constant).
///
/// - Throws: ``TensorError/shapeMismatch(_:)`` when the shapes differ (no broadcasting, so that
///   a `[64]` target against `[64, 1]` predictions is caught instead of silently making 64 x 64).
public func meanSquaredError(_ predictions: Tensor, _ targets: Tensor) throws -> Tensor {
    try elementwiseLoss(predictions, targets, name: "meanSquaredError") { difference in
        (difference * difference, 2 * difference)
    }
}

/// A mean over element-wise losses of d = prediction − target, shared by the regression losses.
///
/// `lossAndSlope(d)` returns the loss of one element and its derivative with respect to d.
@inline(__always)
func elementwiseLoss(
    _ predictions: Tensor, _ targets: Tensor, name: String,
    _ lossAndSlope: (Float) -> (loss: Float, slope: Float)
) throws -> Tensor {
    guard predictions.shape == targets.shape else {
        throw TensorError.shapeMismatch(
            "\(name) needs predictions and targets of one shape, got \(describe(shape: predictions.shape)) "
                + "and \(describe(shape: targets.shape))")
    }
    let count = predictions.scalarCount
    var total: Float = 0
    let slopes = Tensor(uncheckedShape: predictions.shape, count: count) { slopes in
        predictions.storage.withUnsafeBufferPointer { prediction in
            targets.storage.withUnsafeBufferPointer { target in
                for index in 0..<count {
                    let (loss, slope) = lossAndSlope(prediction[index] - target[index])
                    total += loss
                    slopes[index] = slope
                }
            }
        }
    }
    let scale = count > 0 ? 1 / Float(count) : 0
    let result = Tensor(total * scale)
    guard Tensor.needsGradient(predictions, targets) else { return result }
    let (predictionsNeed, targetsNeed) = (predictions.node != nil, targets.node != nil)
    return result.recorded(from: predictions, targets) { gradient in
        // Cannot fail: the loss is a scalar, so its gradient is one.
        let slope = slopes * (gradient.scalar! * scale)
        return (predictionsNeed ? slope : nil, targetsNeed ? -slope : nil)
    }
}
