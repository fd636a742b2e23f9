import Foundation
import RLCore
import SeededRandom
import TensorCore

/// The rollouts A2C and PPO learn from, and everything around them that both share: the
/// environment copies, observation and reward normalisation, sampling actions, recording
/// episodes, and what a checkpoint needs to resume mid-rollout.
///
/// One call of ``train(on:in:networks:seed:solvedCheck:learn:)`` runs, while the session runs:
///
///     s = the copies' observations (standardised when normalising observations)
///     a ~ π(· | s), V(s), log π(a | s)              one batch through the networks
///     step every copy with a (clipped to the bounds for Box actions; the buffer keeps the
///                                                    unclipped sample, whose log-probability it is)
///     a copy truncated at this step bootstraps from V(its final observation)
///     r (scaled when normalising rewards), done, … → the rollout buffer
///     after `rolloutSteps` steps: GAE(λ) with V(s) of the next observations, then `learn`
///
/// The copies are a ``VectorEnvironment`` of `copies` copies of the environment given to
/// `train`, with same-step autoreset (the final observation of an ended episode is at hand for
/// bootstrapping); on the first call copy i is reset with seed + i. The given environment itself
/// is not stepped. A call may stop mid-rollout (the budget, a callback); the next call goes on
/// filling the same rollout, so calls of N and M steps are one run of N + M.
final class OnPolicyRollouts {
    let settings: ActorCriticSettings
    let layout: SpaceLayout
    /// The rollout being filled (kept across calls).
    private(set) var buffer: RolloutBuffer
    /// Running observation statistics, when normalising observations.
    private(set) var observationNormalizer: ObservationNormalizer?
    /// Running return statistics, when normalising rewards.
    private(set) var rewardNormalizer: RewardNormalizer?
    /// Draws the actions of the rollouts.
    private var sampling: SeededGenerator

    /// The copies (a `VectorEnvironment<E>` of the last call's environment type).
    private var vector: (any VectorStateSaving)?
    /// A saved vector state waiting for the next call to make the copies.
    private var savedVector: VectorRunningState?

    /// Scratch rows, allocated once: the standardised observations, actions for the environment.
    private var observationRows: [Float]
    private var actionIndices: [Int]
    private var actionRows: [Float]

    init(settings: ActorCriticSettings, layout: SpaceLayout, seed: UInt64) {
        self.settings = settings
        self.layout = layout
        let actionSize = layout.actionBounds?.dimension ?? 1
        buffer = RolloutBuffer(steps: settings.rolloutSteps, copies: settings.copies,
                               observationSize: layout.observationSize, actionSize: actionSize)
        observationNormalizer = settings.normalizeObservations ? ObservationNormalizer(dimension: layout.observationSize) : nil
        rewardNormalizer = settings.normalizeRewards ? RewardNormalizer(copies: settings.copies, discount: settings.discount) : nil
        sampling = SeededGenerator(seed: seed, stream: AgentStream.exploration)
        observationRows = [Float](repeating: 0, count: settings.copies * layout.observationSize)
        actionIndices = [Int](repeating: 0, count: settings.copies)
        actionRows = [Float](repeating: 0, count: settings.copies * actionSize)
    }

    // MARK: - Training

