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
public final class QTableAgent: TabularAgent {
    /// How the agent explores while training (shared with the other tabular agents).
    public typealias Exploration = TabularExploration

    /// The hyperparameters (shared with the other tabular agents; the notes' presets are
    /// ``TabularConfiguration/notesDummy`` and its siblings).
    public typealias Configuration = TabularConfiguration

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
    public let table: ActionValueTable
    private var generator: SeededGenerator

    /// Q(s, a), row-major: `values[s * actionCount + a]`.
    public var values: [Float] { table.values }

    public init(configuration: Configuration, layout: SpaceLayout) throws {
        try configuration.validate()
        self.configuration = configuration
        self.layout = layout
        table = try ActionValueTable(stateCount: layout.observationSize, actionCount: layout.actionCount)
        generator = SeededGenerator(seed: configuration.seed, stream: AgentStream.exploration)
    }

    // MARK: - Training

    public func trainingSnapshot() -> TrainingSnapshot {
        var snapshot = TrainingSnapshot()
        snapshot.values.generators["exploration"] = generator
        return snapshot
    }

    public func restoreTraining(from snapshot: TrainingSnapshot) throws {
        generator = try snapshot.generator("exploration")
    }

    public func train<E: Environment>(on environment: inout E, in session: TrainingSession) throws {
        // target = r + γ · maxₐ' Q(s', a'), or r when the episode terminated (a time limit's cut
        // keeps the future term).
        let discount = Float(configuration.discount)
        try TabularTemporalDifference.train(
            on: &environment, in: session, table: table, generator: &generator, seed: configuration.seed,
            learningRate: configuration.learningRate, exploration: configuration.exploration, agent: Self.name
        ) { table, reward, next, terminated, _ in
            terminated ? reward : reward + discount * table.maximumValue(in: next)
        }
    }
}

// MARK: - The notes' progression

extension TabularConfiguration {
    /// The notes' first step: Q(s, a) = r + max Q(s', a') (α = 1, γ = 1), no exploration
    /// beyond random tie-breaking, 2,000 episodes. Learns deterministic FrozenLake.
    public static let notesDummy = TabularConfiguration(
        budget: .episodes(2_000), learningRate: .constant(1), discount: 1, exploration: .none)

    /// The notes' second step: discount γ = 0.99 and exploration (decaying ε-greedy
    /// ε = 1 / (episode / 100 + 1), or noise / (episode + 1)), α = 1, 2,000 episodes.
    public static func notesExploration(_ exploration: TabularExploration) -> TabularConfiguration {
        TabularConfiguration(budget: .episodes(2_000), learningRate: .constant(1), discount: 0.99, exploration: exploration)
    }

    /// The notes' decaying ε for ``notesExploration(_:)``: 1 / (episode / 100 + 1).
    public static let notesEpsilon = TabularExploration.notesEpsilon

    /// The notes' third step, for slippery worlds: α = 0.85 mixes old and new estimates,
    /// γ = 0.99, noise exploration, 2,000 episodes.
    public static let notesLearningRate = TabularConfiguration(
        budget: .episodes(2_000), learningRate: .constant(0.85), discount: 0.99, exploration: .noise(scale: 1))
}
