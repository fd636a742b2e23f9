import RLCore
import SeededRandom
import TensorCore

/// Twin delayed deep deterministic policy gradient (Fujimoto et al. 2018, "Addressing Function
/// Approximation Error in Actor-Critic Methods"), as Stable-Baselines3's TD3: a deterministic
/// actor μ(s) in [-1, 1] (tanh output), twin critics, delayed policy updates and target policy
/// smoothing.
///
/// Each environment step plays clip(μ(s) + noise, −1, 1), rescaled to the action bounds
/// (Gaussian or Ornstein–Uhlenbeck noise, ``ActionNoise``), and stores (s, a, r, s′,
/// terminated). Every `trainFrequency` steps past `learningStarts`, `gradientSteps` times:
///
///     sample a minibatch from the replay buffer D
///     ã′ = clip(μ′(s′) + clip(N(0, σ̃²), −c, c), −1, 1)      (target policy smoothing)
///     y  = r + γ (1 − terminated) · min(Q₁′, Q₂′)(s′, ã′)   (clipped double Q)
///     critic = Σᵢ mean (Qᵢ(s, a) − y)²
///     every `policyDelay` updates:
///         actor = −mean Q₁(s, μ(s))
///         θᵢ′ ← τ θᵢ + (1 − τ) θᵢ′ for the critics and the actor
///
/// each network with its own Adam. Deterministic actions are μ(s).
///
/// Fits environments with continuous (`Box`) actions with finite bounds.
public final class TD3Agent: Agent {
    /// The hyperparameters: Stable-Baselines3's defaults, and rl-baselines3-zoo's tuned values
    /// through ``recommended(for:)``.
    public struct Configuration: AgentConfiguration {
        /// The seed of the weights, resets, noise and sampling (default 0).
        public var seed: UInt64
        /// How long to train (default 20,000 steps).
        public var budget: TrainingBudget
        /// What TD3 shares with SAC (default: 400-300 ReLU networks, the paper's, learning rate
        /// 1e-3 for the actor and the critics, SB3's other defaults).
        public var settings: OffPolicySettings
        /// Critic updates per actor and target update (default 2).
        public var policyDelay: Int
        /// σ̃ of the target policy smoothing noise, in [-1, 1] units (default 0.2).
        public var targetPolicyNoise: Double
        /// c, the clip of the smoothing noise (default 0.5).
        public var targetNoiseClip: Double
        /// The exploration noise (default Gaussian, σ = 0.1).
        public var actionNoise: ActionNoise

        /// Creates the hyperparameters; see each property for its meaning and default.
        public init(
            seed: UInt64 = 0, budget: TrainingBudget = .steps(20_000),
            settings: OffPolicySettings = OffPolicySettings(
                actorNetwork: NetworkShape(hiddenLayers: [400, 300]), criticNetwork: NetworkShape(hiddenLayers: [400, 300]),
                learningRate: 1e-3),
            policyDelay: Int = 2, targetPolicyNoise: Double = 0.2, targetNoiseClip: Double = 0.5,
            actionNoise: ActionNoise = .gaussian(standardDeviation: 0.1)
        ) {
            self.seed = seed
            self.budget = budget
            self.settings = settings
            self.policyDelay = policyDelay
            self.targetPolicyNoise = targetPolicyNoise
            self.targetNoiseClip = targetNoiseClip
            self.actionNoise = actionNoise
        }

        public func validate() throws {
            try budget.validate()
            try settings.validate()
            try ConfigurationCheck.atLeast(policyDelay, 1, "policy delay")
            try ConfigurationCheck.require(targetPolicyNoise >= 0 && targetPolicyNoise.isFinite,
                                           "target policy noise must be ≥ 0, got \(targetPolicyNoise)")
            try ConfigurationCheck.require(targetNoiseClip >= 0 && targetNoiseClip.isFinite,
                                           "target noise clip must be ≥ 0, got \(targetNoiseClip)")
            try actionNoise.validate()
        }

