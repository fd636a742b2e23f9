import Foundation
import RLCore
import SeededRandom
import TensorCore

/// What every agent's configuration has: a seed, a training budget, and a check of its values.
public protocol AgentConfiguration: Codable, Equatable, Sendable {
    /// The seed that fixes a training run: environment resets, exploration, weights, sampling.
    var seed: UInt64 { get set }
    /// How long one call of ``Agent/train(on:for:callbacks:)`` trains by default, and the
    /// horizon of schedules that run over the whole training (``Schedule/progress(start:end:)``).
    var budget: TrainingBudget { get set }
    /// Checks every value's range.
    ///
    /// - Throws: ``AgentError/invalidConfiguration(_:)`` naming the first bad value.
    func validate() throws
}

/// What an agent decides for one observation: an action index of a finite action space, or a
/// vector of floats within the bounds of a continuous one (rescaled and clipped already).
public enum PolicyAction: Equatable, Sendable, CustomStringConvertible {
    /// The index `0..<actionCount` of an action of a finite (`Discrete`) space.
    case index(Int)
    /// The scalars of an action of a continuous (`Box`) space, within its bounds.
    case vector([Float])

    public var description: String {
        switch self {
        case .index(let index): "\(index)"
        case .vector(let scalars): "\(scalars)"
        }
    }
}

/// A learning agent: it trains on an environment, then acts deterministically.
///
/// An agent declares itself in its own file (``definition``: name, summary, the spaces it fits,
/// hyperparameters, metrics) and is listed in an ``AgentCatalog`` by one line, from which the
/// `rl` command, configuration files and checkpoint loading know it. Agents are built for an
/// environment's spaces (see ``SpaceLayout``) and refuse environments that do not fit.
/// Training is reproducible: the configuration's seed fixes every random draw, so the same
/// seed gives the same run, metric for metric.
///
/// **Calling `train` again continues** from where the last call stopped: the step and episode
/// counts, schedules (ε, learning rates), random streams, the replay buffer and the episode in
/// progress carry on, so `train(for: .steps(N))` then `train(for: .steps(M))` is the same run as
/// one `train(for: .steps(N + M))` (pass the same environment each time; the first call resets
/// it with the configuration's seed, later calls do not reset it).
///
/// ```swift
/// var environment = try EnvironmentRegistry.standard.make("cartpole")
/// let agent = try DQNAgent(configuration: .init(seed: 1), environment: environment)
/// let report = try agent.train(on: &environment)
/// let evaluation = try agent.evaluate(on: &environment, episodes: 100)
/// let action = try agent.predict(observation)          // .index(1)
/// try agent.save(to: URL(fileURLWithPath: "dqn.safetensors"), environment: .init(id: "CartPole-v1"))
/// ```
public protocol Agent: AnyObject {
    /// The agent's hyperparameters.
    associatedtype Configuration: AgentConfiguration

    /// What the agent is: its name, aliases, summary, the spaces it fits, its hyperparameters
    /// and metrics, declared once in the agent's file.
    static var definition: AgentDefinition<Self> { get }

    /// The hyperparameters the agent was created with.
    var configuration: Configuration { get }
    /// The spaces the agent was built for.
    var layout: SpaceLayout { get }
    /// What carries over from one call of `train` to the next (counts, the episode in progress).
    var trainingState: TrainingState { get }

    /// Creates an untrained agent for a layout (see ``init(configuration:environment:)``).
    ///
    /// - Throws: ``AgentError/invalidConfiguration(_:)`` for out-of-range hyperparameters.
    init(configuration: Configuration, layout: SpaceLayout) throws

    /// The training loop: steps `environment` while `session.isRunning`, recording each step,
    /// update and episode in `session` (``TrainingSession``). Call it through
    /// ``train(on:for:callbacks:)``, which checks the environment and runs the callbacks.
    ///
    /// - Throws: whatever the environment, the network or a callback throws.
    func train<E: Environment>(on environment: inout E, in session: TrainingSession) throws

