import Foundation
import RLCore
import SeededRandom
import TensorCore

/// Tabular Q-learning: a table of Q(s, a) for every state and action, learned from each step.
///
/// Every stage of the notes' progression (seed 004, section 8.1) is a configuration:
///
/// | the notes' step | configuration |
/// |---|---|
/// | "dummy" Q-learning, Q(s, a) = r + max Q(s', a') | ``Configuration/notesDummy`` |
/// | + exploration (decaying ε-greedy or random noise) and discount γ | ``Configuration/notesExploration(_:)`` |
/// | + learning rate α for stochastic worlds | ``Configuration/notesLearningRate`` |
///
/// The update after each step (s, a, r, s'):
///
///     target   = r                          if the episode terminated at s'
///              = r + γ · maxₐ' Q(s', a')    otherwise (also when cut by a time limit)
///     Q(s, a) ← (1 − α) · Q(s, a) + α · target
///
/// With α = 1 and γ = 1 this is exactly the notes' "dummy" rule. Greedy choices break ties
/// at random (the notes' `rargmax`), which is what lets an all-zero table explore at all.
///
/// Fits environments with `Discrete` observations and actions (FrozenLake, CliffWalking, grid
/// worlds); refuses others with an error naming the spaces.
public final class QTableAgent: Agent {
    /// How the agent explores while training (shared with the other tabular agents).
    public typealias Exploration = TabularExploration

    /// The hyperparameters; the defaults learn FrozenLake (4x4, either variant) reliably.
    public struct Configuration: AgentConfiguration {
        /// The seed of the resets, the exploration and the tie-breaking (default 0).
        public var seed: UInt64
        /// How long to train (default 20,000 episodes).
        public var budget: TrainingBudget
        /// α(episode) in (0, 1]: how far each update moves Q(s, a) towards its target
        /// (default 0.1 falling linearly to 0.01 over 20,000 episodes).
        public var learningRate: Schedule
        /// γ in [0, 1]: the weight of future rewards (default 0.995).
        public var discount: Double
        /// How to explore (default ε-greedy, ε falling linearly from 1 to 0.01 over the first
        /// 10,000 episodes).
        public var exploration: TabularExploration

        /// Creates the hyperparameters; see each property for its meaning and default.
        public init(
            seed: UInt64 = 0, budget: TrainingBudget = .episodes(20_000),
            learningRate: Schedule = .linear(start: 0.1, end: 0.01, duration: 20_000),
            discount: Double = 0.995,
            exploration: TabularExploration = .epsilonGreedy(.linear(start: 1, end: 0.01, duration: 10_000))
        ) {
            self.seed = seed
            self.budget = budget
            self.learningRate = learningRate
            self.discount = discount
            self.exploration = exploration
        }

        public func validate() throws {
            try budget.validate()
            try learningRate.validate("learning rate", in: 1e-9...1)
            try ConfigurationCheck.unitInterval(discount, "discount")
            try exploration.validate()
        }

        // MARK: The notes' progression

        /// The notes' first step: Q(s, a) = r + max Q(s', a') (α = 1, γ = 1), no exploration
        /// beyond random tie-breaking, 2,000 episodes. Learns deterministic FrozenLake.
        public static let notesDummy = Configuration(
            budget: .episodes(2_000), learningRate: .constant(1), discount: 1, exploration: .none)

        /// The notes' second step: discount γ = 0.99 and exploration (decaying ε-greedy
        /// ε = 1 / (episode / 100 + 1), or noise / (episode + 1)), α = 1, 2,000 episodes.
        public static func notesExploration(_ exploration: TabularExploration) -> Configuration {
            Configuration(budget: .episodes(2_000), learningRate: .constant(1), discount: 0.99, exploration: exploration)
        }

        /// The notes' decaying ε for ``notesExploration(_:)``: 1 / (episode / 100 + 1).
        public static let notesEpsilon = TabularExploration.notesEpsilon

        /// The notes' third step, for slippery worlds: α = 0.85 mixes old and new estimates,
        /// γ = 0.99, noise exploration, 2,000 episodes.
        public static let notesLearningRate = Configuration(
            budget: .episodes(2_000), learningRate: .constant(0.85), discount: 0.99, exploration: .noise(scale: 1))

        /// The configuration that solves a registered environment (ids or aliases as in the
        /// standard registry); the defaults for the others.
        public static func recommended(for environment: String) -> Configuration {
            switch environment.lowercased() {
            case "frozenlake8x8-v1", "frozenlake8x8":
                Configuration(
                    budget: .episodes(150_000), learningRate: .linear(start: 0.05, end: 0.002, duration: 150_000),
                    discount: 0.995, exploration: .epsilonGreedy(.linear(start: 1, end: 0.01, duration: 75_000)))
            case "cliffwalking-v1", "cliffwalking":
                Configuration(
                    budget: .episodes(500), learningRate: .constant(0.5), discount: 1,
                    exploration: .epsilonGreedy(.constant(0.1)))
            default:
                Configuration()
            }
        }
    }

