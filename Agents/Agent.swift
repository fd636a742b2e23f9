import Foundation
import RLCore
import SeededRandom
import TensorCore

/// What every agent's configuration has: a seed, a training budget, and a check of its values.
public protocol AgentConfiguration: Codable, Equatable, Sendable {
    /// The seed that fixes a training run: environment resets, exploration, weights, sampling.
    var seed: UInt64 { get set }
    /// How long ``Agent/train(on:progress:)`` trains.
    var budget: TrainingBudget { get set }
    /// Checks every value's range.
    ///
    /// - Throws: ``AgentError/invalidConfiguration(_:)`` naming the first bad value.
    func validate() throws
}

/// A learning agent: it trains on an environment, then acts greedily.
///
/// Agents are built for an environment's spaces (see ``SpaceLayout``) and refuse environments
/// that do not fit. Training is reproducible: the configuration's seed fixes every random draw,
/// so the same seed gives the same run, metric for metric.
///
/// ```swift
/// var environment = try EnvironmentRegistry.standard.make("cartpole")
/// let agent = try DQNAgent(configuration: .init(seed: 1), environment: environment)
/// let report = try agent.train(on: &environment)
/// let evaluation = try agent.evaluate(on: &environment, episodes: 100)
/// try agent.save(to: URL(fileURLWithPath: "dqn.safetensors"), environment: .init(id: "CartPole-v1"))
/// ```
public protocol Agent: AnyObject {
    /// The agent's hyperparameters.
    associatedtype Configuration: AgentConfiguration

    /// The agent's name on the command line and in checkpoints (`dqn`).
    static var name: String { get }
    /// How the agent reads observations.
    static var observationEncoding: SpaceLayout.ObservationEncoding { get }

    /// The hyperparameters the agent was created with.
    var configuration: Configuration { get }
    /// The spaces the agent was built for.
    var layout: SpaceLayout { get }

    /// Creates an untrained agent for a layout (see ``init(configuration:environment:)``).
    ///
    /// - Throws: ``AgentError/invalidConfiguration(_:)`` for out-of-range hyperparameters.
    init(configuration: Configuration, layout: SpaceLayout) throws

    /// Trains on `environment` for the configuration's budget, reporting every episode.
    ///
    /// - Throws: ``AgentError/doesNotFit(_:)`` when the environment's spaces differ from the
    ///   agent's layout, and whatever the environment throws.
    func train<E: Environment>(on environment: inout E, progress: @escaping ProgressHandler) throws -> TrainingReport

    /// The action index `0..<actionCount` the agent judges best for `observation`.
    ///
    /// `generator` breaks ties between equally good actions where the agent does so at random.
    ///
    /// - Throws: what the agent's network throws (nothing, once the layout has been checked).
    func greedyAction<S: Space>(for observation: S.Element, in space: S, using generator: inout SeededGenerator) throws -> Int

    /// What the agent has learned, as named tensors (for checkpoints).
    func parameterTensors() -> [String: Tensor]

    /// Restores what the agent has learned from named tensors.
    ///
    /// - Throws: ``AgentError/invalidCheckpoint(_:)`` when names or shapes do not match.
    func loadParameterTensors(_ tensors: [String: Tensor]) throws
}

extension Agent {
    /// Creates an untrained agent for `environment`'s spaces.
    ///
    /// - Throws: ``AgentError/doesNotFit(_:)`` naming the agent and both spaces when it cannot
    ///   work with them; ``AgentError/invalidConfiguration(_:)`` for bad hyperparameters.
    public init(configuration: Configuration, environment: some Environment) throws {
        let layout = try SpaceLayout(
            observationSpace: environment.observationSpace, actionSpace: environment.actionSpace,
            encoding: Self.observationEncoding, agent: Self.name)
        try self.init(configuration: configuration, layout: layout)
    }

    /// Trains on `environment` for the configuration's budget, without progress reports.
    public func train<E: Environment>(on environment: inout E) throws -> TrainingReport {
        try train(on: &environment, progress: { _ in .proceed })
    }

    /// Checks that `environment` fits the agent's layout; every training and evaluation loop
    /// starts with it.
    public func checkFits(_ environment: some Environment) throws {
        try layout.check(
            observationSpace: environment.observationSpace, actionSpace: environment.actionSpace, agent: Self.name)
    }

    /// The greedy action for `observation` as the environment's action.
    func greedyEnvironmentAction<E: Environment>(
        for observation: E.Observation, in environment: E, using generator: inout SeededGenerator
    ) throws -> E.Action {
        let index = try greedyAction(for: observation, in: environment.observationSpace, using: &generator)
        return environment.actionSpace.element(atIndex: index)!
    }
}