    /// Collects rollouts while `session` runs, calling `learn` with each full one (its
    /// advantages computed); see the type's summary.
    ///
    /// - Parameters:
    ///   - solvedCheck: runs after every vector step in which an episode ended (the agent's
    ///     ``TrainingSession/checkSolved(_:agent:environment:)`` on a copy of `environment`).
    /// - Throws: what the environment, the networks, `learn` or a callback throws.
    func train<E: Environment>(
        on environment: inout E, in session: TrainingSession, networks: ActorCriticNetworks, seed: UInt64,
        solvedCheck: (E) throws -> Void, learn: (RolloutBuffer) throws -> Void
    ) throws {
        let vector = try copies(of: environment, session: session, seed: seed)
        let (copies, width) = (settings.copies, layout.observationSize)
        var truncationValues = [Float](repeating: 0, count: copies)
        var dones = [Bool](repeating: false, count: copies)
        var rewards = [Float](repeating: 0, count: copies)

        while session.isRunning {
            // 1. a ~ π(· | s), V(s), log π(a | s) for the copies' observations.
            let observations = standardizedObservations(vector.observations)
            let (actions, values, logProbabilities) = try withoutGradients {
                let (policy, values) = try networks.policyAndValue(observations)
                let actions = try policy.sample(using: &sampling)
                return (actions, values, try policy.logProbability(of: actions))
            }

            // 2. Step the copies: indices, or the sampled vectors clipped to the bounds.
            try actions.withUnsafeScalars { sampled in
                if let bounds = layout.actionBounds {
                    let dimension = bounds.dimension
                    for index in 0..<(copies * dimension) {
                        let component = index % dimension
                        actionRows[index] = min(max(sampled[index], bounds.low[component]), bounds.high[component])
                    }
                    try actionRows.withUnsafeBufferPointer { try vector.step(actionRows: $0) }
                } else {
                    for copy in 0..<copies { actionIndices[copy] = Int(sampled[copy]) }
                    try actionIndices.withUnsafeBufferPointer { try vector.step(actionIndices: $0) }
                }
            }

            // 3. Episode ends: a truncated one bootstraps from V(its final observation).
            var truncatedCopies: [Int] = []
            for copy in 0..<copies {
                dones[copy] = vector.terminated[copy] || vector.truncated[copy]
                truncationValues[copy] = 0
                rewards[copy] = vector.rewards[copy]
                if vector.truncated[copy] && !vector.terminated[copy] && vector.hasFinalObservation[copy] {
                    truncatedCopies.append(copy)
                }
            }
            if !truncatedCopies.isEmpty {
                let finals = Tensor(shape: [truncatedCopies.count, width]) { rows in
                    for (row, copy) in truncatedCopies.enumerated() {
                        for feature in 0..<width { rows[row * width + feature] = vector.finalObservations[copy * width + feature] }
                    }
                    observationNormalizer?.normalize(rows, rows: truncatedCopies.count)
                }
                let finalValues = try withoutGradients { try networks.values(finals).scalars }
                for (row, copy) in truncatedCopies.enumerated() { truncationValues[copy] = finalValues[row] }
            }
            if rewardNormalizer != nil {
                rewards.withUnsafeMutableBufferPointer { rewards in
                    rewardNormalizer?.normalize(rewards) { dones[$0] }
                }
            }
            observationNormalizer?.update(vector.observations, rows: copies)

            // 4. Store the step, then record it and the episodes it ended.
            try observations.withUnsafeScalars { observed in
                try actions.withUnsafeScalars { actions in
                    try values.withUnsafeScalars { values in
                        try logProbabilities.withUnsafeScalars { logProbabilities in
                            rewards.withUnsafeBufferPointer { rewards in
                                dones.withUnsafeBufferPointer { dones in
                                    truncationValues.withUnsafeBufferPointer { truncationValues in
                                        buffer.append(observations: observed, actions: actions, rewards: rewards, dones: dones,
                                                      truncationValues: truncationValues, values: values,
                                                      logProbabilities: logProbabilities)
                                    }
                                }
                            }
                        }
                    }
                }
            }
            try session.recordSteps(copies)
            var ended = false
            for copy in 0..<copies {
                guard let episode = vector.finishedEpisode(copy: copy) else { continue }
                try session.endEpisode(return: episode.totalReward, length: episode.length, succeeded: episode.succeeded)
                ended = true
            }
            if ended { try solvedCheck(environment) }

            // 5. A full rollout: advantages, then the agent learns.
            if buffer.isFull {
                let next = standardizedObservations(vector.observations)
                let lastValues = try withoutGradients { try networks.values(next).scalars }
                buffer.computeAdvantages(lastValues: lastValues, discount: Float(settings.discount), lambda: Float(settings.gaeLambda))
                try learn(buffer)
                buffer.reset()
            }
        }
    }

    /// The copies for `environment`'s type: the ones of the last call, or new ones, reset with
    /// the seed on the first call (or restored from a saved state).
    private func copies<E: Environment>(of environment: E, session: TrainingSession, seed: UInt64) throws -> VectorEnvironment<E> {
        if let vector = vector as? VectorEnvironment<E> { return vector }
        let made = try VectorEnvironment(copies: settings.copies, autoreset: .sameStep) { _ in environment }
        vector = made
        if let saved = savedVector {
            savedVector = nil
            do {
                try made.restore(saved)
                return made
            } catch {
                throw AgentError.invalidCheckpoint("the saved environment copies do not fit \(E.self): \(error)")
            }
        }
        if session.state.hasStarted {
            // Another environment type than last time, or copies that could not be saved: new
            // episodes, each copy continuing its own stream.
            made.reset(seed: nil)
        } else {
            session.state.hasStarted = true
            made.reset(seed: seed)
        }
        observationNormalizer?.update(made.observations, rows: settings.copies)
        return made
    }

    /// `observations` (`copies × features`) standardised when normalising, as a tensor.
    private func standardizedObservations(_ observations: UnsafeBufferPointer<Float>) -> Tensor {
        let rows = settings.copies
        return Tensor(shape: [rows, layout.observationSize]) { output in
            _ = output.update(fromContentsOf: observations)
            observationNormalizer?.normalize(output, rows: rows)
        }
    }

