import Foundation
import RLCore
import SeededRandom
import TensorCore

/// Soft actor-critic (Haarnoja et al. 2018, "Soft Actor-Critic Algorithms and Applications"), as
/// Stable-Baselines3's SAC and CleanRL's `sac_continuous_action.py`: an off-policy actor-critic
/// for continuous actions that maximises reward plus entropy.
///
/// The policy is a tanh-squashed Gaussian (``SquashedGaussian``): the actor maps s to μ and
/// log σ (clamped to [−20, 2]), a = tanh(μ + σ ε) in [-1, 1], rescaled to the action bounds.
/// Each environment step stores (s, a, r, s′, terminated); every `trainFrequency` steps past
/// `learningStarts`, `gradientSteps` times:
///
///     sample a minibatch from the replay buffer D
///     ã, log π(ã | s) = a reparameterised sample of π(· | s)
///     α-loss  = −log α · (log π(ã | s) + H̄)             (automatic entropy tuning; H̄ = −dim(A))
///     y       = r + γ (1 − terminated) [min(Q₁′, Q₂′)(s′, ã′) − α log π(ã′ | s′)],  ã′ ~ π(· | s′)
///     critic  = ½ Σᵢ (Qᵢ(s, a) − y)²                      (mean over the batch)
///     actor   = α log π(ã | s) − min(Q₁, Q₂)(s, ã)       (every `policyUpdateInterval` steps)
///     θᵢ′    ← τ θᵢ + (1 − τ) θᵢ′                          (every `targetUpdateInterval` steps)
///
/// each with its own Adam. The order is SB3's: α, then the critics, then the actor on the
/// critics just updated. Deterministic actions are tanh(μ).
///
/// Fits environments with continuous (`Box`) actions with finite bounds.
public final class SACAgent: Agent {
    /// The entropy coefficient α: tuned automatically towards a target entropy, or fixed.
    public enum EntropyCoefficient: Codable, Equatable, Sendable {
        /// Learned by gradient descent on the α-loss, starting at `initial` (SB3's `"auto"`,
        /// which starts at 1).
        case automatic(initial: Double)
        /// Fixed.
        case fixed(Double)

        /// `auto`, `auto_0.1` or a number, as SB3 writes it.
        var text: String {
            switch self {
            case .automatic(1): "auto"
            case .automatic(let initial): "auto_\(HyperparameterText.number(initial))"
            case .fixed(let value): HyperparameterText.number(value)
            }
        }

        init(text: String) throws {
            let lowered = text.trimmingCharacters(in: .whitespaces).lowercased()
            if lowered == "auto" { self = .automatic(initial: 1); return }
            if lowered.hasPrefix("auto_"), let initial = Double(lowered.dropFirst(5)), initial > 0, initial.isFinite {
                self = .automatic(initial: initial)
                return
            }
            guard let value = Double(lowered), value >= 0, value.isFinite else {
                throw AgentError.invalidConfiguration("--entropy-coefficient must be auto, auto_X with X > 0, or a number ≥ 0, got \(text)")
            }
            self = .fixed(value)
        }
    }

    /// The hyperparameters: Stable-Baselines3's defaults, and rl-baselines3-zoo's tuned values
    /// through ``recommended(for:)``.
    public struct Configuration: AgentConfiguration {
        /// The seed of the weights, resets, exploration and sampling (default 0).
        public var seed: UInt64
        /// How long to train (default 20,000 steps).
        public var budget: TrainingBudget
        /// What SAC shares with TD3 (default: 256-256 ReLU networks, learning rate 3e-4 for the
        /// actor, the critics and α, SB3's other defaults).
        public var settings: OffPolicySettings
        /// Gradient steps between target updates (default 1).
        public var targetUpdateInterval: Int
        /// Gradient steps between actor updates (default 1, as SB3; CleanRL uses 2).
        public var policyUpdateInterval: Int
        /// α (default automatic from 1).
        public var entropyCoefficient: EntropyCoefficient
        /// H̄, the entropy α tunes towards; `nil` for −dim(A) (default).
        public var targetEntropy: Double?

