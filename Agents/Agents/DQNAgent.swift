import RLCore
import SeededRandom
import TensorCore

/// Deep Q-network (Mnih et al., Nature 2015; the notes' 8.2): Q-learning with a network,
/// stabilised by experience replay and a target network.
///
/// Every environment step:
///
///     a      = random with probability ε(step), else argmaxₐ Q(s, a; θ)
///              (always random during the first `learningStarts` steps)
///     store  (s, a, r, s', terminated) in the replay buffer D
///     every `targetUpdateInterval` steps: θ⁻ ← τθ + (1 − τ)θ⁻ (τ = 1: a hard copy)
///
/// Then, every `trainFrequency` steps once more than `learningStarts` were taken,
/// `gradientSteps` times:
///
///     sample a minibatch (sⱼ, aⱼ, rⱼ, s'ⱼ, doneⱼ) uniformly from D
///     yⱼ = rⱼ + γ · (1 − doneⱼ) · maxₐ' Q(s'ⱼ, a'; θ⁻)               (DQN)
///     yⱼ = rⱼ + γ · (1 − doneⱼ) · Q(s'ⱼ, argmaxₐ' Q(s'ⱼ, a'; θ); θ⁻)  (Double DQN)
///     minimise Huber(Q(sⱼ, aⱼ; θ) − yⱼ) with Adam, gradient norm clipped
///
/// Steps count environment steps from the agent's first `train` (later calls continue the
/// count): the target network follows every `targetUpdateInterval` environment steps (not
/// gradient steps), and ε(step) is the schedule's value at the number of steps already taken.
/// This is Stable-Baselines3's DQN step for step (see `Benchmarks/peers/dqn_cartpole_sb3.md`),
/// except that the budget is exact: SB3 collects whole `trainFrequency` rollouts and so
/// overshoots it (50,176 steps for 50,000).
///
/// `doneⱼ` is termination only: a transition cut by the time limit bootstraps from s'.
/// With a ``SolvedCriterion`` training stops early, once the greedy policy solves the task.
///
/// Fits environments with a finite action space; observations are read flattened (one-hot for
/// a `Discrete` space).
public final class DQNAgent: NetworkAgent {
    /// The loss on the TD error.
    public enum Loss: String, Codable, Sendable, CaseIterable {
        /// Huber (smooth L1, δ = 1): bounded gradients for large errors (Stable-Baselines3).
        case huber
        /// Squared error, as the 2015 paper's gradient before its error clipping.
        case meanSquaredError
    }

    /// The hyperparameters. The defaults are tuned for CartPole-v1 (after rl-baselines3-zoo's,
    /// with Double DQN and a 64-64 network); with ``recommended(for:)``'s early stop they
    /// solve it (greedy mean ≥ 475 over 100 episodes) in about two seconds.
    public struct Configuration: AgentConfiguration {
        /// The seed of the weights, resets, exploration and sampling (default 0).
        public var seed: UInt64
        /// How long to train (default 100,000 steps).
        public var budget: TrainingBudget
        /// The Q-network's hidden layers (default 64-64 ReLU).
        public var network: NetworkShape
        /// Adam's step size, a schedule over environment steps (default 0.0023).
        public var learningRate: Schedule
        /// The replay buffer's capacity in transitions (default 100,000).
        public var bufferCapacity: Int
        /// Transitions per minibatch (default 64).
        public var batchSize: Int
        /// γ in [0, 1] (default 0.99).
        public var discount: Double
        /// Steps of uniformly random play at the start, whatever ε says; updates begin at the
        /// first multiple of `trainFrequency` above it (default 1,000).
        public var learningStarts: Int
        /// Environment steps between updates (default 256).
        public var trainFrequency: Int
        /// Minibatch updates per update (default 128).
        public var gradientSteps: Int
        /// Environment steps between target-network updates, C (default 10: the target
        /// catches up after every burst of updates and stays fixed during one).
        public var targetUpdateInterval: Int
        /// τ in (0, 1] for θ⁻ ← τθ + (1 − τ)θ⁻; 1 copies (default 1).
        public var targetUpdateRate: Double
        /// ε(step) (default linear from 1 to 0.04 over 8,000 steps).
        public var exploration: Schedule
        /// The loss on the TD error (default Huber).
        public var loss: Loss
        /// The largest global gradient norm before clipping; `nil` for no clipping (default 10).
        public var maxGradientNorm: Double?
        /// Whether to choose a' with the online network (Double DQN, van Hasselt et al. 2016;
        /// default on).
        public var doubleDQN: Bool
        /// Stop early once the greedy policy solves the task; `nil` to train for the whole
        /// budget (default `nil`; ``recommended(for:)`` sets it per task).
        public var solved: SolvedCriterion?

