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
        /// The gradient-descent step size, a schedule over episodes (default 0.1).
        public var learningRate: Schedule
        /// γ in [0, 1] (default 0.99).
        public var discount: Double
        /// ε(episode) (default 1 / (episode / 50 + 10)).
        public var exploration: Schedule

        /// Creates the hyperparameters; see each property for its meaning and default.
        public init(
            seed: UInt64 = 0, budget: TrainingBudget = .episodes(2_000),
            network: NetworkShape = NetworkShape(hiddenLayers: []), learningRate: Schedule = .constant(0.1),
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
            try learningRate.validatePositive("learning rate")
            try ConfigurationCheck.unitInterval(discount, "discount")
            try exploration.validate("epsilon", in: 0...1)
        }
    }

    public static let definition = AgentDefinition<QNetworkAgent>(
        name: "qnetwork", summary: "online Q-learning with a network, no replay, no target network (the notes' 8.1)",
        requirements: SpaceRequirements(observations: .flattened, actions: .discrete),
        defaults: Configuration(),
        hyperparameters: NetworkShape.hyperparameters(\.network) + [
            .schedule("learning-rate", \.learningRate, "SGD's step size, over episodes", in: .positive, valueName: "rate"),
            .number("discount", \.discount, "discount γ", in: .unitInterval, valueName: "gamma"),
            .schedule("epsilon", \.exploration, "exploration rate ε over episodes", in: .unitInterval),
        ],
        metrics: [.epsilon, .loss])

    public static let networkName = "q_network"

    public let configuration: Configuration
    public let layout: SpaceLayout
    public let trainingState = TrainingState()
    /// Q(s, ·) for the features of s.
    public let network: Sequential
    private let optimizer: SGD
    private var generator: SeededGenerator

    public convenience init(configuration: Configuration, layout: SpaceLayout) throws {
        try self.init(configuration: configuration, layout: layout, network: nil)
    }

    /// See ``NetworkAgent/init(configuration:layout:network:)``.
    public init(configuration: Configuration, layout: SpaceLayout, network: Sequential?) throws {
        var configuration = configuration
        if let network { configuration.network = try NetworkShape(network: network) }
        try configuration.validate()
        self.configuration = configuration
        self.layout = layout
        if let network {
            try NetworkShape.check(network, inputCount: layout.observationSize, outputCount: layout.actionCount)
            self.network = network
        } else {
            self.network = try configuration.network.build(for: layout, seed: configuration.seed)
        }
        optimizer = try SGD(parameters: self.network.parameters(), learningRate: Float(configuration.learningRate.value(at: 0)))
        generator = SeededGenerator(seed: configuration.seed, stream: AgentStream.exploration)
    }

    public func trainingSnapshot() -> TrainingSnapshot {
        var snapshot = TrainingSnapshot()
        snapshot.values.generators["exploration"] = generator
        optimizer.save(into: &snapshot, as: "optimizer")
        return snapshot
    }

    public func restoreTraining(from snapshot: TrainingSnapshot) throws {
        generator = try snapshot.generator("exploration")
        try optimizer.restore(from: snapshot, as: "optimizer")
    }

    public func train<E: Environment>(on environment: inout E, in session: TrainingSession) throws {
        let observations = environment.observationSpace
        let discount = Float(configuration.discount)
        var observation = session.observation(from: &environment, seed: configuration.seed)
        while session.isRunning {
            let features = ObservationFeatures.tensor(observation, in: observations)
            // Q = network(s); a = ε-greedy on Q.
            let q = try network(features)
            let epsilon = configuration.exploration.value(at: session.episodes, progress: session.progress)
            session.record(epsilon, for: .epsilon)
            let action = ActionSelection.epsilonGreedy(epsilon: epsilon, actionCount: layout.actionCount, using: &generator) { _ in
                q.withUnsafeScalars(ActionSelection.argmax)
            }
            let result = try environment.step(try PolicyAction.index(action).element(of: environment.actionSpace, agent: Self.name))
            let nextFeatures = ObservationFeatures.tensor(result.observation, in: observations)

            // y = r + γ maxₐ' Q(s', a'), from the same network, or r at termination.
            var target = Float(result.reward)
            if !result.terminated {
                let nextQ = try withoutGradients { try network(nextFeatures) }
                target += discount * nextQ.withUnsafeScalars { $0.max() ?? 0 }
            }

            // One gradient step on (Q(s, a) − y)².
            optimizer.learningRate = Float(configuration.learningRate.value(at: session.episodes, progress: session.progress))
            optimizer.zeroGradients()
            let loss = try meanSquaredError(q.gathering([action], alongAxis: 0), Tensor(target))
            try loss.backward()
            optimizer.step()
            session.recordLoss(loss.scalar ?? .nan)
            try session.endUpdate()

            try session.recordStep(reward: result.reward)
            observation = result.observation
            if result.isDone {
                try session.endEpisode(succeeded: environment.episodeSucceeded)
                observation = environment.reset()
            }
        }
        session.suspend(at: observation)
    }
}