        /// Creates the hyperparameters; see each property for its meaning and default.
        public init(
            seed: UInt64 = 0, budget: TrainingBudget = .steps(20_000),
            settings: OffPolicySettings = OffPolicySettings(
                actorNetwork: NetworkShape(hiddenLayers: [256, 256]), criticNetwork: NetworkShape(hiddenLayers: [256, 256]),
                learningRate: 3e-4),
            targetUpdateInterval: Int = 1, policyUpdateInterval: Int = 1,
            entropyCoefficient: EntropyCoefficient = .automatic(initial: 1), targetEntropy: Double? = nil
        ) {
            self.seed = seed
            self.budget = budget
            self.settings = settings
            self.targetUpdateInterval = targetUpdateInterval
            self.policyUpdateInterval = policyUpdateInterval
            self.entropyCoefficient = entropyCoefficient
            self.targetEntropy = targetEntropy
        }

        public func validate() throws {
            try budget.validate()
            try settings.validate()
            try ConfigurationCheck.atLeast(targetUpdateInterval, 1, "target update interval")
            try ConfigurationCheck.atLeast(policyUpdateInterval, 1, "policy update interval")
            switch entropyCoefficient {
            case .automatic(let initial):
                try ConfigurationCheck.require(initial > 0 && initial.isFinite, "the initial entropy coefficient must be positive, got \(initial)")
            case .fixed(let value):
                try ConfigurationCheck.require(value >= 0 && value.isFinite, "the entropy coefficient must be ≥ 0, got \(value)")
            }
            if let targetEntropy {
                try ConfigurationCheck.require(targetEntropy.isFinite, "the target entropy must be a number, got \(targetEntropy)")
            }
        }

        /// rl-baselines3-zoo's tuned values (`hyperparams/sac.yml`) for a registered environment;
        /// the defaults for the others. Pendulum-v1: learning rate 1e-3, 20,000 steps, 64-64
        /// networks.
        public static func recommended(for environment: String) -> Configuration {
            switch environment.lowercased() {
            case "pendulum-v1", "pendulum":
                // The zoo's learning rate 1e-3 and 20,000 steps. Its 256-256 networks are
                // replaced by 64-64: a sixteenth of the matrix work, an update in about a ninth of the
                // time, and deterministic returns of −136 to −161 on seeds 0 to 9 (the zoo
                // reports −157 with 256-256).
                Configuration(
                    budget: .steps(20_000),
                    settings: OffPolicySettings(
                        actorNetwork: NetworkShape(hiddenLayers: [64, 64]), criticNetwork: NetworkShape(hiddenLayers: [64, 64]),
                        learningRate: 1e-3))
            default:
                Configuration()
            }
        }
    }

    public static let definition = AgentDefinition<SACAgent>(
        name: "sac", summary: "soft actor-critic: twin critics, a tanh-squashed Gaussian policy, automatic entropy tuning",
        requirements: SpaceRequirements(observations: .flattened, actions: .continuous),
        defaults: Configuration(), recommended: Configuration.recommended(for:),
        hyperparameters: OffPolicySettings.hyperparameters(\.settings, optimized: "the actor, the critics and α") + [
            .integer("target-update-interval", \.targetUpdateInterval, "gradient steps between target updates", atLeast: 1),
            .integer("policy-update-interval", \.policyUpdateInterval, "gradient steps between actor updates", atLeast: 1),
            Hyperparameter(
                "entropy-coefficient", summary: "α: auto (tuned from 1), auto_X (tuned from X) or a fixed number",
                accepts: "auto, auto_X (X > 0) or a number ≥ 0", valueName: "alpha",
                read: { $0.entropyCoefficient.text },
                write: { $0.entropyCoefficient = try EntropyCoefficient(text: $1) }),
            Hyperparameter(
                "target-entropy", summary: "the entropy automatic tuning aims at; auto for −dim(A)",
                accepts: "a number or auto", valueName: "entropy",
                read: { $0.targetEntropy.map(HyperparameterText.number) ?? "auto" },
                write: { configuration, text in
                    if text.lowercased() == "auto" { configuration.targetEntropy = nil; return }
                    configuration.targetEntropy = try HyperparameterText.parseNumber(text, for: "target-entropy")
                }),
        ],
        metrics: [Metric("qf_loss", .episodeMean), Metric("actor_loss", .episodeMean), Metric("alpha", .latest)])

