import Foundation
import RLCore
import SeededRandom
import TensorCore

/// REINFORCE (Williams 1992): a softmax policy network trained by the policy gradient on whole
/// episodes (the notes' 8.3).
///
/// For each episode:
///
///     play it with aₜ ~ π(· | sₜ) = softmax(network(sₜ))
///     Gₜ  = Σₖ γᵏ rₜ₊ₖ                               the discounted return from t
///     Ĝₜ  = (Gₜ − mean G) / (std G + 1e-8)           normalised: a baseline and a scale
///     L   = −(1/T) Σₜ Ĝₜ · log π(aₜ | sₜ) − β · (1/T) Σₜ H(π(· | sₜ))
///     one Adam step on L
///
/// where H is the entropy (the optional bonus β keeps the policy from collapsing early).
/// Log-probabilities are computed for the whole episode in one batched pass after it ends, which
/// gives the same gradient as keeping them step by step. With a ``SolvedCriterion`` training
/// stops early, once the greedy policy solves the task (PyTorch's example stops on a running
/// mean of its training returns). The greedy action is the most probable one; checkpoints
/// hold the policy network as `policy.<name>`.
///
/// Fits environments with a finite action space; observations are read flattened.
public final class ReinforceAgent: NetworkAgent {
    /// The hyperparameters; with ``recommended(for:)``'s early stop the defaults solve
    /// CartPole-v1 (greedy mean ≥ 475 over 100 episodes) in about a tenth of a second.
    public struct Configuration: AgentConfiguration {
        /// The seed of the weights, resets and action sampling (default 0).
        public var seed: UInt64
        /// How long to train (default 1,000 episodes).
        public var budget: TrainingBudget
        /// The policy network's hidden layers (default 128 ReLU, as PyTorch's example).
        public var network: NetworkShape
        /// Adam's step size, a schedule over episodes (default 0.005; 0.01, PyTorch's, collapses
        /// on about a third of seeds).
        public var learningRate: Schedule
        /// γ in [0, 1] (default 0.99).
        public var discount: Double
        /// β ≥ 0, the weight of the entropy bonus (default 0).
        public var entropyCoefficient: Double
        /// Whether to normalise the returns of each episode (default `true`).
        public var normalizeReturns: Bool
        /// Stop early once the greedy policy solves the task; `nil` to train for the whole
        /// budget (default `nil`; `recommended(for:)` sets it per task).
        public var solved: SolvedCriterion?

        /// Creates the hyperparameters; see each property for its meaning and default.
        public init(
            seed: UInt64 = 0, budget: TrainingBudget = .episodes(1_000),
            network: NetworkShape = NetworkShape(hiddenLayers: [128]), learningRate: Schedule = .constant(0.005),
            discount: Double = 0.99, entropyCoefficient: Double = 0, normalizeReturns: Bool = true,
            solved: SolvedCriterion? = nil
        ) {
            self.seed = seed
            self.budget = budget
            self.network = network
            self.learningRate = learningRate
            self.discount = discount
            self.entropyCoefficient = entropyCoefficient
            self.normalizeReturns = normalizeReturns
            self.solved = solved
        }

        public func validate() throws {
            try budget.validate()
            try network.validate()
            try learningRate.validatePositive("learning rate")
            try ConfigurationCheck.unitInterval(discount, "discount")
            try ConfigurationCheck.require(
                entropyCoefficient >= 0 && entropyCoefficient.isFinite,
                "entropy coefficient must be ≥ 0, got \(entropyCoefficient)")
            try solved?.validate()
        }

        /// The configuration tuned for a registered environment (id or alias); the defaults
        /// for the others.
        public static func recommended(for environment: String) -> Configuration {
            Configuration(solved: .recommended(for: environment))
        }
    }

    public static let definition = AgentDefinition<ReinforceAgent>(
        name: "reinforce", aliases: ["pg"], summary: "REINFORCE policy gradient with normalised returns (the notes' 8.3)",
        requirements: SpaceRequirements(observations: .flattened, actions: .discrete),
        defaults: Configuration(), recommended: Configuration.recommended(for:),
        hyperparameters: NetworkShape.hyperparameters(\.network, role: "policy") + [
            .schedule("learning-rate", \.learningRate, "Adam's step size, over episodes", in: .positive, valueName: "rate"),
            .number("discount", \.discount, "discount γ", in: .unitInterval, valueName: "gamma"),
            .number("entropy-coefficient", \.entropyCoefficient, "weight β of the entropy bonus", in: .nonNegative, valueName: "beta"),
            .flag("normalize-returns", \.normalizeReturns, "normalise each episode's returns (a baseline)"),
        ] + SolvedCriterion.hyperparameters(\.solved),
        metrics: [.loss])

    public static let networkName = "policy"

