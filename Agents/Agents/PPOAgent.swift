import Foundation
import RLCore
import SeededRandom
import TensorCore

/// Proximal policy optimisation (Schulman et al. 2017, "Proximal Policy Optimization
/// Algorithms"), as Stable-Baselines3's PPO and CleanRL's `ppo.py`: an on-policy actor-critic
/// that takes several passes over each rollout, keeping the new policy close to the one that
/// collected it by clipping the probability ratio.
///
/// Each rollout (`copies × rolloutSteps` samples, see ``OnPolicyRollouts``) gets advantages Â by
/// GAE(λ) and value targets R = Â + V_old; then `epochs` times, over shuffled minibatches of
/// `batchSize` samples:
///
///     Â        ← (Â − mean Â) / (std Â + 1e-8)                  (per minibatch, `normalize-advantage`)
///     ρ        = exp(log π(a | s) − log π_old(a | s))
///     L_clip   = −mean(min(ρ Â, clip(ρ, 1 − ε, 1 + ε) Â))         (ε: `clip-range`, a schedule)
///     V_pred   = V(s), or V_old + clip(V(s) − V_old, −ε_v, ε_v)   (`value-clip-range`, off by default)
///     L_value  = mean((R − V_pred)²)
///     L        = L_clip − c₂ · mean H(π(· | s)) + c₁ · L_value
///     KL ≈ mean((ρ − 1) − log ρ)                                   (Schulman's estimator; the
///                                                                   epochs stop once it exceeds
///                                                                   1.5 × `target-kl`, as SB3)
///     θ ← Adam(θ, ∇L) after clipping the gradients' global norm to `max-gradient-norm`
///
/// Categorical policies for `Discrete` actions; for `Box` actions a Gaussian with a
/// state-independent log σ, whose samples are clipped to the bounds for the environment (the
/// log-probabilities are those of the unclipped samples). Deterministic actions are the most
/// probable action, or the mean clipped to the bounds.
///
/// Metrics, named as CleanRL logs them: `policy_loss`, `value_loss`, `entropy`, `approx_kl`,
/// `clip_fraction`, `explained_variance`, `learning_rate`.
public final class PPOAgent: Agent, ActorCriticAgent {
    /// The hyperparameters: Stable-Baselines3's defaults, and rl-baselines3-zoo's tuned values
    /// through ``recommended(for:)``.
    public struct Configuration: AgentConfiguration {
        /// The seed of the weights, resets, sampling and minibatches (default 0).
        public var seed: UInt64
        /// How long to train (default 1,000,000 steps).
        public var budget: TrainingBudget
        /// What PPO shares with A2C (default: 1 copy, 2,048 rollout steps, λ 0.95, learning rate 3e-4).
        public var settings: ActorCriticSettings
        /// Samples per minibatch (default 64); must divide `copies × rolloutSteps`.
        public var batchSize: Int
        /// Passes over each rollout (default 10).
        public var epochs: Int
        /// ε of the clipped ratio, a schedule (default 0.2).
        public var clipRange: Schedule
        /// ε_v of the clipped value prediction; `nil` (default) for no clipping.
        public var valueClipRange: Double?
        /// Stops an update's epochs once the approximate KL exceeds 1.5 × this; `nil` (default) never.
        public var targetKL: Double?

        /// Creates the hyperparameters; see each property for its meaning and default.
        public init(
            seed: UInt64 = 0, budget: TrainingBudget = .steps(1_000_000),
            settings: ActorCriticSettings = ActorCriticSettings(rolloutSteps: 2048, gaeLambda: 0.95, learningRate: 3e-4, normalizeAdvantage: true),
            batchSize: Int = 64, epochs: Int = 10, clipRange: Schedule = 0.2, valueClipRange: Double? = nil, targetKL: Double? = nil
        ) {
            self.seed = seed
            self.budget = budget
            self.settings = settings
            self.batchSize = batchSize
            self.epochs = epochs
            self.clipRange = clipRange
            self.valueClipRange = valueClipRange
            self.targetKL = targetKL
        }

        public func validate() throws {
            try budget.validate()
            try settings.validate()
            try ConfigurationCheck.atLeast(batchSize, 1, "batch size")
            try ConfigurationCheck.require(
                settings.rolloutSize % batchSize == 0,
                "the batch size must divide the rollout of copies × rollout steps = \(settings.copies) × \(settings.rolloutSteps) = \(settings.rolloutSize) samples, got \(batchSize)")
            try ConfigurationCheck.atLeast(epochs, 1, "epochs")
            try clipRange.validatePositive("clip range")
            if let valueClipRange {
                try ConfigurationCheck.require(valueClipRange > 0 && valueClipRange.isFinite, "the value clip range must be above 0, got \(valueClipRange)")
            }
            if let targetKL {
                try ConfigurationCheck.require(targetKL > 0 && targetKL.isFinite, "the target KL must be above 0, got \(targetKL)")
            }
        }