    public let configuration: Configuration
    public let layout: SpaceLayout
    public let trainingState = TrainingState()
    /// μ and log σ of the policy, side by side: `[batch, 2 · dim(A)]`.
    public let actor: Sequential
    /// log α, learned when α is automatic.
    public let logEntropyCoefficient: Parameter
    private let actorOptimizer: Adam
    private let entropyOptimizer: Adam
    /// The critics, the replay buffer, the random streams and the loop TD3 shares.
    private let training: OffPolicyTraining

    /// log σ is clamped to [−20, 2], as SB3 does.
    static let logStandardDeviationRange: (lower: Float, upper: Float) = (-20, 2)

    public init(configuration: Configuration, layout: SpaceLayout) throws {
        try configuration.validate()
        self.configuration = configuration
        self.layout = layout
        training = try OffPolicyTraining(
            settings: configuration.settings, layout: layout, actorOutputsPerAction: 2, seed: configuration.seed,
            agent: Self.name)
        actor = try configuration.settings.actorNetwork.build(
            inputCount: layout.observationSize, outputCount: 2 * training.bounds.dimension, seed: configuration.seed)
        let initialAlpha = switch configuration.entropyCoefficient {
        case .automatic(let initial): initial
        case .fixed(let value): value
        }
        logEntropyCoefficient = Parameter(Tensor([Float(Foundation.log(max(initialAlpha, 1e-30)))]))
        actorOptimizer = try Adam(parameters: actor.parameters(), learningRate: training.initialLearningRate)
        entropyOptimizer = try Adam(parameters: [logEntropyCoefficient], learningRate: training.initialLearningRate)
    }

    /// Q₁, Q₂ and their targets.
    public var critics: TwinCritics { training.critics }

    /// The replay buffer D (kept across calls to `train`).
    public var replayBuffer: ReplayBuffer { training.replayBuffer }

    /// H̄: the configured target entropy, or −dim(A).
    public var targetEntropy: Double { configuration.targetEntropy ?? -Double(layout.actionCount) }

    /// α now.
    public var entropyCoefficient: Double {
        switch configuration.entropyCoefficient {
        case .automatic: Double(Foundation.exp(logEntropyCoefficient.scalars[0]))
        case .fixed(let value): value
        }
    }

    // MARK: - Resuming

    public func trainingSnapshot() -> TrainingSnapshot {
        var snapshot = TrainingSnapshot()
        training.save(into: &snapshot)
        actorOptimizer.save(into: &snapshot, as: "actor_optimizer")
        entropyOptimizer.save(into: &snapshot, as: "entropy_optimizer")
        return snapshot
    }

    public func restoreTraining(from snapshot: TrainingSnapshot) throws {
        try training.restore(from: snapshot)
        try actorOptimizer.restore(from: snapshot, as: "actor_optimizer")
        try entropyOptimizer.restore(from: snapshot, as: "entropy_optimizer")
    }

    // MARK: - Training

    public func train<E: Environment>(on environment: inout E, in session: TrainingSession) throws {
        try training.train(
            on: &environment, in: session, seed: configuration.seed, agent: Self.name, optimizers: [actorOptimizer, entropyOptimizer],
            explore: { features in
                // a = tanh(μ + σ ε), ε ~ N(0, I)
                let policy = try withoutGradients { try self.policy(features) }
                let noise = Tensor.randomNormal(policy.gaussian.mean.shape, using: &training.exploration)
                return try withoutGradients { try policy.sampleWithLogProbability(noise: noise).actions.scalars }
            },
            update: update(with:))
    }