    // MARK: - Acting outside training

    /// The deterministic action for one observation's features: the most probable action, or
    /// the Gaussian's mean clipped to the bounds; observations standardised with the statistics
    /// frozen as they are.
    func deterministicAction(_ features: Tensor, networks: ActorCriticNetworks) throws -> PolicyAction {
        var scalars = features.scalars
        if let observationNormalizer {
            scalars = observationNormalizer.normalized(scalars)
        }
        let row = try Tensor(shape: [1, scalars.count], scalars: scalars)
        let mode = try withoutGradients { try networks.policy(row).mode().scalars }
        if let bounds = layout.actionBounds { return .vector(bounds.clipped(mode)) }
        return .index(Int(mode[0]))
    }

    // MARK: - Saving

    /// The observation statistics, saved with what the agent learned (they are part of the
    /// policy: it reads standardised observations).
    func normalizerTensors() -> [String: Tensor] {
        guard let statistics = observationNormalizer?.statistics else { return [:] }
        return [
            "observation_normalizer.mean": Tensor(statistics.mean.map(Float.init)),
            "observation_normalizer.variance": Tensor(statistics.variance.map(Float.init)),
            "observation_normalizer.count": Tensor([Float(statistics.count)]),
        ]
    }

    /// Restores the statistics ``normalizerTensors()`` saved.
    ///
    /// - Throws: ``AgentError/invalidCheckpoint(_:)`` when they are missing or of another size.
    func loadNormalizer(_ tensors: [String: Tensor]) throws {
        guard observationNormalizer != nil else { return }
        let size = layout.observationSize
        guard let mean = tensors["observation_normalizer.mean"], let variance = tensors["observation_normalizer.variance"],
              let count = tensors["observation_normalizer.count"], mean.shape == [size], variance.shape == [size], count.shape == [1] else {
            throw AgentError.invalidCheckpoint("the checkpoint has no observation statistics of size \(size) (observation_normalizer.*)")
        }
        observationNormalizer = ObservationNormalizer(statistics: RunningMeanStandardDeviation(
            mean: mean.scalars.map(Double.init), variance: variance.scalars.map(Double.init), count: Double(count.scalars[0])))
    }

    /// What the agent has learned: the networks' parameters and the observation statistics.
    func learnedTensors(_ networks: ActorCriticNetworks) -> [String: Tensor] {
        networks.tensors().merging(normalizerTensors()) { network, _ in network }
    }

    /// Loads what ``learnedTensors(_:)`` saved.
    ///
    /// - Throws: ``AgentError/invalidCheckpoint(_:)`` for a missing, misshapen or foreign tensor.
    func loadLearnedTensors(_ tensors: [String: Tensor], into networks: ActorCriticNetworks, agent: String) throws {
        let known = Set(learnedTensors(networks).keys)
        if let extra = tensors.keys.sorted().first(where: { !known.contains($0) }) {
            throw AgentError.invalidCheckpoint("tensor '\(extra)' does not belong to a \(agent) agent of this configuration")
        }
        try networks.load(tensors)
        try loadNormalizer(tensors)
    }

    /// What resuming needs: the rollout so far, the generator, the reward statistics and the
    /// copies' state.
    func save(into snapshot: inout TrainingSnapshot) throws {
        snapshot.values.generators["sampling"] = sampling
        try snapshot.store(buffer.saved, as: "rollout")
        if let rewardNormalizer { try snapshot.store(rewardNormalizer, as: "reward_normalizer") }
        if let observationNormalizer { try snapshot.store(observationNormalizer, as: "observation_normalizer") }
        if let vector, let state = try vector.runningState() {
            try snapshot.store(state, as: "environment_copies")
        } else if let savedVector {
            try snapshot.store(savedVector, as: "environment_copies")
        }
    }

    /// Restores what ``save(into:)`` saved; the copies are restored when the next call makes them.
    func restore(from snapshot: TrainingSnapshot) throws {
        sampling = try snapshot.generator("sampling")
        let saved = try snapshot.record(RolloutBuffer.Saved.self, "rollout")
        try buffer.restore(saved)
        if rewardNormalizer != nil { rewardNormalizer = try snapshot.record(RewardNormalizer.self, "reward_normalizer") }
        if observationNormalizer != nil { observationNormalizer = try snapshot.record(ObservationNormalizer.self, "observation_normalizer") }
        vector = nil
        savedVector = snapshot.values.records["environment_copies"] == nil
            ? nil : try snapshot.record(VectorRunningState.self, "environment_copies")
    }
}
