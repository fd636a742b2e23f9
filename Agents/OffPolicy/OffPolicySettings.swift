import RLCore

/// The hyperparameters SAC and TD3 share: the networks, Adam's step size, the replay buffer and
/// its minibatches, the discount, when and how often they learn, and the targets' Polyak
/// averaging, which the training loop they share reads.
///
/// Defaults are Stable-Baselines3's (`OffPolicyAlgorithm`); the networks and the learning rate
/// have none here, because the agents' differ (SAC: 256-256 and 3e-4; TD3: 400-300 and 1e-3).
public struct OffPolicySettings: Codable, Equatable, Sendable {
    /// The actor's hidden layers (ReLU; SAC's default 256-256, TD3's 400-300, the paper's).
    public var actorNetwork: NetworkShape
    /// Each critic's hidden layers (the same as the actor's by default).
    public var criticNetwork: NetworkShape
    /// Adam's step size for every network the agent trains (and SAC's α), a schedule over
    /// environment steps (SAC's default 3e-4, TD3's 1e-3).
    public var learningRate: Schedule
    /// The replay buffer's capacity in transitions (default 1,000,000).
    public var bufferCapacity: Int
    /// Transitions per minibatch, from 1 to ``DQNAgent/Configuration/maximumBatchSize`` (default 256).
    public var batchSize: Int
    /// γ in [0, 1] (default 0.99).
    public var discount: Double
    /// Steps of uniformly random actions before the first update (default 100).
    public var learningStarts: Int
    /// Environment steps between updates (default 1).
    public var trainFrequency: Int
    /// Gradient steps per update (default 1).
    public var gradientSteps: Int
    /// τ in (0, 1] of the targets' Polyak averaging θ′ ← τ θ + (1 − τ) θ′ (default 0.005).
    public var targetUpdateRate: Double

    /// Creates the settings; see each property for its meaning and default.
    public init(
        actorNetwork: NetworkShape, criticNetwork: NetworkShape, learningRate: Schedule, bufferCapacity: Int = 1_000_000,
        batchSize: Int = 256, discount: Double = 0.99, learningStarts: Int = 100, trainFrequency: Int = 1, gradientSteps: Int = 1,
        targetUpdateRate: Double = 0.005
    ) {
        self.actorNetwork = actorNetwork
        self.criticNetwork = criticNetwork
        self.learningRate = learningRate
        self.bufferCapacity = bufferCapacity
        self.batchSize = batchSize
        self.discount = discount
        self.learningStarts = learningStarts
        self.trainFrequency = trainFrequency
        self.gradientSteps = gradientSteps
        self.targetUpdateRate = targetUpdateRate
    }

    /// Checks every value's range.
    ///
    /// - Throws: ``AgentError/invalidConfiguration(_:)`` naming the first bad value.
    public func validate() throws {
        try actorNetwork.validate()
        try criticNetwork.validate()
        try learningRate.validatePositive("learning rate")
        try ConfigurationCheck.atLeast(bufferCapacity, 1, "buffer capacity")
        try ConfigurationCheck.atLeast(batchSize, 1, "batch size")
        try ConfigurationCheck.require(batchSize <= DQNAgent.Configuration.maximumBatchSize,
                                       "batch size must be at most \(DQNAgent.Configuration.maximumBatchSize), got \(batchSize)")
        try ConfigurationCheck.unitInterval(discount, "discount")
        try ConfigurationCheck.atLeast(learningStarts, 0, "learning starts")
        try ConfigurationCheck.atLeast(trainFrequency, 1, "train frequency")
        try ConfigurationCheck.atLeast(gradientSteps, 1, "gradient steps")
        try ConfigurationCheck.require(targetUpdateRate > 0 && targetUpdateRate <= 1,
                                       "target update rate τ must be in (0, 1], got \(targetUpdateRate)")
    }

    /// The hyperparameters, for the agents' declarations (`--hidden`, `--critic-hidden`,
    /// `--learning-rate`, …, `--target-update-rate`); `optimized` names what Adam's step size
    /// updates, for `--learning-rate`'s summary ("the actor and the critics").
    static func hyperparameters<Configuration>(
        _ keyPath: WritableKeyPath<Configuration, OffPolicySettings>, optimized: String
    ) -> [Hyperparameter<Configuration>] {
        nonisolated(unsafe) let keyPath = keyPath
        let settings: [Hyperparameter<OffPolicySettings>] = NetworkShape.hyperparameters(\.actorNetwork, role: "actor")
            + NetworkShape.hyperparameters(\.criticNetwork, prefix: "critic-", role: "critics") + [
                .schedule("learning-rate", \.learningRate, "Adam's step size for \(optimized)", in: .positive, valueName: "rate"),
                .integer("buffer-capacity", \.bufferCapacity, "replay buffer capacity in transitions", atLeast: 1),
                .integer("batch-size", \.batchSize, "transitions per minibatch", atLeast: 1, atMost: DQNAgent.Configuration.maximumBatchSize),
                .number("discount", \.discount, "discount γ", in: .unitInterval, valueName: "gamma"),
                .integer("learning-starts", \.learningStarts, "steps of uniformly random actions before the first update", atLeast: 0,
                         valueName: "steps"),
                .integer("train-frequency", \.trainFrequency, "environment steps between updates", atLeast: 1, valueName: "steps"),
                .integer("gradient-steps", \.gradientSteps, "gradient steps per update", atLeast: 1),
                .number("target-update-rate", \.targetUpdateRate, "τ of the targets' Polyak averaging", in: ValueRange(above: 0, atMost: 1),
                        valueName: "tau"),
            ]
        return settings.map { $0.lifted(to: keyPath) }
    }
}
