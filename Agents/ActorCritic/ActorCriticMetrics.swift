import Foundation
import TensorCore

/// The figures A2C and PPO record per update, under the names CleanRL logs them
/// (`losses/policy_loss`, `losses/value_loss`, `losses/entropy`, `losses/approx_kl`,
/// `losses/clipfrac`, `losses/explained_variance`, `charts/learning_rate`), and the small
/// computations they share.
enum ActorCriticMetrics {
    static let policyLoss = Metric("policy_loss", .latest)
    static let valueLoss = Metric("value_loss", .latest)
    static let entropy = Metric("entropy", .latest)
    static let approximateKL = Metric("approx_kl", .latest)
    static let clipFraction = Metric("clip_fraction", .latest)
    static let explainedVariance = Metric("explained_variance", .latest)

    /// What both agents record.
    static let all = [policyLoss, valueLoss, entropy, explainedVariance, Metric.learningRate]

    /// The means over an update's gradient steps.
    struct Means {
        private var sums = [Double](repeating: 0, count: 5)
        private var count = 0

        /// Adds one gradient step's figures.
        mutating func add(policyLoss: Tensor, valueLoss: Tensor, entropy: Tensor, approximateKL: Double = 0, clipFraction: Double = 0) {
            let values = [policyLoss.scalar, valueLoss.scalar, entropy.scalar].map { Double($0 ?? .nan) }
            for (index, value) in (values + [approximateKL, clipFraction]).enumerated() { sums[index] += value }
            count += 1
        }

        /// Records the means in `session`, with the explained variance and learning rate (and
        /// the ratio figures when `ratioFigures`, PPO's).
        func record(in session: TrainingSession, explainedVariance: Double, learningRate: Float, ratioFigures: Bool) {
            let divisor = Double(max(count, 1))
            session.record(sums[0] / divisor, for: ActorCriticMetrics.policyLoss)
            session.record(sums[1] / divisor, for: ActorCriticMetrics.valueLoss)
            session.record(sums[2] / divisor, for: ActorCriticMetrics.entropy)
            if ratioFigures {
                session.record(sums[3] / divisor, for: ActorCriticMetrics.approximateKL)
                session.record(sums[4] / divisor, for: ActorCriticMetrics.clipFraction)
            }
            if explainedVariance.isFinite { session.record(explainedVariance, for: ActorCriticMetrics.explainedVariance) }
            session.record(Double(learningRate), for: .learningRate)
        }
    }

    /// (x − mean x) / (std x + 1e-8), a constant (the advantages carry no gradient).
    static func standardized(_ values: Tensor) throws -> Tensor {
        let scalars = values.scalars
        let mean = scalars.reduce(0, +) / Float(scalars.count)
        // The sample standard deviation (n − 1), as PyTorch's `std()` that SB3 and CleanRL call.
        let variance = scalars.reduce(0) { $0 + ($1 - mean) * ($1 - mean) } / Float(max(1, scalars.count - 1))
        let scale = 1 / (variance.squareRoot() + 1e-8)
        return try Tensor(shape: values.shape, scalars: scalars.map { ($0 - mean) * scale })
    }

    /// PPO's approximate KL, mean((ρ − 1) − log ρ), and the fraction of ratios outside 1 ± ε.
    static func ratioFigures(logRatio: Tensor, clipRange: Float) -> (approximateKL: Double, clipFraction: Double) {
        logRatio.withUnsafeScalars { logRatios in
            var kl = 0.0
            var clipped = 0
            for logRatio in logRatios {
                let ratio = Foundation.exp(Double(logRatio))
                kl += (ratio - 1) - Double(logRatio)
                if abs(ratio - 1) > Double(clipRange) { clipped += 1 }
            }
            let count = Double(max(1, logRatios.count))
            return (kl / count, Double(clipped) / count)
        }
    }
}
