import RLCore

/// The hyperparameters A2C and PPO share: the environment copies and rollout length, the
/// returns (γ, λ), the loss coefficients, the networks, the normalisations and the solved check.
/// Defaults are Stable-Baselines3's (`OnPolicyAlgorithm`, `MlpPolicy`); each agent sets its own
/// where SB3 differs (A2C's 5-step rollouts and λ = 1, PPO's 2,048 steps).
public struct ActorCriticSettings: Codable, Equatable, Sendable {
    /// Copies of the environment stepped together (SB3's `n_envs`; default 1). Copy i of a run
    /// with seed s is reset with seed s + i; budgets are counted in environment steps over all
    /// copies, so a run takes whole vector steps of `copies` steps.
    public var copies: Int
    /// Steps of every copy per rollout (SB3's `n_steps`): an update learns from
    /// `copies × rolloutSteps` samples.
    public var rolloutSteps: Int
    /// γ in [0, 1] (default 0.99).
    public var discount: Double
    /// λ in [0, 1] of generalised advantage estimation (λ = 1: n-step returns).
    public var gaeLambda: Double
    /// The optimiser's step size, a schedule over the training (SB3's `lin_X` is `progress:X,0`).
    public var learningRate: Schedule
    /// The value loss's weight c₁ in the total loss (default 0.5).
    public var valueCoefficient: Double
    /// The entropy bonus's weight c₂ (default 0).
    public var entropyCoefficient: Double
    /// The largest global norm of the gradients, clipped above it (default 0.5).
    public var maximumGradientNorm: Double
    /// Whether advantages are standardised (per minibatch in PPO, per rollout in A2C).
    public var normalizeAdvantage: Bool
    /// The policy's network: hidden layers 64-64 tanh with orthogonal weights (SB3's `MlpPolicy`).
    public var actorNetwork: NetworkShape
    /// The value's network (ignored when ``sharedNetwork`` is on).
    public var criticNetwork: NetworkShape
    /// Whether the value head sits on the policy's hidden layers instead of a network of its own.
    public var sharedNetwork: Bool
    /// The initial log σ of a Gaussian policy (continuous actions; default 0).
    public var logStandardDeviationInitial: Double
    /// Whether observations are standardised by running statistics (SB3's `VecNormalize(norm_obs=True)`;
    /// the statistics are saved with the agent and frozen when it acts outside training).
    public var normalizeObservations: Bool
    /// Whether rewards are divided by the running standard deviation of the discounted return
    /// (`VecNormalize(norm_reward=True)`).
    public var normalizeRewards: Bool
    /// Stops training once the deterministic policy solves the task (see ``SolvedCriterion``).
    public var solved: SolvedCriterion?

    /// The policy and value networks SB3's `MlpPolicy` builds: 64-64 tanh, orthogonal weights.
    public static let standardNetwork = NetworkShape(hiddenLayers: [64, 64], activation: .tanh, initialization: .orthogonal)

    /// Creates the settings; see each property for its meaning and default.
    public init(
        copies: Int = 1, rolloutSteps: Int, discount: Double = 0.99, gaeLambda: Double, learningRate: Schedule,
        valueCoefficient: Double = 0.5, entropyCoefficient: Double = 0, maximumGradientNorm: Double = 0.5,
        normalizeAdvantage: Bool, actorNetwork: NetworkShape = standardNetwork, criticNetwork: NetworkShape = standardNetwork,
        sharedNetwork: Bool = false, logStandardDeviationInitial: Double = 0, normalizeObservations: Bool = false,
        normalizeRewards: Bool = false, solved: SolvedCriterion? = nil
    ) {
        self.copies = copies
        self.rolloutSteps = rolloutSteps
        self.discount = discount
        self.gaeLambda = gaeLambda
        self.learningRate = learningRate
        self.valueCoefficient = valueCoefficient
        self.entropyCoefficient = entropyCoefficient
        self.maximumGradientNorm = maximumGradientNorm
        self.normalizeAdvantage = normalizeAdvantage
        self.actorNetwork = actorNetwork
        self.criticNetwork = criticNetwork
        self.sharedNetwork = sharedNetwork
        self.logStandardDeviationInitial = logStandardDeviationInitial
        self.normalizeObservations = normalizeObservations
        self.normalizeRewards = normalizeRewards
        self.solved = solved
    }

    /// The most copies a run may ask for (the vector environment's own limit is higher; a
    /// rollout of more would not fit in memory beside the networks).
    public static let maximumCopies = 1 << 16

