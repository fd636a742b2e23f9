import RLCore
import SeededRandom
import TensorCore

/// Expected SARSA (van Seijen et al. 2009; Sutton and Barto 2018, section 6.6): tabular
/// learning whose target averages the next state's values over the behaviour policy instead of
/// taking their maximum, which completes the tabular family beside Q-learning.
///
/// After each step (s, a, r, s'), with the ε-greedy policy π the agent explores with:
///
///     E[Q(s', ·)] = Σₐ' π(a' | s') Q(s', a') = ε · meanₐ' Q(s', a') + (1 − ε) · maxₐ' Q(s', a')
///     target      = r                      if the episode terminated at s'
///                 = r + γ · E[Q(s', ·)]    otherwise (also when cut by a time limit)
///     Q(s, a)    ← (1 − α) · Q(s, a) + α · target
///
/// It learns the value of the policy it follows (on-policy), so with exploration left on it
/// prefers safer paths: on CliffWalking it walks a row or two above the cliff, where Q-learning's
/// greedy path hugs the edge (Sutton and Barto's figure 6.3). With greedy exploration (ε = 0) or
/// noise, the expectation is the maximum and the update is Q-learning's.
///
/// Fits environments with `Discrete` observations and actions.
public final class ExpectedSARSAAgent: TabularAgent {
    /// The hyperparameters, those of every tabular agent (the defaults learn FrozenLake; the
    /// recommended CliffWalking configuration is Sutton and Barto's α = 0.5, ε = 0.1).
    public typealias Configuration = TabularConfiguration

    public static let definition = AgentDefinition<ExpectedSARSAAgent>(
        name: "expected-sarsa", aliases: ["esarsa"],
        summary: "tabular expected SARSA: the target averages Q(s', ·) over the ε-greedy policy",
        requirements: SpaceRequirements(observations: .index, actions: .discrete),
        defaults: Configuration(), recommended: Configuration.recommended(for:),
        hyperparameters: [
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

    public init(configuration: Configuration, layout: SpaceLayout) throws {
        try configuration.validate()
        self.configuration = configuration
        self.layout = layout
        table = try ActionValueTable(stateCount: layout.observationSize, actionCount: layout.actionCount)
        generator = SeededGenerator(seed: configuration.seed, stream: AgentStream.exploration)
    }

    public func trainingSnapshot() -> TrainingSnapshot {
        var snapshot = TrainingSnapshot()
        snapshot.values.generators["exploration"] = generator
        return snapshot
    }

    public func restoreTraining(from snapshot: TrainingSnapshot) throws {
        generator = try snapshot.generator("exploration")
    }

    public func train<E: Environment>(on environment: inout E, in session: TrainingSession) throws {
        let discount = Float(configuration.discount)
        try TabularTemporalDifference.train(
            on: &environment, in: session, table: table, generator: &generator, seed: configuration.seed,
            learningRate: configuration.learningRate, exploration: configuration.exploration, agent: Self.name
        ) { table, reward, next, terminated, epsilon in
            guard !terminated else { return reward }
            // E[Q(s', ·)] = ε · mean Q(s', ·) + (1 − ε) · max Q(s', ·)
            let epsilon = Float(epsilon ?? 0)
            var sum: Float = 0
            for action in 0..<table.actionCount { sum += table[next, action] }
            let expected = epsilon * sum / Float(table.actionCount) + (1 - epsilon) * table.maximumValue(in: next)
            return reward + discount * expected
        }
    }
}
