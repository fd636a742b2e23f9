import Foundation
import SeededRandom
import TensorCore

/// A categorical distribution over a finite set of actions, one per row of logits: the policy of
/// PPO and A2C for `Discrete` actions (PyTorch's `Categorical(logits=…)`).
///
///     log π(a | s) = logSoftmax(logits)[a]
///     H(π(· | s))  = −Σₐ π(a | s) log π(a | s)
///
/// Log-probabilities and entropies carry gradients back to the logits; sampling does not.
public struct CategoricalDistribution {
    /// log π(· | s) for every row: `[batch, actions]`.
    public let logProbabilities: Tensor

    /// The distribution with logits `[batch, actions]` (or `[actions]` for one state).
    ///
    /// - Throws: ``TensorCore/TensorError`` for a tensor of rank other than 1 or 2.
    public init(logits: Tensor) throws {
        let rows = logits.rank == 1 ? try logits.reshaped(to: [1, logits.scalarCount]) : logits
        guard rows.rank == 2 else {
            throw TensorError.shapeMismatch("a categorical distribution needs logits [batch, actions], got rank \(logits.rank)")
        }
        logProbabilities = try rows.logSoftmax(alongAxis: 1)
    }

    /// The number of actions.
    public var actionCount: Int { logProbabilities.shape[1] }

    /// log π(aᵢ | sᵢ) for one action per row: `[batch]`.
    ///
    /// - Throws: ``TensorCore/TensorError`` when there is not one valid action per row.
    public func logProbability(of actions: [Int]) throws -> Tensor {
        try logProbabilities.gathering(actions, alongAxis: 1)
    }

    /// H(π(· | sᵢ)) = −Σₐ π(a) log π(a), per row: `[batch]`.
    public func entropy() throws -> Tensor {
        try -(logProbabilities.exp() * logProbabilities).sum(alongAxes: [1])
    }

    /// One action per row drawn from π (inverse transform sampling), without gradients.
    public func sample(using generator: inout SeededGenerator) -> [Int] {
        let count = actionCount
        return logProbabilities.withUnsafeScalars { logProbabilities in
            (0..<(logProbabilities.count / count)).map { row in
                var threshold = Float(generator.uniformDouble())
                for action in 0..<count {
                    threshold -= Foundation.exp(logProbabilities[row * count + action])
                    if threshold < 0 { return action }
                }
                return count - 1  // rounding left a sliver above the last cumulative sum
            }
        }
    }

    /// The most probable action of each row (the first on ties).
    public func mode() -> [Int] {
        let count = actionCount
        return logProbabilities.withUnsafeScalars { logProbabilities in
            (0..<(logProbabilities.count / count)).map { row in
                var best = 0
                for action in 1..<count where logProbabilities[row * count + action] > logProbabilities[row * count + best] {
                    best = action
                }
                return best
            }
        }
    }
}
