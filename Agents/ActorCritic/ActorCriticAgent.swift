import RLCore
import SeededRandom
import TensorCore

/// What A2C and PPO share as agents, written once here: both train by collecting rollouts
/// (``OnPolicyRollouts``) and learning from each full one, act with their networks'
/// deterministic action, and save what they learned through their rollouts (the networks and
/// the observation statistics). Each brings its own update and optimiser.
protocol ActorCriticAgent: Agent {
    /// The policy and value networks.
    var networks: ActorCriticNetworks { get }
    /// The rollouts, whose observation statistics acting and checkpoints need.
    var rollouts: OnPolicyRollouts { get }

    /// Learns from a full rollout (its advantages and returns computed), recording the update in
    /// `session`.
    func update(with buffer: RolloutBuffer, in session: TrainingSession) throws
}

extension ActorCriticAgent {
    /// Collects rollouts while `session` runs and learns from each full one, stopping early
    /// once the task is solved when ``ActorCriticSettings/solved`` is set.
    public func train<E: Environment>(on environment: inout E, in session: TrainingSession) throws {
        try rollouts.train(
            on: &environment, in: session, networks: networks, seed: configuration.seed,
            solvedCheck: { [unowned self] in try session.checkSolved(rollouts.settings.solved, agent: self, environment: $0) },
            learn: { [unowned self] in try update(with: $0, in: session) })
    }

    /// The most probable action, or the Gaussian's mean clipped to the bounds.
    public func action<S: Space>(for observation: S.Element, in space: S, using generator: inout SeededGenerator) throws -> PolicyAction {
        try rollouts.deterministicAction(ObservationFeatures.tensor(observation, in: space), networks: networks)
    }

    /// The networks (`actor.…`, `critic.…`) and, when normalising, the observation statistics.
    public func parameterTensors() -> [String: Tensor] {
        rollouts.learnedTensors(networks)
    }

    /// Loads what ``parameterTensors()`` saved.
    ///
    /// - Throws: ``AgentError/invalidCheckpoint(_:)`` when a name or shape does not match.
    public func loadParameterTensors(_ tensors: [String: Tensor]) throws {
        try rollouts.loadLearnedTensors(tensors, into: networks, agent: Self.name)
    }
}