    public static let definition = AgentDefinition<QTableAgent>(
        name: "qtable", summary: "tabular Q-learning, the notes' progression from the dummy rule to α and γ",
        requirements: SpaceRequirements(observations: .index, actions: .discrete),
        defaults: Configuration(), recommended: Configuration.recommended(for:),
        hyperparameters: [
            Hyperparameter(
                "preset", summary: "start from a stage of the notes' progression: dummy (Q = r + max Q', no exploration), "
                    + "exploration (γ and decaying exploration; pick it with --exploration) or learning-rate (α = 0.85 for slippery ice)",
                accepts: "one of dummy, exploration, learning-rate", valueName: "dummy|exploration|learning-rate",
                choices: ["dummy", "exploration", "learning-rate"],
                read: { _ in nil },
                write: { configuration, text in
                    let seed = configuration.seed
                    switch text.lowercased() {
                    case "dummy": configuration = .notesDummy
                    case "exploration": configuration = .notesExploration(.notesEpsilon)
                    case "learning-rate": configuration = .notesLearningRate
                    default: throw Hyperparameter<Configuration>.outOfRange("preset", "one of dummy, exploration, learning-rate", text)
                    }
                    configuration.seed = seed
                }),
            .schedule("learning-rate", \.learningRate, "α(episode): how far each update moves Q(s, a) towards its target",
                      in: ValueRange(above: 0, atMost: 1), valueName: "alpha"),
            .number("discount", \.discount, "γ, the weight of future rewards", in: .unitInterval, valueName: "gamma"),
        ] + TabularExploration.hyperparameters(\.exploration),
        metrics: [.epsilon],
        checkCombination: TabularExploration.checkCombination)

    public let configuration: Configuration
    public let layout: SpaceLayout
    public let trainingState = TrainingState()
    /// Q(s, a) for every state and action.
    public private(set) var table: ActionValueTable
    private var generator: SeededGenerator

    /// Q(s, a), row-major: `values[s * actionCount + a]`.
    public var values: [Float] { table.values }

    public init(configuration: Configuration, layout: SpaceLayout) throws {
        try configuration.validate()
        self.configuration = configuration
        self.layout = layout
        table = ActionValueTable(stateCount: layout.observationSize, actionCount: layout.actionCount)
        generator = SeededGenerator(seed: configuration.seed, stream: AgentStream.exploration)
    }

    // MARK: - Training

    public func train<E: Environment>(on environment: inout E, in session: TrainingSession) throws {
        let states = environment.observationSpace
        let discount = Float(configuration.discount)
        var observation = session.observation(from: &environment, seed: configuration.seed)
        while session.isRunning {
            let state = try TabularState.index(of: observation, in: states)
            let episode = session.episodes
            let learningRate = Float(configuration.learningRate.value(at: episode, progress: session.progress))

            // 1. Choose a: greedy on Q(s, ·), with the configured exploration.
            let (action, epsilon) = table.explore(configuration.exploration, in: state, episode: episode, using: &generator)
            if let epsilon { session.record(epsilon, for: .epsilon) }

            // 2. Act and observe r, s'.
            let result = try environment.step(try PolicyAction.index(action).element(of: environment.actionSpace, agent: Self.name))
            let next = try TabularState.index(of: result.observation, in: states)

            // 3. Q(s, a) ← (1 − α) Q(s, a) + α (r + γ maxₐ' Q(s', a')), without the future
            //    term when the episode terminated (but with it when a time limit cut it).
            let future = result.terminated ? 0 : discount * table.maximumValue(in: next)
            let target = Float(result.reward) + future
            table[state, action] = (1 - learningRate) * table[state, action] + learningRate * target

            try session.recordStep(reward: result.reward)
            observation = result.observation
            if result.isDone {
                try session.endEpisode(succeeded: environment.episodeSucceeded)
                observation = environment.reset()
            }
        }
        session.suspend(at: observation)
    }

    // MARK: - Acting

    public func action<S: Space>(for observation: S.Element, in space: S, using generator: inout SeededGenerator) throws -> PolicyAction {
        .index(table.greedyAction(in: try TabularState.index(of: observation, in: space), using: &generator))
    }

    // MARK: - Saving

    /// The table as one tensor, `q_table` of shape `[states, actions]`.
    public func parameterTensors() -> [String: Tensor] {
        ["q_table": table.tensor]
    }

    public func loadParameterTensors(_ tensors: [String: Tensor]) throws {
        try table.load(tensors, name: "q_table")
    }
}