        /// Creates the hyperparameters; see each property for its meaning and default.
        public init(
            seed: UInt64 = 0, budget: TrainingBudget = .steps(100_000),
            network: NetworkShape = NetworkShape(hiddenLayers: [64, 64]), learningRate: Schedule = .constant(2.3e-3),
            bufferCapacity: Int = 100_000, batchSize: Int = 64, discount: Double = 0.99, learningStarts: Int = 1_000,
            trainFrequency: Int = 256, gradientSteps: Int = 128, targetUpdateInterval: Int = 10,
            targetUpdateRate: Double = 1, exploration: Schedule = .linear(start: 1, end: 0.04, duration: 8_000),
            loss: Loss = .huber, maxGradientNorm: Double? = 10, doubleDQN: Bool = true,
            solved: SolvedCriterion? = nil
        ) {
            self.seed = seed
            self.budget = budget
            self.network = network
            self.learningRate = learningRate
            self.bufferCapacity = bufferCapacity
            self.batchSize = batchSize
            self.discount = discount
            self.learningStarts = learningStarts
            self.trainFrequency = trainFrequency
            self.gradientSteps = gradientSteps
            self.targetUpdateInterval = targetUpdateInterval
            self.targetUpdateRate = targetUpdateRate
            self.exploration = exploration
            self.loss = loss
            self.maxGradientNorm = maxGradientNorm
            self.doubleDQN = doubleDQN
            self.solved = solved
        }

        public func validate() throws {
            try budget.validate()
            try network.validate()
            try learningRate.validatePositive("learning rate")
            try ConfigurationCheck.atLeast(bufferCapacity, 1, "buffer capacity")
            try ConfigurationCheck.atLeast(batchSize, 1, "batch size")
            try ConfigurationCheck.require(batchSize <= Self.maximumBatchSize, "batch size must be at most \(Self.maximumBatchSize), got \(batchSize)")
            try ConfigurationCheck.unitInterval(discount, "discount")
            try ConfigurationCheck.atLeast(learningStarts, 0, "learning starts")
            try ConfigurationCheck.atLeast(trainFrequency, 1, "train frequency")
            try ConfigurationCheck.atLeast(gradientSteps, 1, "gradient steps")
            try ConfigurationCheck.atLeast(targetUpdateInterval, 1, "target update interval")
            try ConfigurationCheck.require(
                targetUpdateRate > 0 && targetUpdateRate <= 1, "target update rate must be in (0, 1], got \(targetUpdateRate)")
            try exploration.validate("epsilon", in: 0...1)
            if let maxGradientNorm { try ConfigurationCheck.positive(maxGradientNorm, "max gradient norm") }
            try solved?.validate()
        }