    public let configuration: Configuration
    public let layout: SpaceLayout
    public let trainingState = TrainingState()
    /// The policy's logits: π(· | s) = softmax(network(s)).
    public let network: Sequential
    private let optimizer: Adam
    private var sampling: SeededGenerator
    /// The episode in progress when the last call's budget ran out mid-episode: its features
    /// (row after row), actions and rewards, so the next call finishes and learns from it.
    private var unfinished = (features: [Float](), actions: [Int](), rewards: [Double]())

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
        optimizer = try Adam(parameters: self.network.parameters(), learningRate: Float(configuration.learningRate.value(at: 0)))
        sampling = SeededGenerator(seed: configuration.seed, stream: AgentStream.exploration)
    }

    // MARK: - Resuming

    public func trainingSnapshot() -> TrainingSnapshot {
        var snapshot = TrainingSnapshot()
        snapshot.values.generators["exploration"] = sampling
        optimizer.save(into: &snapshot, as: "optimizer")
        snapshot.values.numbers["unfinished.features"] = unfinished.features.map(Double.init)
        snapshot.values.numbers["unfinished.actions"] = unfinished.actions.map(Double.init)
        snapshot.values.numbers["unfinished.rewards"] = unfinished.rewards
        return snapshot
    }

    public func restoreTraining(from snapshot: TrainingSnapshot) throws {
        sampling = try snapshot.generator("exploration")
        try optimizer.restore(from: snapshot, as: "optimizer")
        let numbers = snapshot.values.numbers
        let (features, actions, rewards) = (numbers["unfinished.features"] ?? [], numbers["unfinished.actions"] ?? [],
                                            numbers["unfinished.rewards"] ?? [])
        guard features.count == actions.count * layout.observationSize, rewards.count == actions.count,
              actions.allSatisfy({ $0 >= 0 && $0 < Double(layout.actionCount) && $0 == $0.rounded() }) else {
            throw AgentError.invalidCheckpoint("the saved unfinished episode does not fit the agent's spaces")
        }
        unfinished = (features.map(Float.init), actions.map { Int($0) }, rewards)
    }

    // MARK: - Training

    public func train<E: Environment>(on environment: inout E, in session: TrainingSession) throws {
        let (observationSpace, actionSpace) = (environment.observationSpace, environment.actionSpace)
        let featureCount = layout.observationSize
        var observation = session.observation(from: &environment, seed: configuration.seed)
        while session.isRunning {
            // 1. Play one episode with aₜ ~ π(· | sₜ) (or finish the one the last call left).
            var finished = false
            while !finished && session.isRunning {
                let features = ObservationFeatures.tensor(observation, in: observationSpace)
                let logits = try withoutGradients { try network(features) }
                let action = try sampleAction(logits: logits, using: &sampling)
                let result = try environment.step(try PolicyAction.index(action).element(of: actionSpace, agent: Self.name))
                features.withUnsafeScalars { unfinished.features.append(contentsOf: $0) }
                unfinished.actions.append(action)
                unfinished.rewards.append(result.reward)
                try session.recordStep(reward: result.reward)
                observation = result.observation
                finished = result.isDone
            }
            // A step budget can run out mid-episode; the next call finishes it.
            guard finished else { break }

            // 2.-3. Returns, loss and one Adam step.
            let (features, actions, rewards) = unfinished
            unfinished = ([], [], [])
            optimizer.learningRate = Float(configuration.learningRate.value(at: session.episodes, progress: session.progress))
            let loss = try update(
                observations: Tensor(shape: [actions.count, featureCount], scalars: features), actions: actions,
                returns: discountedReturns(rewards))
            session.recordLoss(loss)
            try session.endUpdate()
            try session.endEpisode(succeeded: environment.episodeSucceeded)
            try session.checkSolved(configuration.solved, agent: self, environment: environment)
            observation = environment.reset()
        }
        session.suspend(at: observation)
    }

    /// Gₜ = rₜ + γ Gₜ₊₁ backwards from the end, normalised when configured.
    private func discountedReturns(_ rewards: [Double]) -> Tensor {
        var returns = [Double](repeating: 0, count: rewards.count)
        var running = 0.0
        for step in rewards.indices.reversed() {
            running = rewards[step] + configuration.discount * running
            returns[step] = running
        }
        if configuration.normalizeReturns && returns.count > 1 {
            let mean = returns.reduce(0, +) / Double(returns.count)
            let deviation = (returns.map { ($0 - mean) * ($0 - mean) }.reduce(0, +) / Double(returns.count)).squareRoot()
            returns = returns.map { ($0 - mean) / (deviation + 1e-8) }
        }
        return Tensor(returns.map(Float.init))
    }

    /// One gradient step on L = −mean(Ĝₜ log π(aₜ | sₜ)) − β mean(H(π(· | sₜ))); returns L.
    private func update(observations: Tensor, actions: [Int], returns: Tensor) throws -> Float {
        let logProbabilities = try network(observations).logSoftmax(alongAxis: 1)
        var loss = try -(logProbabilities.gathering(actions, alongAxis: 1) * returns).mean()
        if configuration.entropyCoefficient > 0 {
            // H(π) = −Σₐ π(a) log π(a)
            let entropy = try -(logProbabilities.exp() * logProbabilities).sum(alongAxes: [1])
            loss = try loss - entropy.mean() * Float(configuration.entropyCoefficient)
        }
        optimizer.zeroGradients()
        try loss.backward()
        optimizer.step()
        return loss.scalar ?? .nan
    }

    /// An action drawn from softmax(`logits`).
    private func sampleAction(logits: Tensor, using generator: inout SeededGenerator) throws -> Int {
        try logits.softmax().withUnsafeScalars { probabilities in
            var threshold = Float(generator.uniformDouble())
            for (action, probability) in probabilities.enumerated() {
                threshold -= probability
                if threshold < 0 { return action }
            }
            return probabilities.count - 1  // rounding left a sliver above the last cumulative sum
        }
    }
}
