import Foundation
import SeededRandom
import TensorCore

/// A Gaussian with a diagonal covariance, N(μ, diag(σ²)), one per row: the policy of PPO and A2C
/// for `Box` actions (σ = exp(log σ), a state-independent parameter as in Stable-Baselines3 and
/// CleanRL's `ppo_continuous_action.py`).
///
///     log π(a | s) = Σᵢ [ −(aᵢ − μᵢ)² / (2σᵢ²) − log σᵢ − ½ log 2π ]
///     H(π(· | s))  = Σᵢ [ log σᵢ + ½ log(2πe) ]
///     a            = μ + σ · ε,  ε ~ N(0, I)     (the reparameterisation trick)
///
/// Log-probabilities, entropies and reparameterised samples carry gradients back to μ and log σ.
public struct DiagonalGaussian {
    /// μ: `[batch, dimension]`.
    public let mean: Tensor
    /// log σ: `[batch, dimension]` or `[dimension]` (broadcast over the rows).
    public let logStandardDeviation: Tensor

    /// ½ log 2π.
    static let halfLogTwoPi = Float(0.5 * Foundation.log(2 * Double.pi))

    /// The distribution with these means and log standard deviations.
    ///
    /// - Throws: ``TensorCore/TensorError`` when the mean is not `[batch, dimension]` or the log
    ///   standard deviation does not broadcast against it.
    public init(mean: Tensor, logStandardDeviation: Tensor) throws {
        guard mean.rank == 2 else {
            throw TensorError.shapeMismatch("a diagonal Gaussian needs means [batch, dimension], got rank \(mean.rank)")
        }
        guard try broadcastShape(mean.shape, logStandardDeviation.shape) == mean.shape else {
            throw TensorError.shapeMismatch(
                "log standard deviations of shape \(logStandardDeviation.shape) do not fit means of shape \(mean.shape)")
        }
        self.mean = mean
        self.logStandardDeviation = logStandardDeviation
    }

    /// log π(a | s) per row, summed over the dimensions: `[batch]`.
    ///
    /// - Throws: ``TensorCore/TensorError`` when `actions` is not shaped as the means.
    public func logProbability(of actions: Tensor) throws -> Tensor {
        let standardized = try (actions - mean) / logStandardDeviation.exp()
        let perDimension = try (standardized * standardized) * -0.5 - logStandardDeviation - Self.halfLogTwoPi
        return try perDimension.sum(alongAxes: [1])
    }

    /// H(π(· | s)) per row, summed over the dimensions: `[batch]`.
    public func entropy() throws -> Tensor {
        let perDimension = logStandardDeviation + (0.5 + Self.halfLogTwoPi)
        // Broadcast a state-independent log σ over the rows by adding zeros of the means' shape.
        return try (perDimension + Tensor.zeros(mean.shape)).sum(alongAxes: [1])
    }

    /// μ + σ · ε for given standard normal noise ε `[batch, dimension]`, with gradients to μ and
    /// log σ (the reparameterisation trick).
    ///
    /// - Throws: ``TensorCore/TensorError`` when the noise is not shaped as the means.
    public func reparameterizedSample(noise: Tensor) throws -> Tensor {
        try mean + noise * logStandardDeviation.exp()
    }

    /// One sample per row, without gradients.
    public func sample(using generator: inout SeededGenerator) throws -> Tensor {
        let noise = Tensor.randomNormal(mean.shape, using: &generator)
        return try withoutGradients { try reparameterizedSample(noise: noise) }
    }

    /// The most probable action of each row: μ.
    public func mode() -> Tensor { mean.stoppingGradient() }
}

/// A diagonal Gaussian squashed by tanh, a = tanh(u) with u ~ N(μ, σ²): SAC's policy (Haarnoja
/// et al. 2018, appendix C), whose actions lie in (−1, 1) and are rescaled to the action bounds.
///
///     log π(a | s) = log N(u; μ, σ²) − Σᵢ log(1 − tanh²(uᵢ) + ε),   ε = 1e-6
///
/// (the change of variables through tanh, as Stable-Baselines3 writes it, in [-1, 1] units).
public struct SquashedGaussian {
    /// The Gaussian before the squashing.
    public let gaussian: DiagonalGaussian

    /// The ε that keeps the correction's logarithm finite where tanh saturates.
    public static let epsilon: Float = 1e-6

    /// The squashed distribution with these means and log standard deviations.
    ///
    /// - Throws: as ``DiagonalGaussian/init(mean:logStandardDeviation:)``.
    public init(mean: Tensor, logStandardDeviation: Tensor) throws {
        gaussian = try DiagonalGaussian(mean: mean, logStandardDeviation: logStandardDeviation)
    }

    /// A reparameterised sample a = tanh(μ + σ · noise) and its log-probability `[batch]`, both
    /// with gradients to μ and log σ.
    ///
    /// - Throws: ``TensorCore/TensorError`` when the noise is not shaped as the means.
    public func sampleWithLogProbability(noise: Tensor) throws -> (actions: Tensor, logProbability: Tensor) {
        let unsquashed = try gaussian.reparameterizedSample(noise: noise)
        let actions = unsquashed.tanh()
        let correction = try (1 - actions * actions + Self.epsilon).log().sum(alongAxes: [1])
        return (actions, try gaussian.logProbability(of: unsquashed) - correction)
    }

    /// The deterministic action of each row: tanh(μ).
    public func mode() -> Tensor { gaussian.mean.stoppingGradient().tanh() }
}
