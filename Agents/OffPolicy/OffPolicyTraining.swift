import RLCore
import SeededRandom
import TensorCore

/// The loop the continuous off-policy agents (SAC, TD3) share, as Stable-Baselines3's
/// `OffPolicyAlgorithm` runs it with one environment, and what it keeps across calls: the twin
/// critics and their optimiser, the replay buffer, the random streams and the update count.
///
///     before `learningStarts` steps: a uniformly random action (the space's own sample)
///     after:                         the agent's exploring action
///     step the environment with the action rescaled from [-1, 1] to the bounds
///     store (s, a in [-1, 1], r, s′, terminated)    (a truncated s′ is the final observation,
///                                                   so the target bootstraps through the limit)
///     every `trainFrequency` steps past `learningStarts`: `gradientSteps` updates, each on a
///     minibatch of `batchSize` transitions drawn from the buffer
///
/// Each agent brings its actor, how it explores and how it learns from a minibatch; everything
/// else is here once, and so are the hyperparameters the loop reads (``OffPolicySettings``).
final class OffPolicyTraining {
    let settings: OffPolicySettings
    /// The action space's finite bounds; actions are in [-1, 1] until rescaled to them.
    let bounds: ActionBounds
    /// Q₁, Q₂ and their targets.
    let critics: TwinCritics
    /// Adam for both critics (one optimiser, as SB3).
    let criticOptimizer: Adam
    /// The replay buffer D (kept across calls to `train`).
    private(set) var replayBuffer: ReplayBuffer
    /// Draws the warm-up actions and the agent's exploration noise.
    var exploration: SeededGenerator
    /// Draws the minibatches.
    private var sampling: SeededGenerator
    /// Draws the noise inside updates (SAC's policy samples, TD3's target smoothing).
    var updateNoise: SeededGenerator
    /// Gradient steps so far, counting the one under way (the agents' delays count them).
    private(set) var updates = 0

    /// The shared state of an agent whose actor has `actorOutputsPerAction` outputs for each
    /// action scalar (SAC's μ and log σ: 2), after checking that the action space has finite
    /// bounds and that the networks fit in memory.
    ///
    /// - Throws: ``AgentError/doesNotFit(_:)`` naming `agent` for an action space without
    ///   finite bounds; ``AgentError/invalidConfiguration(_:)`` for networks too large.
    init(settings: OffPolicySettings, layout: SpaceLayout, actorOutputsPerAction: Int, seed: UInt64, agent: String) throws {
        guard let bounds = layout.actionBounds, bounds.isFinite else {
            throw AgentError.doesNotFit("\(agent) rescales its actions into the bounds of the action space, which must be finite; got \(layout.actionSpace)")
        }
        self.settings = settings
        self.bounds = bounds
        let actionSize = bounds.dimension
        var memory = TrainingMemory()
        memory.add(settings.actorNetwork, inputCount: layout.observationSize, outputCount: actorOutputsPerAction * actionSize, batchSize: settings.batchSize)
        for _ in 0..<2 {
            memory.add(settings.criticNetwork, inputCount: layout.observationSize + actionSize, outputCount: 1,
                       batchSize: settings.batchSize)
        }
        try memory.check()
        critics = try TwinCritics(
            shape: settings.criticNetwork, observationSize: layout.observationSize, actionSize: actionSize,
            seed: seed, stream: AgentStream.criticWeights)
        criticOptimizer = try Adam(parameters: critics.parameters, learningRate: Float(settings.learningRate.value(at: 0)))
        replayBuffer = ReplayBuffer(capacity: settings.bufferCapacity, observationSize: layout.observationSize, actionSize: actionSize)
        exploration = SeededGenerator(seed: seed, stream: AgentStream.exploration)
        sampling = SeededGenerator(seed: seed, stream: AgentStream.replay)
        updateNoise = SeededGenerator(seed: seed, stream: AgentStream.updateNoise)
    }

    /// Counts one gradient step taken outside the loop, as the loop counts its own (the
    /// benchmarks' way into the agents' updates).
    func countUpdate() {
        updates += 1
    }

    /// The learning rate at step 0, for the agents' optimisers.
    var initialLearningRate: Float { Float(settings.learningRate.value(at: 0)) }

    /// A uniformly random action in [-1, 1]ⁿ, the action space's own sample seen in [-1, 1].
    static func randomUnitAction(dimension: Int, using generator: inout SeededGenerator) -> [Float] {
        (0..<dimension).map { _ in min(generator.uniform(Float(-1), Float(1)), 1) }
    }

    // MARK: - Training