    /// The action the agent judges best for `observation`: greedy for value-based agents, the
    /// most probable (or mean) action for policies.
    ///
    /// `generator` breaks ties between equally good actions where the agent does so at random.
    ///
    /// - Throws: what the agent's network throws (nothing, once the layout has been checked).
    func action<S: Space>(for observation: S.Element, in space: S, using generator: inout SeededGenerator) throws -> PolicyAction

    /// What the agent has learned, as named tensors (for checkpoints).
    func parameterTensors() -> [String: Tensor]

    /// Restores what the agent has learned from named tensors.
    ///
    /// - Throws: ``AgentError/invalidCheckpoint(_:)`` when names or shapes do not match.
    func loadParameterTensors(_ tensors: [String: Tensor]) throws

    /// What the agent keeps for training beyond what it learned (optimizer state, target
    /// networks, generators, counters, the replay buffer), for an exact resume; the session's
    /// counts and the environment are added by ``saveForResume(to:environment:training:)``.
    ///
    /// - Throws: ``AgentError/invalidConfiguration(_:)`` when the agent cannot save it (the
    ///   default, for agents that do not implement it).
    func trainingSnapshot() throws -> TrainingSnapshot

    /// Restores what ``trainingSnapshot()`` saved.
    ///
    /// - Throws: ``AgentError/invalidCheckpoint(_:)`` when something is missing or does not fit.
    func restoreTraining(from snapshot: TrainingSnapshot) throws
}

extension Agent {
    /// The agent's name on the command line and in checkpoints (`dqn`).
    public static var name: String { definition.name }

    /// Agents that do not implement it cannot be resumed exactly.
    public func trainingSnapshot() throws -> TrainingSnapshot {
        throw AgentError.invalidConfiguration("\(Self.name) cannot save its training state for an exact resume")
    }

    /// Agents that do not implement it cannot be resumed exactly.
    public func restoreTraining(from snapshot: TrainingSnapshot) throws {
        throw AgentError.invalidCheckpoint("\(Self.name) cannot restore a training state")
    }

    /// Creates an untrained agent for `environment`'s spaces.
    ///
    /// - Throws: ``AgentError/doesNotFit(_:)`` naming the agent and both spaces when it cannot
    ///   work with them; ``AgentError/invalidConfiguration(_:)`` for bad hyperparameters.
    public init(configuration: Configuration, environment: some Environment) throws {
        let layout = try SpaceLayout(
            observationSpace: environment.observationSpace, actionSpace: environment.actionSpace,
            requirements: Self.definition.requirements, agent: Self.name)
        try self.init(configuration: configuration, layout: layout)
    }

    /// Checks that `environment` fits the agent's layout; every training and evaluation loop
    /// starts with it.
    public func checkFits(_ environment: some Environment) throws {
        try layout.check(
            observationSpace: environment.observationSpace, actionSpace: environment.actionSpace, agent: Self.name)
    }

    // MARK: - Training

    /// Trains on `environment`, continuing from where the last call stopped, for `budget` more
    /// (default: the configuration's budget), with `callbacks` called on every step, update and
    /// episode end (see ``TrainingCallback``).
    ///
    /// - Parameter recordingEpisodes: whether the report keeps one record per episode (default
    ///   `true`); a long run that streams its metrics through a callback can leave it off.
    /// - Throws: ``AgentError/doesNotFit(_:)`` when the environment's spaces differ from the
    ///   agent's layout, ``AgentError/invalidConfiguration(_:)`` for a bad budget, and whatever
    ///   the environment or a callback throws (training stops at that point; what the agent
    ///   learned so far stays).
    @discardableResult
    public func train<E: Environment>(
        on environment: inout E, for budget: TrainingBudget? = nil, callbacks: [any TrainingCallback] = [],
        recordingEpisodes: Bool = true
    ) throws -> TrainingReport {
        try checkFits(environment)
        let budget = budget ?? configuration.budget
        try budget.validate()
        let session = TrainingSession(
            agent: self, budget: budget, callbacks: callbacks, recordingEpisodes: recordingEpisodes)
        try session.begin()
        do {
            try train(on: &environment, in: session)
        } catch {
            session.abandon()
            throw error
        }
        return try session.end()
    }