        /// rl-baselines3-zoo's tuned values (`hyperparams/td3.yml`) for a registered environment;
        /// the defaults for the others. Pendulum-v1: γ 0.98, buffer 200,000, 10,000 learning
        /// starts, Gaussian noise σ 0.1, learning rate 1e-3, 64-64 networks, 20,000 steps.
        public static func recommended(for environment: String) -> Configuration {
            var settings = Configuration().settings
            switch environment.lowercased() {
            case "pendulum-v1", "pendulum":
                // The zoo's values, except its 400-300 networks, replaced by 64-64: a
                // twenty-ninth of the hidden layers' work, and deterministic returns of −136 to −164 on
                // seeds 0 to 9 (the zoo reports −152 with 400-300).
                settings.actorNetwork = NetworkShape(hiddenLayers: [64, 64])
                settings.criticNetwork = NetworkShape(hiddenLayers: [64, 64])
                settings.bufferCapacity = 200_000
                settings.discount = 0.98
                settings.learningStarts = 10_000
                return Configuration(budget: .steps(20_000), settings: settings)
            case "mountaincarcontinuous-v0", "mountaincarcontinuous":
                // The zoo's exploration: Ornstein–Uhlenbeck noise of σ 0.5, whose correlated
                // pushes swing the car up the hill where independent Gaussian noise of σ 0.1
                // rarely does. 64-64 networks instead of 400-300, and 100,000 steps instead of
                // 300,000: the policy reaches the flag by about 45,000 steps.
                settings.actorNetwork = NetworkShape(hiddenLayers: [64, 64])
                settings.criticNetwork = NetworkShape(hiddenLayers: [64, 64])
                return Configuration(budget: .steps(100_000), settings: settings, actionNoise: .ornsteinUhlenbeck(standardDeviation: 0.5))
            default:
                return Configuration()
            }
        }
    }

    public static let definition = AgentDefinition<TD3Agent>(
        name: "td3", summary: "twin delayed DDPG: a deterministic actor, twin critics, delayed updates, smoothed targets",
        requirements: SpaceRequirements(observations: .flattened, actions: .continuous),
        defaults: Configuration(), recommended: Configuration.recommended(for:),
        hyperparameters: OffPolicySettings.hyperparameters(\.settings, optimized: "the actor and the critics") + [
            .integer("policy-delay", \.policyDelay, "critic updates per actor and target update", atLeast: 1),
            .number("target-policy-noise", \.targetPolicyNoise, "σ of the target policy smoothing, in [-1, 1] units", in: .nonNegative,
                    valueName: "sigma"),
            .number("target-noise-clip", \.targetNoiseClip, "the clip of the smoothing noise", in: .nonNegative, valueName: "c"),
            Hyperparameter(
                "action-noise", summary: "exploration noise in [-1, 1] units: normal:SIGMA or ornstein-uhlenbeck:SIGMA",
                accepts: "normal:SIGMA, ornstein-uhlenbeck:SIGMA (SIGMA ≥ 0) or none", valueName: "noise",
                read: { $0.actionNoise.description },
                write: { $0.actionNoise = try ActionNoise(text: $1) }),
        ],
        metrics: [Metric("qf_loss", .episodeMean), Metric("actor_loss", .episodeMean)])

    public let configuration: Configuration
    public let layout: SpaceLayout
    public let trainingState = TrainingState()
    /// μ(s) in [-1, 1].
    public let actor: Sequential
    /// μ′, the actor's Polyak-averaged target.
    public let targetActor: Sequential
    private let actorOptimizer: Adam
    /// The critics, the replay buffer, the random streams and the loop SAC shares.
    private let training: OffPolicyTraining
    private var noise: ActionNoiseProcess

    public init(configuration: Configuration, layout: SpaceLayout) throws {
        try configuration.validate()
        self.configuration = configuration
        self.layout = layout
        training = try OffPolicyTraining(
            settings: configuration.settings, layout: layout, actorOutputsPerAction: 1, seed: configuration.seed, agent: Self.name)
        let actionSize = training.bounds.dimension
        // μ ends in tanh, so its actions lie in [-1, 1].
        actor = try Self.buildActor(configuration.settings.actorNetwork, inputCount: layout.observationSize, actionSize: actionSize,
                                    seed: configuration.seed)
        targetActor = try Self.buildActor(configuration.settings.actorNetwork, inputCount: layout.observationSize, actionSize: actionSize,
                                          seed: configuration.seed)
        actorOptimizer = try Adam(parameters: actor.parameters(), learningRate: training.initialLearningRate)
        noise = ActionNoiseProcess(configuration.actionNoise, dimension: actionSize)
    }

    /// The actor: the configured perceptron followed by tanh.
    private static func buildActor(_ shape: NetworkShape, inputCount: Int, actionSize: Int, seed: UInt64) throws -> Sequential {
        let body = try shape.build(inputCount: inputCount, outputCount: actionSize, seed: seed)
        return Sequential(body.layers + [Tanh()])
    }

    /// Q₁, Q₂ and their targets.
    public var critics: TwinCritics { training.critics }

    /// The replay buffer D (kept across calls to `train`).
    public var replayBuffer: ReplayBuffer { training.replayBuffer }

    // MARK: - Resuming

    public func trainingSnapshot() throws -> TrainingSnapshot {
        var snapshot = TrainingSnapshot()
        training.save(into: &snapshot)
        snapshot.values.numbers["action_noise"] = noise.state
        actorOptimizer.save(into: &snapshot, as: "actor_optimizer")
        targetActor.save(into: &snapshot, as: "actor_target")
        return snapshot
    }