    /// Runs the loop while `session` runs; see the type's summary.
    ///
    /// - Parameters:
    ///   - optimizers: the agent's optimisers besides the critics', whose learning rate follows
    ///     the schedule with the critics'.
    ///   - explore: the exploring action in [-1, 1] for one observation's features.
    ///   - update: one gradient step on a minibatch; returns the losses to record.
    ///   - episodeEnded: called when an episode ends (to restart correlated noise).
    /// - Throws: what the environment, the networks or a callback throws.
    func train<E: Environment>(
        on environment: inout E, in session: TrainingSession, seed: UInt64, agent: String, optimizers: [Adam],
        explore: (Tensor) throws -> [Float], update: (ReplayBatch) throws -> [(Metric, Double)],
        episodeEnded: () -> Void = {}
    ) throws {
        let settings = self.settings
        let observationSpace = environment.observationSpace
        var observation = session.observation(from: &environment, seed: seed)
        var features = ObservationFeatures.tensor(observation, in: observationSpace)
        while session.isRunning {
            // 1. a ∈ [-1, 1]: random while warming up, then the agent's exploring action.
            let unit = session.steps < settings.learningStarts
                ? Self.randomUnitAction(dimension: bounds.dimension, using: &exploration) : try explore(features)

            // 2. Act with a rescaled to the bounds; store (s, a, r, s′, terminated).
            let action = bounds.rescaled(fromUnit: unit)
            let result = try environment.step(try PolicyAction.vector(action).element(of: environment.actionSpace, agent: agent))
            let nextFeatures = ObservationFeatures.tensor(result.observation, in: observationSpace)
            store(features, unit, result.reward, nextFeatures, result.terminated)
            try session.recordStep(reward: result.reward)

            // 3. Learn.
            if session.steps > settings.learningStarts && session.steps % settings.trainFrequency == 0 {
                for _ in 0..<settings.gradientSteps {
                    let rate = Float(settings.learningRate.value(at: session.steps, progress: session.progress))
                    criticOptimizer.learningRate = rate
                    for optimizer in optimizers { optimizer.learningRate = rate }
                    let batch = replayBuffer.sample(batchSize: settings.batchSize, using: &sampling)
                    updates += 1
                    for (metric, value) in try update(batch) { session.record(value, for: metric) }
                }
                try session.endUpdate()
            }

            observation = result.observation
            features = nextFeatures
            if result.isDone {
                try session.endEpisode(succeeded: environment.episodeSucceeded)
                episodeEnded()
                observation = environment.reset()
                features = ObservationFeatures.tensor(observation, in: observationSpace)
            }
        }
        session.suspend(at: observation)
    }

    /// Stores (features, action in [-1, 1], reward, next features, terminated).
    private func store(_ features: Tensor, _ action: [Float], _ reward: Double, _ next: Tensor, _ terminated: Bool) {
        features.withUnsafeScalars { current in
            next.withUnsafeScalars { following in
                action.withUnsafeBufferPointer { action in
                    replayBuffer.append(observation: current, action: action, reward: reward, nextObservation: following,
                                        terminated: terminated)
                }
            }
        }
    }

    // MARK: - Saving and resuming

    /// The actor's tensors (`actor.…`) and the critics' (`critic_1.…`, `critic_2.…`).
    func tensors(actor: Sequential) -> [String: Tensor] {
        actor.tensors(prefixedWith: "actor").merging(critics.tensors()) { first, _ in first }
    }

    /// Loads the actor and the critics saved by ``tensors(actor:)`` (the critics' targets are
    /// copied from them).
    ///
    /// - Throws: ``AgentError/invalidCheckpoint(_:)`` when a name or shape does not match, or for
    ///   a tensor that is neither theirs nor among `others` (the agent's own).
    func load(_ tensors: [String: Tensor], actor: Sequential, others: Set<String> = [], agent: String) throws {
        try actor.loadTensors(tensors.filter { $0.key.hasPrefix("actor.") }, prefixedWith: "actor")
        try critics.load(tensors.filter { $0.key.hasPrefix("critic_") })
        let known = Set(self.tensors(actor: actor).keys).union(others)
        if let extra = tensors.keys.sorted().first(where: { !known.contains($0) }) {
            throw AgentError.invalidCheckpoint("tensor '\(extra)' does not belong to a \(agent) agent")
        }
    }

    /// Adds the random streams, the update count, the critics' optimiser and targets, and the
    /// replay buffer to `snapshot`.
    func save(into snapshot: inout TrainingSnapshot) {
        snapshot.values.generators.merge(["exploration": exploration, "replay": sampling, "update_noise": updateNoise]) { _, new in new }
        snapshot.values.integers["updates"] = updates
        criticOptimizer.save(into: &snapshot, as: "critic_optimizer")
        for (index, target) in critics.targets.enumerated() { target.save(into: &snapshot, as: "critic_target_\(index + 1)") }
        snapshot.replayBuffer = replayBuffer
    }

    /// Restores what ``save(into:)`` saved.
    ///
    /// - Throws: ``AgentError/invalidCheckpoint(_:)`` when something is missing or does not fit.
    func restore(from snapshot: TrainingSnapshot) throws {
        exploration = try snapshot.generator("exploration")
        sampling = try snapshot.generator("replay")
        updateNoise = try snapshot.generator("update_noise")
        updates = try snapshot.integer("updates")
        try criticOptimizer.restore(from: snapshot, as: "critic_optimizer")
        for (index, target) in critics.targets.enumerated() { try target.restore(from: snapshot, as: "critic_target_\(index + 1)") }
        if let buffer = snapshot.replayBuffer {
            guard buffer.observationSize == replayBuffer.observationSize, buffer.actionSize == replayBuffer.actionSize else {
                throw AgentError.invalidCheckpoint("the saved replay buffer does not fit the agent's spaces")
            }
            replayBuffer = buffer
        }
    }
}