        /// rl-baselines3-zoo's tuned values (`hyperparams/ppo.yml`) for a registered
        /// environment, with the budget this suite needs to reach the targets; SB3's defaults
        /// for the others.
        public static func recommended(for environment: String) -> Configuration {
            switch environment.lowercased() {
            case "cartpole-v1", "cartpole":
                // 8 copies × 32 steps, batch 256, 20 epochs, λ 0.8, γ 0.98, lin_1e-3, clip lin_0.2.
                Configuration(
                    budget: .steps(100_000),
                    settings: ActorCriticSettings(
                        copies: 8, rolloutSteps: 32, discount: 0.98, gaeLambda: 0.8, learningRate: .progress(start: 1e-3, end: 0),
                        normalizeAdvantage: true, solved: .cartPoleFiftyEpisodes),
                    batchSize: 256, epochs: 20, clipRange: .progress(start: 0.2, end: 0))
            case "acrobot-v1", "acrobot":
                // 16 copies × 256 steps, 4 epochs, λ 0.94, normalised observations and rewards.
                Configuration(
                    budget: .steps(1_000_000),
                    settings: ActorCriticSettings(
                        copies: 16, rolloutSteps: 256, gaeLambda: 0.94, learningRate: 3e-4, normalizeAdvantage: true,
                        normalizeObservations: true, normalizeRewards: true),
                    batchSize: 64, epochs: 4)
            case "pendulum-v1", "pendulum":
                // 4 copies × 1024 steps, 10 epochs, λ 0.95, γ 0.9, learning rate 1e-3 (rl-zoo adds gSDE).
                Configuration(
                    budget: .steps(100_000),
                    settings: ActorCriticSettings(
                        copies: 4, rolloutSteps: 1024, discount: 0.9, gaeLambda: 0.95, learningRate: 1e-3, normalizeAdvantage: true),
                    batchSize: 64, epochs: 10)
            case "mountaincarcontinuous-v0", "mountaincarcontinuous":
                // 1 copy × 8 steps, 10 epochs, γ 0.9999, λ 0.9, lr 7.77e-5, clip 0.1, log σ from −3.29,
                // normalised (rl-zoo's batch 256 exceeds the rollout: SB3 then takes all 8 samples; rl-zoo adds gSDE).
                Configuration(
                    budget: .steps(20_000),
                    settings: ActorCriticSettings(
                        copies: 1, rolloutSteps: 8, discount: 0.9999, gaeLambda: 0.9, learningRate: 7.77e-5,
                        valueCoefficient: 0.19, entropyCoefficient: 0.00429, maximumGradientNorm: 5, normalizeAdvantage: true,
                        logStandardDeviationInitial: -3.29, normalizeObservations: true, normalizeRewards: true),
                    batchSize: 8, epochs: 10, clipRange: 0.1)
            case "mountaincar-v0", "mountaincar":
                Configuration(
                    budget: .steps(1_000_000),
                    settings: ActorCriticSettings(
                        copies: 16, rolloutSteps: 16, gaeLambda: 0.98, learningRate: 3e-4, normalizeAdvantage: true,
                        normalizeObservations: true, normalizeRewards: true),
                    batchSize: 64, epochs: 4)
            default:
                Configuration()
            }
        }
    }

    public static let definition = AgentDefinition<PPOAgent>(
        name: "ppo", summary: "proximal policy optimisation: clipped policy ratio, GAE, minibatch epochs over vector rollouts",
        requirements: SpaceRequirements(observations: .flattened, actions: .any),
        defaults: Configuration(), recommended: Configuration.recommended(for:),
        hyperparameters: ActorCriticSettings.hyperparameters(\.settings) + [
            .integer("batch-size", \.batchSize, "samples per minibatch (must divide copies × rollout steps)", atLeast: 1),
            .integer("epochs", \.epochs, "passes over each rollout", atLeast: 1),
            .schedule("clip-range", \.clipRange, "ε of the clipped probability ratio", in: .positive, valueName: "epsilon"),
            .optionalNumber("value-clip-range", \.valueClipRange, "clip the value prediction to ±this around the old one",
                            in: .positive, valueName: "epsilon"),
            .optionalNumber("target-kl", \.targetKL, "stop an update's epochs once the approximate KL exceeds 1.5 × this",
                            in: .positive, valueName: "kl"),
        ],
        metrics: ActorCriticMetrics.all + [ActorCriticMetrics.approximateKL, ActorCriticMetrics.clipFraction])

    public let configuration: Configuration
    public let layout: SpaceLayout
    public let trainingState = TrainingState()
    /// The policy and value networks.
    public let networks: ActorCriticNetworks
    let rollouts: OnPolicyRollouts
    private let optimizer: Adam
    /// Draws the minibatches' order.
    private var minibatches: SeededGenerator