    /// Trains as ``train(on:for:callbacks:recordingEpisodes:)``, reporting every episode to
    /// `progress` (the version 1 form; a ``ProgressCallback``).
    @discardableResult
    public func train<E: Environment>(on environment: inout E, progress: @escaping ProgressHandler) throws -> TrainingReport {
        try train(on: &environment, callbacks: [ProgressCallback(progress)])
    }

    // MARK: - Acting

    /// The environment's action for ``action(for:in:using:)``'s decision.
    ///
    /// - Throws: ``AgentError/doesNotFit(_:)`` when the decision is not an action of the space
    ///   (an index out of range, a vector of the wrong length).
    public func environmentAction<E: Environment>(
        for observation: E.Observation, in environment: E, using generator: inout SeededGenerator
    ) throws -> E.Action {
        let decision = try action(for: observation, in: environment.observationSpace, using: &generator)
        return try decision.element(of: environment.actionSpace, agent: Self.name)
    }

    /// The action the agent takes for `observation`, deterministically: greedy, most probable
    /// or mean (Stable-Baselines3's `predict(observation, deterministic=True)`).
    ///
    /// Reads the observation with the spaces the agent was made for (``SpaceLayout/spaces``),
    /// so an agent made from an environment, or loaded with ``AgentCatalog/load(from:registry:)``,
    /// needs nothing else. Ties between equal values are broken by the stream of the
    /// configuration's seed, the same way on every call.
    ///
    /// - Throws: ``AgentError/doesNotFit(_:)`` when the agent does not know its spaces or the
    ///   observation is not an element of its observation space.
    public func predict<Observation>(_ observation: Observation) throws -> PolicyAction {
        guard let spaces = layout.spaces else {
            throw AgentError.doesNotFit(
                "\(Self.name) does not know the spaces it was made for; make it from an environment or load it with that environment")
        }
        func decide<S: Space>(_ space: S) throws -> PolicyAction {
            guard let element = observation as? S.Element else {
                throw AgentError.doesNotFit(
                    "\(Self.name) reads observations of \(space) (\(S.Element.self)), got a \(Observation.self)")
            }
            var generator = SeededGenerator(seed: configuration.seed, stream: AgentStream.prediction)
            return try action(for: element, in: space, using: &generator)
        }
        return try decide(spaces.observation)
    }

    /// The action of ``predict(_:)`` as an element of the action space (`Int` for `Discrete`,
    /// the `Box`'s vector type), as `Action`.
    ///
    /// - Throws: ``AgentError/doesNotFit(_:)`` as ``predict(_:)``, or when `Action` is not the
    ///   action space's element type.
    public func predict<Observation, Action>(_ observation: Observation, as type: Action.Type) throws -> Action {
        let decision = try predict(observation)
        guard let spaces = layout.spaces else { throw AgentError.doesNotFit("\(Self.name) does not know its spaces") }
        func convert<S: Space>(_ space: S) throws -> Action {
            guard let action = try decision.element(of: space, agent: Self.name) as? Action else {
                throw AgentError.doesNotFit("\(Self.name)'s actions are \(S.Element.self), not \(Action.self)")
            }
            return action
        }
        return try convert(spaces.action)
    }
}

extension PolicyAction {
    /// The element of `space` this decision stands for.
    ///
    /// - Throws: ``AgentError/doesNotFit(_:)`` naming the agent when the space has no such
    ///   element.
    public func element<S: Space>(of space: S, agent: String) throws -> S.Element {
        switch self {
        case .index(let index):
            if let element = space.element(atIndex: index) { return element }
        case .vector(let scalars):
            if let element = space.unflatten(scalars) { return element }
        }
        throw AgentError.doesNotFit("\(agent) chose the action \(self), which is not in the action space \(space)")
    }
}
