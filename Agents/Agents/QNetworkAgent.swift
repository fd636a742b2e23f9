import RLCore
import SeededRandom
import TensorCore

/// Online Q-learning with a network in place of the table: the notes' 8.1, steps 7-9.
///
/// One transition at a time, the target from the same network, no replay buffer and no
/// target network. That is the point: the notes show it learning FrozenLake only half the time,
/// because successive samples are correlated and the target moves with every update (the two
/// problems DQN's replay buffer and target network fix).
///
/// For each step:
///
///     Q      = network(s)                      (the features of s: one-hot for Discrete)
///     a      = ε-greedy on Q,   ε = schedule(episode)
///     s', r  = environment.step(a)
///     y      = r                               if the episode terminated
///            = r + γ · maxₐ' network(s')[a']  otherwise
///     loss   = (Q[a] − y)²                     one gradient-descent step on it
///
/// Defaults follow the notes' lab: a single linear layer, SGD with step 0.1, γ = 0.99,
/// ε = 1 / (episode / 50 + 10), 2,000 episodes.
public final class QNetworkAgent: NetworkAgent {
    /// The hyperparameters; the defaults are the notes' lab.
    public struct Configuration: AgentConfiguration {
        /// The seed of the weights, resets and exploration (default 0).
        public var seed: UInt64
        /// How long to train (default 2,000 episodes).
        public var budget: TrainingBudget
        /// The hidden layers (default none: one linear layer from features to Q-values).
        public var network: NetworkShape
        /// The gradient-descent step size (default 0.1).
        public var learningRate: Double
        /// γ in [0, 1] (default 0.99).
        public var discount: Double
        /// ε(episode) (default 1 / (episode / 50 + 10)).
        public var exploration: Schedule

        /// Creates the hyperparameters; see each property for its meaning and default.
        public init(
            seed: UInt64 = 0, budget: TrainingBudget = .episodes(2_000),
            network: NetworkShape = NetworkShape(hiddenLayers: []), learningRate: Double = 0.1,
            discount: Double = 0.99, exploration: Schedule = .reciprocal(period: 50, offset: 10)
        ) {
            self.seed = seed
            self.budget = budget
            self.network = network
            self.learningRate = learningRate
            self.discount = discount
            self.exploration = exploration
        }

        public func validate() throws {
            try budget.validate()
            try network.validate()
            try ConfigurationCheck.positive(learningRate, "learning rate")
            try ConfigurationCheck.unitInterval(discount, "discount")
            try exploration.validate("epsilon", in: 0...1)
        }
    }

    public static let name = "qnetwork"
    public static let networkName = "q_network"
    public static let observationEncoding = SpaceLayout.ObservationEncoding.flattened

    public let configuration: Configuration
    public let layout: SpaceLayout
    /// Q(s, ·) for the features of s.
    public let network: Sequential
    private let optimizer: SGD

    public init(configuration: Configuration, layout: SpaceLayout) throws {
        try configuration.validate()
        self.configuration = configuration
        self.layout = layout
        network = configuration.network.build(for: layout, seed: configuration.seed)
        optimizer = try SGD(parameters: network.parameters(), learningRate: Float(configuration.learningRate))
    }

    public func train<E: Environment>(on environment: inout E, progress: @escaping ProgressHandler) throws -> TrainingReport {
        try checkFits(environment)
        let (observations, actions) = (environment.observationSpace, environment.actionSpace)
        let discount = Float(configuration.discount)
        var generator = SeededGenerator(seed: configuration.seed, stream: AgentStream.exploration)
        var session = TrainingSession(budget: configuration.budget, progress: progress)

        var features = ObservationFeatures.tensor(environment.reset(seed: configuration.seed), in: observations)
        while session.isRunning {
            // Q = network(s); a = ε-greedy on Q.
            let q = try network(features)
            let epsilon = configuration.exploration.value(at: session.episodes)
            let action = ActionSelection.epsilonGreedy(epsilon: epsilon, actionCount: layout.actionCount, using: &generator) { _ in
                q.withUnsafeScalars(ActionSelection.argmax)
            }
            let result = try environment.step(actions.element(atIndex: action)!)
            let nextFeatures = ObservationFeatures.tensor(result.observation, in: observations)

            // y = r + γ maxₐ' Q(s', a'), from the same network, or r at termination.
            var target = Float(result.reward)
            if !result.terminated {
                let nextQ = try withoutGradients { try network(nextFeatures) }
                target += discount * nextQ.withUnsafeScalars { $0.max()! }
            }

            // One gradient step on (Q(s, a) − y)².
            optimizer.zeroGradients()
            let loss = try meanSquaredError(q.gathering([action], alongAxis: 0), Tensor(target))
            try loss.backward()
            optimizer.step()
            session.recordLoss(loss.scalar!)

            session.recordStep(reward: result.reward)
            if result.isDone {
                session.endEpisode(succeeded: environment.episodeSucceeded, epsilon: epsilon)
                features = ObservationFeatures.tensor(environment.reset(), in: observations)
            } else {
                features = nextFeatures
            }
        }
        return session.report()
    }
}
