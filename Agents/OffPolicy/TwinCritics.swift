import SeededRandom
import TensorCore

/// Two action-value networks Q₁(s, a), Q₂(s, a) with Polyak-averaged target copies: the critics
/// of TD3 (Fujimoto et al. 2018, "clipped double Q-learning") and SAC (Haarnoja et al. 2018).
///
/// Each network reads the observation's features and the action side by side, `[s, a]`, and
/// gives one value. Targets use the smaller of the two target networks' values, which keeps
/// over-estimation in check:
///
///     y = r + γ (1 − terminated) · min(Q₁′(s′, a′), Q₂′(s′, a′))
///     θᵢ′ ← τ θᵢ + (1 − τ) θᵢ′      (after updates; τ = 1 copies)
public final class TwinCritics {
    /// Q₁ and Q₂.
    public let networks: [Sequential]
    /// Q₁′ and Q₂′.
    public let targets: [Sequential]

    /// Two critics for `observationSize` features and `actionSize` action scalars, their weights
    /// drawn from `stream` of `seed`, each target an exact copy of its critic.
    ///
    /// - Throws: ``AgentError/invalidConfiguration(_:)`` for a network too large or of the wrong size.
    public init(shape: NetworkShape, observationSize: Int, actionSize: Int, seed: UInt64, stream: UInt64) throws {
        var generator = SeededGenerator(seed: seed, stream: stream)
        let inputCount = observationSize + actionSize
        networks = try (0..<2).map { _ in try shape.build(inputCount: inputCount, outputCount: 1, using: &generator) }
        targets = try networks.map { network in
            var unused = SeededGenerator(seed: 0)
            let target = try shape.build(inputCount: inputCount, outputCount: 1, using: &unused)
            try target.copyParameters(from: network)
            return target
        }
    }

    /// The parameters of both critics (one optimizer updates them together, as SB3 does).
    public var parameters: [Parameter] { networks.flatMap { $0.parameters() } }

    /// Q₁(s, a) and Q₂(s, a) for a batch: `[batch]` each, with gradients.
    ///
    /// - Throws: ``TensorCore/TensorError`` for batches that do not fit the networks.
    public func values(_ observations: Tensor, _ actions: Tensor) throws -> [Tensor] {
        let inputs = try Tensor.concatenating([observations, actions], alongAxis: 1)
        return try networks.map { try $0(inputs).reshaped(to: [observations.shape[0]]) }
    }

    /// min(Q₁′(s, a), Q₂′(s, a)) for a batch, without gradients: `[batch]`.
    ///
    /// - Throws: ``TensorCore/TensorError`` for batches that do not fit the networks.
    public func minimumTargetValue(_ observations: Tensor, _ actions: Tensor) throws -> Tensor {
        try withoutGradients {
            let inputs = try Tensor.concatenating([observations, actions], alongAxis: 1)
            let values = try targets.map { try $0(inputs).reshaped(to: [observations.shape[0]]) }
            return try Tensor.minimum(values[0], values[1])
        }
    }

    /// θᵢ′ ← τ θᵢ + (1 − τ) θᵢ′ for both critics.
    ///
    /// - Throws: ``TensorCore/TensorError`` for a rate outside [0, 1].
    public func updateTargets(rate: Float) throws {
        for (target, network) in zip(targets, networks) {
            try target.updateParameters(towards: network, rate: rate)
        }
    }

    /// The critics' parameters named `critic_1.…` and `critic_2.…` (their targets are not saved:
    /// loading copies the critics into them).
    public func tensors() -> [String: Tensor] {
        var tensors: [String: Tensor] = [:]
        for (index, network) in networks.enumerated() {
            tensors.merge(network.tensors(prefixedWith: "critic_\(index + 1)")) { first, _ in first }
        }
        return tensors
    }

    /// Loads critics saved by ``tensors()`` and copies them into the targets.
    ///
    /// - Throws: ``AgentError/invalidCheckpoint(_:)`` when a name or shape does not match.
    public func load(_ tensors: [String: Tensor]) throws {
        for (index, network) in networks.enumerated() {
            let prefix = "critic_\(index + 1)"
            try network.loadTensors(tensors.filter { $0.key.hasPrefix(prefix + ".") }, prefixedWith: prefix)
            try targets[index].copyParameters(from: network)
        }
    }
}
