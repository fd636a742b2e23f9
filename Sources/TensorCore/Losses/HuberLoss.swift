/// The Huber loss (smooth L1), averaged: quadratic near zero, linear beyond `delta`.
///
/// With d = prediction − target:
///
///     ℓ(d) = ½ d²                  if |d| ≤ δ
///     ℓ(d) = δ (|d| − ½ δ)         otherwise
///     ℓ'(d) = clamp(d, −δ, δ)
///
/// `delta` = 1 is PyTorch's `smooth_l1_loss` and `huber_loss` defaults and what
/// Stable-Baselines3's DQN uses: large TD errors pull with a bounded force.
///
/// - Throws: ``TensorError/shapeMismatch(_:)`` when the shapes differ, and
///   ``TensorError/invalidArgument(_:)`` when `delta` is not positive.
public func huberLoss(_ predictions: Tensor, _ targets: Tensor, delta: Float = 1) throws -> Tensor {
    guard delta > 0 else {
        throw TensorError.invalidArgument("huberLoss needs a positive delta, got \(delta)")
    }
    return try elementwiseLoss(predictions, targets, name: "huberLoss") { difference in
        let magnitude = abs(difference)
        if magnitude <= delta {
            return (0.5 * difference * difference, difference)
        }
        return (delta * (magnitude - 0.5 * delta), difference > 0 ? delta : -delta)
    }
}