    /// Samples per rollout: `copies × rolloutSteps`.
    public var rolloutSize: Int { copies * rolloutSteps }

    /// Checks every value's range.
    ///
    /// - Throws: ``AgentError/invalidConfiguration(_:)`` naming the first bad value.
    public func validate() throws {
        try ConfigurationCheck.require(copies >= 1 && copies <= Self.maximumCopies,
                                       "copies must be from 1 to \(Self.maximumCopies), got \(copies)")
        try ConfigurationCheck.atLeast(rolloutSteps, 1, "rollout steps")
        let (size, overflow) = copies.multipliedReportingOverflow(by: rolloutSteps)
        try ConfigurationCheck.require(!overflow && size <= DQNAgent.Configuration.maximumBatchSize,
                                       "a rollout of copies × rollout steps must hold at most \(DQNAgent.Configuration.maximumBatchSize) samples, got \(copies) × \(rolloutSteps)")
        try ConfigurationCheck.unitInterval(discount, "discount")
        try ConfigurationCheck.unitInterval(gaeLambda, "GAE λ")
        try learningRate.validatePositive("learning rate")
        try ConfigurationCheck.require(valueCoefficient >= 0 && valueCoefficient.isFinite, "the value coefficient must be ≥ 0, got \(valueCoefficient)")
        try ConfigurationCheck.require(entropyCoefficient.isFinite, "the entropy coefficient must be a number, got \(entropyCoefficient)")
        try ConfigurationCheck.require(maximumGradientNorm > 0 && maximumGradientNorm.isFinite,
                                       "the maximum gradient norm must be above 0, got \(maximumGradientNorm)")
        try actorNetwork.validate()
        try criticNetwork.validate()
        try ConfigurationCheck.require(actorNetwork.architecture == nil && criticNetwork.architecture == nil,
                                       "actor-critic agents build their networks from --hidden, --activation and --initialization")
        try ConfigurationCheck.require(logStandardDeviationInitial.isFinite && abs(logStandardDeviationInitial) <= 20,
                                       "the initial log standard deviation must be within ±20, got \(logStandardDeviationInitial)")
        try solved?.validate()
    }

    /// The hyperparameters, for the agents' declarations (`--copies`, `--rollout-steps`, …).
    static func hyperparameters<Configuration>(
        _ keyPath: WritableKeyPath<Configuration, ActorCriticSettings>
    ) -> [Hyperparameter<Configuration>] {
        nonisolated(unsafe) let keyPath = keyPath
        let settings: [Hyperparameter<ActorCriticSettings>] = [
            .integer("copies", \.copies, "environment copies stepped together (n_envs)", atLeast: 1, atMost: maximumCopies),
            .integer("rollout-steps", \.rolloutSteps, "steps of every copy per rollout (n_steps)", atLeast: 1, valueName: "steps"),
            .number("discount", \.discount, "discount γ", in: .unitInterval, valueName: "gamma"),
            .number("gae-lambda", \.gaeLambda, "λ of generalised advantage estimation (1: n-step returns)", in: .unitInterval,
                    valueName: "lambda"),
            .schedule("learning-rate", \.learningRate, "the optimiser's step size", in: .positive, valueName: "rate"),
            .number("value-coefficient", \.valueCoefficient, "weight of the value loss", in: .nonNegative),
            .number("entropy-coefficient", \.entropyCoefficient, "weight of the entropy bonus"),
            .number("max-gradient-norm", \.maximumGradientNorm, "clip the gradients' global norm to this", in: .positive,
                    valueName: "norm"),
            .flag("normalize-advantage", \.normalizeAdvantage, "standardise the advantages"),
        ] + NetworkShape.hyperparameters(\.actorNetwork, role: "policy")
            + NetworkShape.hyperparameters(\.criticNetwork, prefix: "critic-", role: "value")
            + [
                .flag("shared-network", \.sharedNetwork, "the value head shares the policy's hidden layers"),
                .number("log-std-init", \.logStandardDeviationInitial, "initial log σ of a Gaussian policy (continuous actions)",
                        in: ValueRange(from: -20, through: 20), valueName: "x"),
                .flag("normalize-observations", \.normalizeObservations, "standardise observations by running statistics"),
                .flag("normalize-rewards", \.normalizeRewards, "scale rewards by the running deviation of the discounted return"),
            ] + SolvedCriterion.hyperparameters(\.solved)
        return settings.map { $0.lifted(to: keyPath) }
    }
}
