/// The hyperparameters of the tabular agents (Q-learning, expected SARSA); the defaults learn
/// FrozenLake (4x4, either variant) reliably.
public struct TabularConfiguration: AgentConfiguration {
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

    /// The configuration that solves a registered environment (ids or aliases as in the
    /// standard registry); the defaults for the others. CliffWalking's is Sutton and Barto's
    /// setting (α = 0.5, γ = 1, ε = 0.1, 500 episodes, their figure 6.3).
    public static func recommended(for environment: String) -> TabularConfiguration {
        switch environment.lowercased() {
        case "frozenlake8x8-v1", "frozenlake8x8":
            TabularConfiguration(
                budget: .episodes(150_000), learningRate: .linear(start: 0.05, end: 0.002, duration: 150_000),
                discount: 0.995, exploration: .epsilonGreedy(.linear(start: 1, end: 0.01, duration: 75_000)))
        case "cliffwalking-v1", "cliffwalking":
            TabularConfiguration(
                budget: .episodes(500), learningRate: .constant(0.5), discount: 1,
                exploration: .epsilonGreedy(.constant(0.1)))
        case "blackjack-v1", "blackjack":
            // Every hand ends in a ±1 coin flip, so the values are noisy: two million hands
            // (a few seconds), α falling to 0.0005, γ = 1 (hands are short and undiscounted;
            // γ < 1 would tilt close calls towards sticking), ε falling to 0.1 over half of
            // them. The greedy policy comes within 0.003 of the optimum (-0.0431, exact
            // dynamic programming) on seeds 0 to 9.
            TabularConfiguration(
                budget: .episodes(2_000_000), learningRate: .linear(start: 0.02, end: 0.0005, duration: 2_000_000),
                discount: 1, exploration: .epsilonGreedy(.linear(start: 1, end: 0.1, duration: 1_000_000)))
        default:
            TabularConfiguration()
        }
    }
}
