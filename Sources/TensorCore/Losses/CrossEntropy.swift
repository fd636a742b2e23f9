/// The negative log-likelihood of the labels, averaged over the batch:
/// L = −(1/n) Σᵢ log pᵢ[labelᵢ].
///
/// - Parameters:
///   - logProbabilities: `[batch, classes]` log-probabilities (for instance a log-softmax).
///   - labels: one class index per row.
/// - Throws: ``TensorError/shapeMismatch(_:)`` when the input is not a matrix or the label count
///   differs from the batch; ``TensorError/invalidArgument(_:)`` for a label out of range.
public func negativeLogLikelihood(_ logProbabilities: Tensor, labels: [Int]) throws -> Tensor {
    guard logProbabilities.rank == 2 else {
        throw TensorError.shapeMismatch(
            "negativeLogLikelihood needs [batch, classes] log-probabilities, got \(describe(shape: logProbabilities.shape))")
    }
    return try -logProbabilities.gathering(labels, alongAxis: 1).mean()
}

/// The cross-entropy between softmax(`logits`) and the labels, averaged over the batch:
/// L = −(1/n) Σᵢ log softmax(logitsᵢ)[labelᵢ] (PyTorch's `cross_entropy`).
///
/// Computed as ``negativeLogLikelihood(_:labels:)`` of a stable log-softmax, so large logits
/// do not overflow.
///
/// - Throws: as ``negativeLogLikelihood(_:labels:)``.
public func crossEntropy(logits: Tensor, labels: [Int]) throws -> Tensor {
    guard logits.rank == 2 else {
        throw TensorError.shapeMismatch("crossEntropy needs [batch, classes] logits, got \(describe(shape: logits.shape))")
    }
    return try negativeLogLikelihood(logits.logSoftmax(alongAxis: 1), labels: labels)
}
