import Foundation
import RLCore
import SeededRandom
import TensorCore

/// Tabular Q-learning: a table of Q(s, a) for every state and action, learned from each step.
///
/// Every stage of the notes' progression (seed 004, section 8.1) is a configuration:
///
/// | the notes' step | configuration |
/// |---|---|
/// | "dummy" Q-learning, Q(s, a) = r + max Q(s', a') | ``Configuration/notesDummy`` |
/// | + exploration (decaying ε-greedy or random noise) and discount γ | ``Configuration/notesExploration(_:)`` |
/// | + learning rate α for stochastic worlds | ``Configuration/notesLearningRate`` |
///
/// The update after each step (s, a, r, s'):
///
///     target   = r                          if the episode terminated at s'
///              = r + γ · maxₐ' Q(s', a')    otherwise (also when cut by a time limit)
///     Q(s, a) ← (1 − α) · Q(s, a) + α · target
///
/// With α = 1 and γ = 1 this is exactly the notes' "dummy" rule. Greedy choices break ties
/// at random (the notes' `rargmax`), which is what lets an all-zero table explore at all.
///
/// Fits environments with `Discrete` observations and actions (FrozenLake, CliffWalking, grid
/// worlds); refuses others with an error naming the spaces.
public final class QTableAgent: Agent {
    /// How the agent explores while training.
    public enum Exploration: Codable, Equatable, Sendable, CustomStringConvertible {
        /// Always the greedy action (ties at random): the notes' first, "dummy" step.
        case none
        /// A random action with probability ε(episode), else the greedy one.
        case epsilonGreedy(Schedule)
        /// The greedy action of Q(s, ·) + `scale` · N(0, 1) / (episode + 1): the notes' "add
        /// random noise", which fades as episodes pass.
        case noise(scale: Double)

        public var description: String {
            switch self {
            case .none: "none"
            case .epsilonGreedy(let schedule): "ε-greedy, ε = \(schedule)"
            case .noise(let scale): "noise \(scale) / (episode + 1)"
            }
        }
    }

    /// The hyperparameters; the defaults learn FrozenLake (4x4, either variant) reliably.
    public struct Configuration: AgentConfiguration {
        /// The seed of the resets, the exploration and the tie-breaking (default 0).
        public var seed: UInt64
        /// How long to train (default 20,000 episodes).
        public var budget: TrainingBudget
        /// α(episode) in (0, 1]: how far each update moves Q(s, a) towards its target
        /// (default 0.1 falling linearly to 0.01 over 20,000 episodes).
        public var learningRate: Schedule
        /// γ in [0, 1]: the weight of future rewards (default 0.995).
        public var discount: Double
        /// How to explore (default ε-greedy, ε falling linearly from 1 to 0.01 over the first
        /// 10,000 episodes).
        public var exploration: Exploration

        /// Creates the hyperparameters; see each property for its meaning and default.
        public init(
            seed: UInt64 = 0, budget: TrainingBudget = .episodes(20_000),
            learningRate: Schedule = .linear(start: 0.1, end: 0.01, duration: 20_000),
            discount: Double = 0.995,
            exploration: Exploration = .epsilonGreedy(.linear(start: 1, end: 0.01, duration: 10_000))
        ) {
            self.seed = seed
            self.budget = budget
            self.learningRate = learningRate
            self.discount = discount
            self.exploration = exploration
        }

        public func validate() throws {
            try budget.validate()
            try learningRate.validate("learning rate", in: 1e-9...1)
            try ConfigurationCheck.unitInterval(discount, "discount")
            switch exploration {
            case .none: break
            case .epsilonGreedy(let schedule): try schedule.validate("epsilon", in: 0...1)
            case .noise(let scale):
                try ConfigurationCheck.require(scale >= 0 && scale.isFinite, "exploration noise scale must be ≥ 0, got \(scale)")
            }
        }

        // MARK: The notes' progression

        /// The notes' first step: Q(s, a) = r + max Q(s', a') (α = 1, γ = 1), no exploration
        /// beyond random tie-breaking, 2,000 episodes. Learns deterministic FrozenLake.
        public static let notesDummy = Configuration(
            budget: .episodes(2_000), learningRate: .constant(1), discount: 1, exploration: .none)

        /// The notes' second step: discount γ = 0.99 and exploration (decaying ε-greedy
        /// ε = 1 / (episode / 100 + 1), or noise / (episode + 1)), α = 1, 2,000 episodes.
        public static func notesExploration(_ exploration: Exploration) -> Configuration {
            Configuration(budget: .episodes(2_000), learningRate: .constant(1), discount: 0.99, exploration: exploration)
        }

        /// The notes' decaying ε for ``notesExploration(_:)``: 1 / (episode / 100 + 1).
        public static let notesEpsilon = Exploration.epsilonGreedy(.reciprocal(period: 100, offset: 1))

        /// The notes' third step, for slippery worlds: α = 0.85 mixes old and new estimates,
        /// γ = 0.99, noise exploration, 2,000 episodes.
        public static let notesLearningRate = Configuration(
            budget: .episodes(2_000), learningRate: .constant(0.85), discount: 0.99, exploration: .noise(scale: 1))