    /// The squashed Gaussian π(· | s) for observations `[batch, features]` (or one `[features]`).
    func policy(_ observations: Tensor) throws -> SquashedGaussian {
        let rows = observations.rank == 1 ? try observations.reshaped(to: [1, observations.scalarCount]) : observations
        let output = try actor(rows)
        let size = layout.actionCount
        let (lower, upper) = Self.logStandardDeviationRange
        return try SquashedGaussian(
            mean: output.slice(alongAxis: 1, 0..<size),
            logStandardDeviation: output.slice(alongAxis: 1, size..<(2 * size)).clamped(min: lower, max: upper))
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

    /// One gradient step of α, the critics and (every `policyUpdateInterval`) the actor;
    /// returns the losses.
    private func update(with batch: ReplayBatch) throws -> [(Metric, Double)] {
        let critics = training.critics
        let batchSize = batch.rewards.shape[0]
        let noise = Tensor.randomNormal([batchSize, layout.actionCount], using: &training.updateNoise)
        let nextNoise = Tensor.randomNormal([batchSize, layout.actionCount], using: &training.updateNoise)

        // ã, log π(ã | s), reparameterised.
        let (policyActions, logProbability) = try policy(batch.observations).sampleWithLogProbability(noise: noise)

        // α-loss = −log α · (log π(ã | s) + H̄), when α is automatic.
        var alpha = Float(entropyCoefficient)
        if case .automatic = configuration.entropyCoefficient {
            alpha = Foundation.exp(logEntropyCoefficient.scalars[0])
            let entropyLoss = try -(logEntropyCoefficient.value * (logProbability.stoppingGradient() + Float(targetEntropy))).mean()
            entropyOptimizer.zeroGradients()
            try entropyLoss.backward()
            entropyOptimizer.step()
        }

        // y = r + γ (1 − terminated) [min Q′(s′, ã′) − α log π(ã′ | s′)]
        let targets = try withoutGradients {
            let (nextActions, nextLogProbability) = try policy(batch.nextObservations).sampleWithLogProbability(noise: nextNoise)
            let nextValues = try critics.minimumTargetValue(batch.nextObservations, nextActions) - nextLogProbability * alpha
            return try batch.rewards + batch.notTerminated * nextValues * Float(configuration.settings.discount)
        }

        // Critic loss ½ Σᵢ mean (Qᵢ(s, a) − y)².
        let values = try critics.values(batch.observations, batch.actionVectors)
        let criticLoss = try (meanSquaredError(values[0], targets) + meanSquaredError(values[1], targets)) * 0.5
        training.criticOptimizer.zeroGradients()
        try criticLoss.backward()
        training.criticOptimizer.step()

        // Actor loss: mean(α log π(ã | s) − min Qᵢ(s, ã)), on the critics just updated.
        var losses: [(Metric, Double)] = [(Metric("qf_loss", .episodeMean), Double(criticLoss.scalar ?? .nan)), (Metric("alpha", .latest), Double(alpha))]
        if training.updates % configuration.policyUpdateInterval == 0 {
            let policyValues = try critics.values(batch.observations, policyActions)
            let actorLoss = try (logProbability * alpha - Tensor.minimum(policyValues[0], policyValues[1])).mean()
            actorOptimizer.zeroGradients()
            try actorLoss.backward()
            actorOptimizer.step()
            losses.append((Metric("actor_loss", .episodeMean), Double(actorLoss.scalar ?? .nan)))
        }

        // θᵢ′ ← τ θᵢ + (1 − τ) θᵢ′
        if training.updates % configuration.targetUpdateInterval == 0 {
            try critics.updateTargets(rate: Float(configuration.settings.targetUpdateRate))
        }
        return losses
    }

    // MARK: - Acting

    /// tanh(μ(s)), rescaled to the action bounds.
    public func action<S: Space>(for observation: S.Element, in space: S, using generator: inout SeededGenerator) throws -> PolicyAction {
        let unit = try withoutGradients { try policy(ObservationFeatures.tensor(observation, in: space)).mode().scalars }
        return .vector(training.bounds.rescaled(fromUnit: unit))
    }

    // MARK: - Saving

    /// The actor (`actor.…`), the critics (`critic_1.…`, `critic_2.…`) and log α.
    public func parameterTensors() -> [String: Tensor] {
        var tensors = training.tensors(actor: actor)
        tensors["log_entropy_coefficient"] = logEntropyCoefficient.value.detached()
        return tensors
    }

    public func loadParameterTensors(_ tensors: [String: Tensor]) throws {
        guard let logAlpha = tensors["log_entropy_coefficient"], logAlpha.shape == [1] else {
            throw AgentError.invalidCheckpoint("a sac checkpoint needs 'log_entropy_coefficient' of shape [1]")
        }
        try training.load(tensors, actor: actor, others: ["log_entropy_coefficient"], agent: Self.name)
        try logEntropyCoefficient.assign(logAlpha)
    }
}