        /// The configuration tuned for a registered environment (id or alias); the defaults
        /// for the others.
        public static func recommended(for environment: String) -> Configuration {
            switch environment.lowercased() {
            case "acrobot-v1", "acrobot":
                // rl-baselines3-zoo's tuned Acrobot-v1 (hyperparams/dqn.yml): 100,000 steps,
                // learning rate 6.3e-4, batch 128, buffer 50,000, learning from the first step,
                // γ = 0.99, target copied every 250 steps, one update per step (4 every 4),
                // ε 1 → 0.1 over the first 12% of the steps, plain DQN as Stable-Baselines3's.
                // Its 256-256 network is replaced by 64-64: a tenth of the time, and greedy
                // returns of -81 to -93 on seeds 0 to 9 (the zoo reports -76.6).
                Configuration(
                    budget: .steps(100_000), network: NetworkShape(hiddenLayers: [64, 64]), learningRate: 6.3e-4,
                    bufferCapacity: 50_000, batchSize: 128, discount: 0.99, learningStarts: 0, trainFrequency: 4,
                    gradientSteps: 4, targetUpdateInterval: 250, exploration: .linear(start: 1, end: 0.1, duration: 12_000),
                    doubleDQN: false)
            case "mountaincar-v0", "mountaincar":
                // rl-baselines3-zoo's tuned MountainCar-v0 (hyperparams/dqn.yml): 120,000 steps,
                // learning rate 4e-3, batch 128, buffer 10,000, 1,000 learning starts, γ = 0.98,
                // target copied every 600 steps, 8 updates every 16 steps, ε 1 → 0.07 over the
                // first 20% of the steps, a 256-256 network, plain DQN. Its final policies
                // scatter (-100 to -122 greedy on seeds 0 to 4 here), so training stops once a
                // 50-episode greedy check reaches -100, keeping the good policy it found.
                Configuration(
                    budget: .steps(120_000), network: NetworkShape(hiddenLayers: [256, 256]), learningRate: 4e-3,
                    bufferCapacity: 10_000, batchSize: 128, discount: 0.98, learningStarts: 1_000, trainFrequency: 16,
                    gradientSteps: 8, targetUpdateInterval: 600, exploration: .linear(start: 1, end: 0.07, duration: 24_000),
                    doubleDQN: false, solved: SolvedCriterion(threshold: -100, evaluationEpisodes: 50))
            default:
                Configuration(solved: .recommended(for: environment))
            }
        }

        /// The largest minibatch: a batch beyond it would take gigabytes per update.
        public static let maximumBatchSize = 1 << 20
    }

    public static let definition = AgentDefinition<DQNAgent>(
        name: "dqn", summary: "deep Q-network: replay buffer, target network, Double DQN (the notes' 8.2)",
        requirements: SpaceRequirements(observations: .flattened, actions: .discrete),
        defaults: Configuration(), recommended: Configuration.recommended(for:),
        hyperparameters: NetworkShape.hyperparameters(\.network) + [
            .schedule("learning-rate", \.learningRate, "Adam's step size, over environment steps", in: .positive, valueName: "rate"),
            .integer("buffer-capacity", \.bufferCapacity, "replay buffer capacity in transitions", atLeast: 1),
            .integer("batch-size", \.batchSize, "transitions per minibatch", atLeast: 1, atMost: Configuration.maximumBatchSize),
            .number("discount", \.discount, "discount γ", in: .unitInterval, valueName: "gamma"),
            .integer("learning-starts", \.learningStarts, "steps of random play before the first update", atLeast: 0, valueName: "steps"),
            .integer("train-frequency", \.trainFrequency, "environment steps between updates", atLeast: 1, valueName: "steps"),
            .integer("gradient-steps", \.gradientSteps, "minibatch updates per update", atLeast: 1),
            .integer("target-update-interval", \.targetUpdateInterval, "environment steps between target-network updates (C)",
                     atLeast: 1, valueName: "steps"),
            .number("target-update-rate", \.targetUpdateRate, "τ for θ⁻ ← τθ + (1 − τ)θ⁻; 1 copies",
                    in: ValueRange(above: 0, atMost: 1), valueName: "tau"),
            .schedule("epsilon", \.exploration, "exploration rate ε over environment steps", in: .unitInterval),
            .choice("loss", \.loss, "the loss on the TD error"),
            .optionalNumber("max-gradient-norm", \.maxGradientNorm, "largest global gradient norm before clipping", in: .positive,
                            valueName: "norm"),
            .flag("double-dqn", \.doubleDQN, "choose the next action with the online network (Double DQN)"),
        ] + SolvedCriterion.hyperparameters(\.solved),
        metrics: [.epsilon, .loss])

