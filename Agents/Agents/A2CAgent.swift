import Foundation
import RLCore
import SeededRandom
import TensorCore

/// Advantage actor-critic (Mnih et al. 2016, "Asynchronous Methods for Deep Reinforcement
/// Learning", in its synchronous form), as Stable-Baselines3's A2C: one gradient step per short
/// rollout of every environment copy.
///
/// Each rollout (`copies × rolloutSteps` samples, see ``OnPolicyRollouts``) gets advantages Â by
/// GAE(λ) (λ = 1, the default, gives the n-step returns of the paper) and value targets
/// R = Â + V_old; then, on the whole rollout at once:
///
///     Â        ← (Â − mean Â) / (std Â + 1e-8)         (`normalize-advantage`, off by default)
///     L_policy = −mean(Â · log π(a | s))
///     L_value  = mean((R − V(s))²)
///     L        = L_policy − c₂ · mean H(π(· | s)) + c₁ · L_value
///     θ ← RMSProp(θ, ∇L) (ρ = 0.99, ε = 1e-5, as SB3) or Adam, after clipping the gradients'
///         global norm to `max-gradient-norm`
///
/// The policies are PPO's: categorical for `Discrete` actions, a Gaussian with state-independent
/// log σ for `Box` actions (samples clipped to the bounds for the environment).
///
/// Metrics, named as CleanRL logs them: `policy_loss`, `value_loss`, `entropy`,
/// `explained_variance`, `learning_rate`.
public final class A2CAgent: Agent, ActorCriticAgent {
    /// The optimiser of the networks.
    public enum OptimizerKind: String, Codable, Sendable, CaseIterable {
        /// RMSProp with ρ = 0.99 and ε = `rmsprop-epsilon` (SB3's default, the paper's).
        case rmsprop
        /// Adam with ε = 1e-5.
        case adam
    }

    /// The hyperparameters: Stable-Baselines3's defaults, and rl-baselines3-zoo's tuned values
    /// through ``recommended(for:)``.
    public struct Configuration: AgentConfiguration {
        /// The seed of the weights, resets and sampling (default 0).
        public var seed: UInt64
        /// How long to train (default 1,000,000 steps).
        public var budget: TrainingBudget
        /// What A2C shares with PPO (default: 1 copy, 5 rollout steps, λ 1, learning rate 7e-4).
        public var settings: ActorCriticSettings
        /// The optimiser (default RMSProp).
        public var optimizer: OptimizerKind
        /// RMSProp's ε (default 1e-5).
        public var rmsPropEpsilon: Double

        /// Creates the hyperparameters; see each property for its meaning and default.
        public init(
            seed: UInt64 = 0, budget: TrainingBudget = .steps(1_000_000),
            settings: ActorCriticSettings = ActorCriticSettings(rolloutSteps: 5, gaeLambda: 1, learningRate: 7e-4, normalizeAdvantage: false),
            optimizer: OptimizerKind = .rmsprop, rmsPropEpsilon: Double = 1e-5
        ) {
            self.seed = seed
            self.budget = budget
            self.settings = settings
            self.optimizer = optimizer
            self.rmsPropEpsilon = rmsPropEpsilon
        }

        public func validate() throws {
            try budget.validate()
            try settings.validate()
            try ConfigurationCheck.require(rmsPropEpsilon > 0 && rmsPropEpsilon.isFinite, "the RMSProp ε must be above 0, got \(rmsPropEpsilon)")
        }

        /// rl-baselines3-zoo's tuned values (`hyperparams/a2c.yml`) for a registered
        /// environment, with the budget this suite needs to reach the targets; SB3's defaults
        /// for the others.
        public static func recommended(for environment: String) -> Configuration {
            let defaults = Configuration()
            switch environment.lowercased() {
            case "cartpole-v1", "cartpole":
                // 8 copies, SB3's other defaults, 500,000 steps.
                var settings = defaults.settings
                settings.copies = 8
                settings.solved = .cartPoleFiftyEpisodes
                return Configuration(budget: .steps(500_000), settings: settings)
            case "acrobot-v1", "acrobot", "mountaincar-v0", "mountaincar":
                // 16 copies, normalised observations and rewards.
                var settings = defaults.settings
                settings.copies = 16
                settings.normalizeObservations = true
                settings.normalizeRewards = true
                return Configuration(budget: .steps(500_000), settings: settings)
            case "pendulum-v1", "pendulum":
                // 8 copies × 8 steps, λ 0.9, γ 0.9, c₁ 0.4, lin_7e-4, log σ from −2, normalised (rl-zoo adds gSDE).
                return Configuration(
                    budget: .steps(1_000_000),
                    settings: ActorCriticSettings(
                        copies: 8, rolloutSteps: 8, discount: 0.9, gaeLambda: 0.9, learningRate: .progress(start: 7e-4, end: 0),
                        valueCoefficient: 0.4, normalizeAdvantage: false, logStandardDeviationInitial: -2,
                        normalizeObservations: true, normalizeRewards: true))
            default:
                return defaults
            }
        }
    }

