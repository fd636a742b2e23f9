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
        /// Adam's step size (default 0.005; 0.01, PyTorch's, collapses on about a third of seeds).
        public var learningRate: Double
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
            network: NetworkShape = NetworkShape(hiddenLayers: [128]), learningRate: Double = 0.005,
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
            try ConfigurationCheck.positive(learningRate, "learning rate")
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

    public static let name = "reinforce"
    public static let networkName = "policy"
    public static let observationEncoding = SpaceLayout.ObservationEncoding.flattened

    public let configuration: Configuration
    public let layout: SpaceLayout
    /// The policy's logits: π(· | s) = softmax(network(s)).
    public let network: Sequential
    private let optimizer: Adam

    public init(configuration: Configuration, layout: SpaceLayout) throws {
        try configuration.validate()
        self.configuration = configuration
        self.layout = layout
        network = configuration.network.build(for: layout, seed: configuration.seed)
        optimizer = try Adam(parameters: network.parameters(), learningRate: Float(configuration.learningRate))
    }

    // MARK: - Training

    public func train<E: Environment>(on environment: inout E, progress: @escaping ProgressHandler) throws -> TrainingReport {
        try checkFits(environment)
        let (observationSpace, actionSpace) = (environment.observationSpace, environment.actionSpace)
        var sampling = SeededGenerator(seed: configuration.seed, stream: AgentStream.exploration)
        var session = TrainingSession(budget: configuration.budget, progress: progress)

        var observation = environment.reset(seed: configuration.seed)
        while session.isRunning {
            // 1. Play one episode with aₜ ~ π(· | sₜ).
            var observations: [E.Observation] = []
            var actions: [Int] = []
            var rewards: [Double] = []
            var finished = false
            while !finished && session.isRunning {
                let logits = try withoutGradients { try network(ObservationFeatures.tensor(observation, in: observationSpace)) }
                let action = try sampleAction(logits: logits, using: &sampling)
                let result = try environment.step(actionSpace.element(atIndex: action)!)
                observations.append(observation)
                actions.append(action)
                rewards.append(result.reward)
                session.recordStep(reward: result.reward)
                observation = result.observation
                finished = result.isDone
            }
            // A step budget can run out mid-episode; that partial episode is not learned from.
            guard finished else { break }

            // 2.-3. Returns, loss and one Adam step.
            let loss = try update(
                observations: ObservationFeatures.batch(observations, in: observationSpace), actions: actions,
                returns: discountedReturns(rewards))
            session.recordLoss(loss)
            session.endEpisode(succeeded: environment.episodeSucceeded, epsilon: nil)
            try session.checkSolved(configuration.solved, agent: self, environment: environment)
            observation = environment.reset()
        }
        return session.report()
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
        return loss.scalar!
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