    public init(configuration: Configuration, layout: SpaceLayout) throws {
        try configuration.validate()
        self.configuration = configuration
        self.layout = layout
        networks = try ActorCriticNetworks(settings: configuration.settings, layout: layout, seed: configuration.seed)
        rollouts = OnPolicyRollouts(settings: configuration.settings, layout: layout, seed: configuration.seed)
        // Adam with ε = 1e-5, as SB3's and CleanRL's PPO.
        optimizer = try Adam(parameters: networks.parameters, learningRate: Float(configuration.settings.learningRate.value(at: 0)), epsilon: 1e-5)
        minibatches = SeededGenerator(seed: configuration.seed, stream: AgentStream.replay)
    }

    // MARK: - Training

    // The loop is ActorCriticAgent's: rollouts, then this update on each full one.

    /// `epochs` passes of minibatch gradient steps over a full rollout.
    ///
    /// Visible to the `Benchmarking` SPI only, for the benchmarks that time one update
    /// (`Benchmarks/`); `train` is the way to train.
    @_spi(Benchmarking) public func update(with buffer: RolloutBuffer, in session: TrainingSession) throws {
        let settings = configuration.settings
        let learningRate = Float(settings.learningRate.value(at: session.steps, progress: session.progress))
        let clipRange = Float(configuration.clipRange.value(at: session.steps, progress: session.progress))
        optimizer.learningRate = learningRate
        var indices = Array(0..<buffer.sampleCount)
        var figures = ActorCriticMetrics.Means()
        var stoppedEarly = false
        epochs: for _ in 0..<configuration.epochs {
            minibatches.shuffle(&indices)
            for start in stride(from: 0, to: indices.count, by: configuration.batchSize) {
                let batch = indices[start..<(start + configuration.batchSize)]
                let observations = buffer.observationBatch(batch)
                let actions = buffer.actionBatch(batch)
                let oldLogProbabilities = buffer.batch(of: buffer.logProbabilities, batch)
                let oldValues = buffer.batch(of: buffer.values, batch)
                let returns = buffer.batch(of: buffer.returns, batch)
                var advantages = buffer.batch(of: buffer.advantages, batch)
                if settings.normalizeAdvantage && batch.count > 1 { advantages = try ActorCriticMetrics.standardized(advantages) }

                let (policy, values) = try networks.policyAndValue(observations)
                let logProbabilities = try policy.logProbability(of: actions)
                let entropy = try policy.entropy().mean()

                // ρ = π / π_old; L_clip = −mean(min(ρ Â, clip(ρ, 1 ± ε) Â))
                let logRatio = try logProbabilities - oldLogProbabilities
                let ratio = logRatio.exp()
                let policyLoss = try -Tensor.minimum(advantages * ratio, advantages * ratio.clamped(min: 1 - clipRange, max: 1 + clipRange)).mean()

                // L_value = mean((R − V_pred)²), V_pred optionally clipped around V_old.
                var predictions = values
                if let valueClipRange = configuration.valueClipRange.map(Float.init) {
                    predictions = try oldValues + (values - oldValues).clamped(min: -valueClipRange, max: valueClipRange)
                }
                let valueLoss = try meanSquaredError(predictions, returns)
                let loss = try policyLoss - entropy * Float(settings.entropyCoefficient) + valueLoss * Float(settings.valueCoefficient)

                // KL ≈ mean((ρ − 1) − log ρ), and the fraction of clipped ratios.
                let (approximateKL, clipFraction) = ActorCriticMetrics.ratioFigures(logRatio: logRatio, clipRange: clipRange)
                figures.add(policyLoss: policyLoss, valueLoss: valueLoss, entropy: entropy, approximateKL: approximateKL, clipFraction: clipFraction)
                if let targetKL = configuration.targetKL, approximateKL > 1.5 * targetKL {
                    stoppedEarly = true
                    break epochs
                }

                optimizer.zeroGradients()
                try loss.backward()
                _ = try clipGradientNorm(networks.parameters, maxNorm: Float(settings.maximumGradientNorm))
                optimizer.step()
            }
        }
        figures.record(in: session, explainedVariance: buffer.explainedVariance, learningRate: learningRate, ratioFigures: true)
        if stoppedEarly { session.record(1, named: "stopped_early") }
        try session.endUpdate()
    }

    // MARK: - Resuming

    // Acting and saving what it learned come from ActorCriticAgent (shared with A2C).

    public func trainingSnapshot() throws -> TrainingSnapshot {
        var snapshot = TrainingSnapshot()
        try rollouts.save(into: &snapshot)
        optimizer.save(into: &snapshot, as: "optimizer")
        snapshot.values.generators["minibatches"] = minibatches
        return snapshot
    }

    public func restoreTraining(from snapshot: TrainingSnapshot) throws {
        try rollouts.restore(from: snapshot)
        try optimizer.restore(from: snapshot, as: "optimizer")
        minibatches = try snapshot.generator("minibatches")
    }
}