    public static let definition = AgentDefinition<A2CAgent>(
        name: "a2c", summary: "advantage actor-critic: one gradient step per short rollout of every environment copy",
        requirements: SpaceRequirements(observations: .flattened, actions: .any),
        defaults: Configuration(), recommended: Configuration.recommended(for:),
        hyperparameters: ActorCriticSettings.hyperparameters(\.settings) + [
            .choice("optimizer", \.optimizer, "the networks' optimiser"),
            .number("rmsprop-epsilon", \.rmsPropEpsilon, "RMSProp's ε", in: .positive, valueName: "epsilon"),
        ],
        metrics: ActorCriticMetrics.all)

    public let configuration: Configuration
    public let layout: SpaceLayout
    public let trainingState = TrainingState()
    /// The policy and value networks.
    public let networks: ActorCriticNetworks
    let rollouts: OnPolicyRollouts
    private let optimizer: any Optimizer

    public init(configuration: Configuration, layout: SpaceLayout) throws {
        try configuration.validate()
        self.configuration = configuration
        self.layout = layout
        networks = try ActorCriticNetworks(settings: configuration.settings, layout: layout, seed: configuration.seed)
        rollouts = OnPolicyRollouts(settings: configuration.settings, layout: layout, seed: configuration.seed)
        let rate = Float(configuration.settings.learningRate.value(at: 0))
        optimizer = switch configuration.optimizer {
        case .rmsprop: try RMSProp(parameters: networks.parameters, learningRate: rate, decay: 0.99, epsilon: Float(configuration.rmsPropEpsilon))
        case .adam: try Adam(parameters: networks.parameters, learningRate: rate, epsilon: 1e-5)
        }
    }

    // MARK: - Training

    // The loop is ActorCriticAgent's: rollouts, then this update on each full one.

    /// One gradient step on a full rollout.
    ///
    /// Visible to the `Benchmarking` SPI only, for the benchmarks that time one update
    /// (`Benchmarks/`); `train` is the way to train.
    @_spi(Benchmarking) public func update(with buffer: RolloutBuffer, in session: TrainingSession) throws {
        let settings = configuration.settings
        let learningRate = Float(settings.learningRate.value(at: session.steps, progress: session.progress))
        optimizer.learningRate = learningRate
        let all = Array(0..<buffer.sampleCount)[...]
        var advantages = buffer.batch(of: buffer.advantages, all)
        if settings.normalizeAdvantage && all.count > 1 { advantages = try ActorCriticMetrics.standardized(advantages) }

        let (policy, values) = try networks.policyAndValue(buffer.observationBatch(all))
        let logProbabilities = try policy.logProbability(of: buffer.actionBatch(all))
        let entropy = try policy.entropy().mean()
        // L = −mean(Â log π(a | s)) − c₂ H + c₁ mean((R − V(s))²)
        let policyLoss = try -(advantages * logProbabilities).mean()
        let valueLoss = try meanSquaredError(values, buffer.batch(of: buffer.returns, all))
        let loss = try policyLoss - entropy * Float(settings.entropyCoefficient) + valueLoss * Float(settings.valueCoefficient)

        optimizer.zeroGradients()
        try loss.backward()
        _ = try clipGradientNorm(networks.parameters, maxNorm: Float(settings.maximumGradientNorm))
        optimizer.step()

        var figures = ActorCriticMetrics.Means()
        figures.add(policyLoss: policyLoss, valueLoss: valueLoss, entropy: entropy)
        figures.record(in: session, explainedVariance: buffer.explainedVariance, learningRate: learningRate, ratioFigures: false)
        try session.endUpdate()
    }

    // MARK: - Resuming

    // Acting and saving what it learned come from ActorCriticAgent (shared with PPO).

    public func trainingSnapshot() throws -> TrainingSnapshot {
        var snapshot = TrainingSnapshot()
        try rollouts.save(into: &snapshot)
        optimizer.save(into: &snapshot, as: "optimizer")
        return snapshot
    }

    public func restoreTraining(from snapshot: TrainingSnapshot) throws {
        try rollouts.restore(from: snapshot)
        try optimizer.restore(from: snapshot, as: "optimizer")
    }
}