    public static let networkName = "q_network"

    public let configuration: Configuration
    public let layout: SpaceLayout
    public let trainingState = TrainingState()
    /// Q(s, ·; θ), the network that is trained and acts.
    public let network: Sequential
    /// Q(s, ·; θ⁻), the slowly following copy the targets come from.
    public let targetNetwork: Sequential
    private let optimizer: Adam
    /// The replay buffer D (kept across calls to `train`).
    public private(set) var replayBuffer: ReplayBuffer
    private var exploration: SeededGenerator
    private var sampling: SeededGenerator

    public convenience init(configuration: Configuration, layout: SpaceLayout) throws {
        try self.init(configuration: configuration, layout: layout, network: nil)
    }

    /// See ``NetworkAgent/init(configuration:layout:network:)``.
    public init(configuration: Configuration, layout: SpaceLayout, network: Sequential?) throws {
        var configuration = configuration
        if let network { configuration.network = try NetworkShape(network: network) }
        try configuration.validate()
        try TrainingMemory.check(
            configuration.network, inputCount: layout.observationSize, outputCount: layout.actionCount,
            batchSize: configuration.batchSize)
        self.configuration = configuration
        self.layout = layout
        if let network {
            try NetworkShape.check(network, inputCount: layout.observationSize, outputCount: layout.actionCount)
            self.network = network
        } else {
            self.network = try configuration.network.build(for: layout, seed: configuration.seed)
        }
        // The target network starts as an exact copy.
        targetNetwork = try configuration.network.build(for: layout, seed: configuration.seed)
        try targetNetwork.copyParameters(from: self.network)
        optimizer = try Adam(parameters: self.network.parameters(), learningRate: Float(configuration.learningRate.value(at: 0)))
        replayBuffer = ReplayBuffer(capacity: configuration.bufferCapacity, observationSize: layout.observationSize)
        exploration = SeededGenerator(seed: configuration.seed, stream: AgentStream.exploration)
        sampling = SeededGenerator(seed: configuration.seed, stream: AgentStream.replay)
    }

    // MARK: - Resuming

    public func trainingSnapshot() -> TrainingSnapshot {
        var snapshot = TrainingSnapshot()
        snapshot.values.generators = ["exploration": exploration, "replay": sampling]
        optimizer.save(into: &snapshot, as: "optimizer")
        targetNetwork.save(into: &snapshot, as: "target_network")
        snapshot.replayBuffer = replayBuffer
        return snapshot
    }

    public func restoreTraining(from snapshot: TrainingSnapshot) throws {
        exploration = try snapshot.generator("exploration")
        sampling = try snapshot.generator("replay")
        try optimizer.restore(from: snapshot, as: "optimizer")
        try targetNetwork.restore(from: snapshot, as: "target_network")
        if let buffer = snapshot.replayBuffer {
            guard buffer.observationSize == layout.observationSize, buffer.actionSize == 1 else {
                throw AgentError.invalidCheckpoint("the saved replay buffer does not fit the agent's spaces")
            }
            try buffer.checkIndexActions(below: layout.actionCount)
            replayBuffer = buffer
        }
    }

    // MARK: - Training