    public func restoreTraining(from snapshot: TrainingSnapshot) throws {
        try training.restore(from: snapshot)
        guard let state = snapshot.values.numbers["action_noise"], state.count == layout.actionCount else {
            throw AgentError.invalidCheckpoint("the saved action noise does not fit the agent's actions")
        }
        noise.restore(state)
        try actorOptimizer.restore(from: snapshot, as: "actor_optimizer")
        try targetActor.restore(from: snapshot, as: "actor_target")
    }

    // MARK: - Training

    public func train<E: Environment>(on environment: inout E, in session: TrainingSession) throws {
        try training.train(
            on: &environment, in: session, seed: configuration.seed, agent: Self.name, optimizers: [actorOptimizer],
            explore: { features in
                // clip(μ(s) + noise, −1, 1)
                let mean = try withoutGradients { try actor(features).scalars }
                let noise = self.noise.next(using: &training.exploration)
                return zip(mean, noise).map { min(1, max(-1, $0 + $1)) }
            },
            update: update(with:),
            episodeEnded: { noise.reset() })
    }

    /// One gradient step as training takes it: the update count advanced (the delays read it),
    /// then ``update(with:)``.
    ///
    /// Visible to the `Benchmarking` SPI only, for the benchmarks that time one gradient step
    /// (`Benchmarks/`); `train` is the way to train.
    @_spi(Benchmarking) public func gradientStep(with batch: ReplayBatch) throws -> [(Metric, Double)] {
        training.countUpdate()
        return try update(with: batch)
    }

    /// One critic step and, every `policyDelay` updates, an actor step and the target updates;
    /// returns the losses.
    private func update(with batch: ReplayBatch) throws -> [(Metric, Double)] {
        let (configuration, critics) = (self.configuration, training.critics)
        let (batchSize, actionSize) = (batch.rewards.shape[0], layout.actionCount)

        // ã′ = clip(μ′(s′) + clip(ε, −c, c), −1, 1), ε ~ N(0, σ̃²);  y = r + γ (1 − terminated) min Q′(s′, ã′)
        let smoothing = try Tensor.randomNormal(
            [batchSize, actionSize], standardDeviation: Float(configuration.targetPolicyNoise), using: &training.updateNoise)
            .clamped(min: -Float(configuration.targetNoiseClip), max: Float(configuration.targetNoiseClip))
        let targets = try withoutGradients {
            let nextActions = try (targetActor(batch.nextObservations) + smoothing).clamped(min: -1, max: 1)
            let nextValues = try critics.minimumTargetValue(batch.nextObservations, nextActions)
            return try batch.rewards + batch.notTerminated * nextValues * Float(configuration.settings.discount)
        }

        // Critic loss Σᵢ mean (Qᵢ(s, a) − y)².
        let values = try critics.values(batch.observations, batch.actionVectors)
        let criticLoss = try meanSquaredError(values[0], targets) + meanSquaredError(values[1], targets)
        training.criticOptimizer.zeroGradients()
        try criticLoss.backward()
        training.criticOptimizer.step()
        var losses: [(Metric, Double)] = [(Metric("qf_loss", .episodeMean), Double(criticLoss.scalar ?? .nan))]

        // Delayed: actor loss −mean Q₁(s, μ(s)), then the targets.
        if training.updates % configuration.policyDelay == 0 {
            let actorValues = try critics.values(batch.observations, actor(batch.observations))
            let actorLoss = -actorValues[0].mean()
            actorOptimizer.zeroGradients()
            try actorLoss.backward()
            actorOptimizer.step()
            losses.append((Metric("actor_loss", .episodeMean), Double(actorLoss.scalar ?? .nan)))
            try critics.updateTargets(rate: Float(configuration.settings.targetUpdateRate))
            try targetActor.updateParameters(towards: actor, rate: Float(configuration.settings.targetUpdateRate))
        }
        return losses
    }

    // MARK: - Acting

    /// μ(s), rescaled to the action bounds.
    public func action<S: Space>(for observation: S.Element, in space: S, using generator: inout SeededGenerator) throws -> PolicyAction {
        let unit = try withoutGradients { try actor(ObservationFeatures.tensor(observation, in: space)).scalars }
        return .vector(training.bounds.rescaled(fromUnit: unit))
    }

    // MARK: - Saving

    /// The actor (`actor.…`) and the critics (`critic_1.…`, `critic_2.…`); the targets are copied
    /// from them when loading.
    public func parameterTensors() -> [String: Tensor] {
        training.tensors(actor: actor)
    }

    public func loadParameterTensors(_ tensors: [String: Tensor]) throws {
        try training.load(tensors, actor: actor, agent: Self.name)
        try targetActor.copyParameters(from: actor)
    }
}