        /// The configuration that solves a registered environment (ids or aliases as in the
        /// standard registry); the defaults for the others.
        public static func recommended(for environment: String) -> Configuration {
            switch environment.lowercased() {
            case "frozenlake8x8-v1", "frozenlake8x8":
                Configuration(
                    budget: .episodes(150_000), learningRate: .linear(start: 0.05, end: 0.002, duration: 150_000),
                    discount: 0.995, exploration: .epsilonGreedy(.linear(start: 1, end: 0.01, duration: 75_000)))
            case "cliffwalking-v1", "cliffwalking":
                Configuration(
                    budget: .episodes(500), learningRate: .constant(0.5), discount: 1,
                    exploration: .epsilonGreedy(.constant(0.1)))
            case "blackjack-v1", "blackjack":
                // Every hand ends in a ±1 coin flip, so the values are noisy: two million hands
                // (a few seconds), α falling to 0.0005, γ = 1 (hands are short and undiscounted;
                // γ < 1 would tilt close calls towards sticking), ε falling to 0.1 over half of
                // them. The greedy policy comes within 0.003 of the optimum (-0.0431, exact
                // dynamic programming) on seeds 0 to 9.
                Configuration(
                    budget: .episodes(2_000_000), learningRate: .linear(start: 0.02, end: 0.0005, duration: 2_000_000),
                    discount: 1, exploration: .epsilonGreedy(.linear(start: 1, end: 0.1, duration: 1_000_000)))
            default:
                Configuration()
            }
        }
    }

    public static let name = "qtable"
    public static let observationEncoding = SpaceLayout.ObservationEncoding.index

    public let configuration: Configuration
    public let layout: SpaceLayout
    /// Q(s, a), row-major: `values[s * actionCount + a]`.
    public private(set) var values: [Float]

    public init(configuration: Configuration, layout: SpaceLayout) throws {
        try configuration.validate()
        self.configuration = configuration
        self.layout = layout
        values = [Float](repeating: 0, count: layout.observationSize * layout.actionCount)
    }

    // MARK: - Training

    public func train<E: Environment>(on environment: inout E, progress: @escaping ProgressHandler) throws -> TrainingReport {
        try checkFits(environment)
        let (states, actions) = (environment.observationSpace, environment.actionSpace)
        let actionCount = layout.actionCount
        let discount = Float(configuration.discount)
        var generator = SeededGenerator(seed: configuration.seed, stream: AgentStream.exploration)
        var session = TrainingSession(budget: configuration.budget, progress: progress)

        var state = states.index(of: environment.reset(seed: configuration.seed))!
        while session.isRunning {
            let episode = session.episodes
            let learningRate = Float(configuration.learningRate.value(at: episode))

            // 1. Choose a: greedy on Q(s, ·), with the configured exploration.
            var epsilon: Double?
            let action: Int
            switch configuration.exploration {
            case .none:
                action = greedyAction(in: state, using: &generator)
            case .epsilonGreedy(let schedule):
                epsilon = schedule.value(at: episode)
                action = ActionSelection.epsilonGreedy(epsilon: epsilon!, actionCount: actionCount, using: &generator) {
                    greedyAction(in: state, using: &$0)
                }
            case .noise(let scale):
                // argmax(Q(s, ·) + scale · N(0, 1) / (episode + 1))
                let noisy = (0..<actionCount).map { a in
                    values[state * actionCount + a] + Float(scale * generator.normal() / Double(episode + 1))
                }
                action = noisy.withUnsafeBufferPointer { ActionSelection.argmaxBreakingTies($0, using: &generator) }
            }

            // 2. Act and observe r, s'.
            let result = try environment.step(actions.element(atIndex: action)!)
            let next = states.index(of: result.observation)!

            // 3. Q(s, a) ← (1 − α) Q(s, a) + α (r + γ maxₐ' Q(s', a')), without the future
            //    term when the episode terminated (but with it when a time limit cut it).
            let future = result.terminated ? 0 : discount * maximumValue(in: next)
            let target = Float(result.reward) + future
            let cell = state * actionCount + action
            values[cell] = (1 - learningRate) * values[cell] + learningRate * target

            session.recordStep(reward: result.reward)
            if result.isDone {
                session.endEpisode(succeeded: environment.episodeSucceeded, epsilon: epsilon)
                state = states.index(of: environment.reset())!
            } else {
                state = next
            }
        }
        return session.report()
    }

    // MARK: - Acting

    public func greedyAction<S: Space>(for observation: S.Element, in space: S, using generator: inout SeededGenerator) -> Int {
        greedyAction(in: space.index(of: observation)!, using: &generator)
    }

    /// argmaxₐ Q(state, a), ties broken at random.
    func greedyAction(in state: Int, using generator: inout SeededGenerator) -> Int {
        values.withUnsafeBufferPointer { table in
            let row = UnsafeBufferPointer(rebasing: table[(state * layout.actionCount)..<((state + 1) * layout.actionCount)])
            return ActionSelection.argmaxBreakingTies(row, using: &generator)
        }
    }

    /// maxₐ Q(state, a).
    func maximumValue(in state: Int) -> Float {
        let start = state * layout.actionCount
        return values[start..<(start + layout.actionCount)].max()!
    }

    // MARK: - Saving

    /// The table as one tensor, `q_table` of shape `[states, actions]`.
    public func parameterTensors() -> [String: Tensor] {
        let table = Tensor(shape: [layout.observationSize, layout.actionCount]) { _ = $0.initialize(from: values) }
        return ["q_table": table]
    }

    public func loadParameterTensors(_ tensors: [String: Tensor]) throws {
        let expected = [layout.observationSize, layout.actionCount]
        guard tensors.count == 1, let table = tensors["q_table"], table.shape == expected else {
            throw AgentError.invalidCheckpoint(
                "a Q-table checkpoint needs one tensor 'q_table' of shape \(expected), found "
                    + tensors.map { "\($0.key) \($0.value.shape)" }.sorted().joined(separator: ", "))
        }
        values = table.scalars
    }
}