    public func train<E: Environment>(on environment: inout E, in session: TrainingSession) throws {
        let configuration = self.configuration
        let observationSpace = environment.observationSpace
        var observation = session.observation(from: &environment, seed: configuration.seed)
        var features = ObservationFeatures.tensor(observation, in: observationSpace)
        while session.isRunning {
            // 1. ε-greedy action; before `learningStarts` uniformly random (ε = 1), as
            //    Stable-Baselines3 plays its warm-up whatever its schedule says.
            let epsilon = session.steps < configuration.learningStarts
                ? 1 : configuration.exploration.value(at: session.steps, progress: session.progress)
            session.record(epsilon, for: .epsilon)
            let action = try ActionSelection.epsilonGreedy(
                epsilon: epsilon, actionCount: layout.actionCount, using: &exploration
            ) { _ in
                try withoutGradients { try network(features) }.withUnsafeScalars(ActionSelection.argmax)
            }

            // 2. Act; store (s, a, r, s', terminated). On truncation s' is the last observation
            //    and `terminated` is false, so the target bootstraps through the time limit.
            let result = try environment.step(try PolicyAction.index(action).element(of: environment.actionSpace, agent: Self.name))
            let nextFeatures = ObservationFeatures.tensor(result.observation, in: observationSpace)
            features.withUnsafeScalars { current in
                nextFeatures.withUnsafeScalars { next in
                    replayBuffer.append(
                        observation: current, action: action, reward: result.reward,
                        nextObservation: next, terminated: result.terminated)
                }
            }
            try session.recordStep(reward: result.reward)

            // 3. θ⁻ ← τθ + (1 − τ)θ⁻ every C steps, before this step's updates: a step that
            //    both updates the target and learns learns towards the refreshed target
            //    (Stable-Baselines3's order: its `_on_step` runs before `train`).
            if session.steps % configuration.targetUpdateInterval == 0 {
                try targetNetwork.updateParameters(towards: network, rate: Float(configuration.targetUpdateRate))
            }

            // 4. Learn from minibatches.
            if session.steps > configuration.learningStarts && session.steps % configuration.trainFrequency == 0 {
                optimizer.learningRate = Float(configuration.learningRate.value(at: session.steps, progress: session.progress))
                for _ in 0..<configuration.gradientSteps {
                    let loss = try update(with: replayBuffer.sample(batchSize: configuration.batchSize, using: &sampling))
                    session.recordLoss(loss)
                }
                session.record(Double(optimizer.learningRate), for: .learningRate)
                try session.endUpdate()
            }

            observation = result.observation
            features = nextFeatures
            if result.isDone {
                try session.endEpisode(succeeded: environment.episodeSucceeded)
                try session.checkSolved(configuration.solved, agent: self, environment: environment)
                observation = environment.reset()
                features = ObservationFeatures.tensor(observation, in: observationSpace)
            }
        }
        session.suspend(at: observation)
    }

    /// One gradient step on a minibatch; returns the loss.
    private func update(with batch: ReplayBatch) throws -> Float {
        // yⱼ = rⱼ + γ (1 − doneⱼ) Q(s'ⱼ, a'ⱼ; θ⁻), a'ⱼ = argmax of θ⁻ (or θ for Double DQN).
        let targets = try withoutGradients {
            let nextValues = try targetNetwork(batch.nextObservations)
            let bootstrap = configuration.doubleDQN
                ? try nextValues.gathering(try network(batch.nextObservations).argmax(alongAxis: 1), alongAxis: 1)
                : try nextValues.max(alongAxis: 1)
            return try batch.rewards + batch.notTerminated * bootstrap * Float(configuration.discount)
        }

        // Q(sⱼ, aⱼ; θ) and the loss on the TD error.
        let predictions = try network(batch.observations).gathering(batch.actions, alongAxis: 1)
        let loss = switch configuration.loss {
        case .huber: try huberLoss(predictions, targets)
        case .meanSquaredError: try meanSquaredError(predictions, targets)
        }

        optimizer.zeroGradients()
        try loss.backward()
        if let maxGradientNorm = configuration.maxGradientNorm {
            try clipGradientNorm(optimizer.parameters, maxNorm: Float(maxGradientNorm))
        }
        optimizer.step()
        return loss.scalar ?? .nan
    }

    // MARK: - Saving

    /// Loads the online network (`q_network.<name>`) and copies it into the target network.
    public func loadParameterTensors(_ tensors: [String: Tensor]) throws {
        try network.loadTensors(tensors, prefixedWith: Self.networkName)
        try targetNetwork.copyParameters(from: network)
    }
}
