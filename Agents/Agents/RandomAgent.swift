import RLCore
import SeededRandom
import TensorCore

/// The baseline: every action uniformly at random, nothing learned.
///
/// The notes measure about 1.5% success for it on deterministic 4x4 FrozenLake; anything that
/// learns should beat it. It fits any environment with a finite action space. Its "greedy"
/// action is random too, so an evaluation measures the random policy.
public final class RandomAgent: Agent {
    /// The baseline's settings: only a seed and a budget.
    public struct Configuration: AgentConfiguration {
        /// The seed of the environment resets and the action draws.
        public var seed: UInt64
        /// How long to play (default 1,000 episodes).
        public var budget: TrainingBudget

        /// Creates the settings; see each property for its meaning and default.
        public init(seed: UInt64 = 0, budget: TrainingBudget = .episodes(1_000)) {
            self.seed = seed
            self.budget = budget
        }

        public func validate() throws {
            try budget.validate()
        }
    }

    public static let name = "random"
    public static let observationEncoding = SpaceLayout.ObservationEncoding.flattened

    public let configuration: Configuration
    public let layout: SpaceLayout

    public init(configuration: Configuration, layout: SpaceLayout) throws {
        try configuration.validate()
        self.configuration = configuration
        self.layout = layout
    }

    /// Plays random actions for the budget, recording the episodes (nothing is learned).
    public func train<E: Environment>(on environment: inout E, progress: @escaping ProgressHandler) throws -> TrainingReport {
        try checkFits(environment)
        var generator = SeededGenerator(seed: configuration.seed, stream: AgentStream.exploration)
        var session = TrainingSession(budget: configuration.budget, progress: progress)
        _ = environment.reset(seed: configuration.seed)
        while session.isRunning {
            let action = generator.uniformInt(below: layout.actionCount)
            let result = try environment.step(environment.actionSpace.element(atIndex: action)!)
            session.recordStep(reward: result.reward)
            if result.isDone {
                session.endEpisode(succeeded: environment.episodeSucceeded, epsilon: 1)
                _ = environment.reset()
            }
        }
        return session.report()
    }

    public func greedyAction<S: Space>(for observation: S.Element, in space: S, using generator: inout SeededGenerator) -> Int {
        generator.uniformInt(below: layout.actionCount)
    }

    public func parameterTensors() -> [String: Tensor] { [:] }

    public func loadParameterTensors(_ tensors: [String: Tensor]) throws {
        guard tensors.isEmpty else {
            throw AgentError.invalidCheckpoint("a random agent has no parameters, but the checkpoint holds \(tensors.keys.sorted())")
        }
    }
}
