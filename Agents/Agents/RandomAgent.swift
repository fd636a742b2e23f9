import RLCore
import SeededRandom
import TensorCore

/// The baseline: every action uniformly at random, nothing learned.
///
/// The notes measure about 1.5% success for it on deterministic 4x4 FrozenLake; anything that
/// learns should beat it. It fits any environment: an index uniform over a finite action space,
/// or a vector uniform within the bounds of a continuous one (Gymnasium's `action_space.sample()`
/// for a bounded `Box`; unbounded scalars are drawn from N(0, 1), as Gymnasium does). Its
/// deterministic action is random too, so an evaluation measures the random policy.
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

    public static let definition = AgentDefinition<RandomAgent>(
        name: "random", summary: "uniformly random actions (the baseline)",
        requirements: SpaceRequirements(observations: .flattened, actions: .any),
        defaults: Configuration(), hyperparameters: [], metrics: [.epsilon])

    public let configuration: Configuration
    public let layout: SpaceLayout
    public let trainingState = TrainingState()
    private var generator: SeededGenerator

    public init(configuration: Configuration, layout: SpaceLayout) throws {
        try configuration.validate()
        self.configuration = configuration
        self.layout = layout
        generator = SeededGenerator(seed: configuration.seed, stream: AgentStream.exploration)
    }

    /// Plays random actions for the budget, recording the episodes (nothing is learned).
    public func train<E: Environment>(on environment: inout E, in session: TrainingSession) throws {
        var observation = session.observation(from: &environment, seed: configuration.seed)
        while session.isRunning {
            let action = try environmentAction(for: observation, in: environment, using: &generator)
            let result = try environment.step(action)
            // ε = 1: every action is exploration.
            session.record(1, for: .epsilon)
            try session.recordStep(reward: result.reward)
            observation = result.observation
            if result.isDone {
                try session.endEpisode(succeeded: environment.episodeSucceeded)
                observation = environment.reset()
            }
        }
        session.suspend(at: observation)
    }

    public func action<S: Space>(for observation: S.Element, in space: S, using generator: inout SeededGenerator) -> PolicyAction {
        guard let bounds = layout.actionBounds else { return .index(generator.uniformInt(below: layout.actionCount)) }
        let box = Box<[Float]>(low: bounds.low, high: bounds.high)
        return .vector(box.sample(using: &generator))
    }

    public func trainingSnapshot() -> TrainingSnapshot {
        var snapshot = TrainingSnapshot()
        snapshot.values.generators["exploration"] = generator
        return snapshot
    }

    public func restoreTraining(from snapshot: TrainingSnapshot) throws {
        generator = try snapshot.generator("exploration")
    }

    public func parameterTensors() -> [String: Tensor] { [:] }

    public func loadParameterTensors(_ tensors: [String: Tensor]) throws {
        guard tensors.isEmpty else {
            throw AgentError.invalidCheckpoint("a random agent has no parameters, but the checkpoint holds \(tensors.keys.sorted())")
        }
    }
}
