import Foundation
import RLCore

/// Evaluates the agent every `interval` environment steps on a separate copy of the environment
/// (deterministic actions, its own seed), keeps the results, saves the best agent so far, and can
/// stop training at a mean return (Stable-Baselines3's `EvalCallback` with
/// `StopTrainingOnRewardThreshold`).
///
/// Evaluating draws nothing from training's random streams, so a run with this callback trains
/// exactly as the same run without it.
///
/// ```swift
/// let evaluation = try EvaluationCallback(
///     environment: try EnvironmentRegistry.standard.make("cartpole"), every: 5_000, episodes: 10,
///     bestCheckpoint: folder.appendingPathComponent("best.safetensors"))
/// try agent.train(on: &environment, callbacks: [evaluation])
/// evaluation.results.last?.meanReturn
/// ```
public final class EvaluationCallback: TrainingCallback {
    /// One evaluation's figures.
    public struct Result: Codable, Equatable, Sendable {
        /// Training steps taken when it ran.
        public var steps: Int
        /// Training episodes finished when it ran.
        public var episodes: Int
        /// What the evaluation found.
        public var report: EvaluationReport
        /// Whether it was the best mean return so far (and, with a best checkpoint, saved).
        public var isBest: Bool
    }

    /// Environment steps between evaluations.
    public let interval: Int
    /// Episodes per evaluation.
    public let episodes: Int
    /// The seed of each evaluation's first reset (the same each time, so evaluations compare).
    public let seed: UInt64
    /// Where the best agent so far is saved, if anywhere.
    public let bestCheckpoint: URL?
    /// The environment written into the best checkpoint's metadata.
    public let environmentReference: EnvironmentReference?
    /// A mean return at which training stops, if any.
    public let stopThreshold: Double?
    /// Called with each result as it comes (for progress lines and `evaluations.csv`).
    public var onEvaluation: ((Result) throws -> Void)?
    /// Called just before an evaluation starts (for a progress display's "evaluating" stage).
    public var willEvaluate: (() -> Void)?

    /// Every evaluation so far, in order.
    public private(set) var results: [Result] = []
    /// The best mean return of evaluations made before this callback's, if any: those of the
    /// run a resumed run continues, so that its first evaluation is compared with them rather
    /// than counted best at once (default `nil`).
    public var previousBestMeanReturn: Double?
    /// The best mean return so far, this callback's evaluations and the previous best together.
    public var bestMeanReturn: Double? {
        // A result is best only when it beats everything before it, so the last is the largest.
        results.filter(\.isBest).last?.report.meanReturn ?? previousBestMeanReturn
    }

    private let environment: any Environment
    private var nextEvaluation = 0

    /// Evaluates every `interval` steps for `episodes` episodes on `environment`.
    ///
    /// - Throws: ``AgentError/invalidConfiguration(_:)`` for an interval or episode count below 1,
    ///   or a threshold that is not a number.
    public init(
        environment: any Environment, every interval: Int, episodes: Int = 10, seed: UInt64 = 0,
        bestCheckpoint: URL? = nil, environmentReference: EnvironmentReference? = nil, stopThreshold: Double? = nil
    ) throws {
        guard interval >= 1 else { throw AgentError.invalidConfiguration("evaluate every 1 step or more, got \(interval)") }
        guard episodes >= 1 else { throw AgentError.invalidConfiguration("an evaluation needs at least 1 episode, got \(episodes)") }
        if let stopThreshold, !stopThreshold.isFinite {
            throw AgentError.invalidConfiguration("the stop threshold must be a number, got \(stopThreshold)")
        }
        self.environment = environment
        self.interval = interval
        self.episodes = episodes
        self.seed = seed
        self.bestCheckpoint = bestCheckpoint
        self.environmentReference = environmentReference
        self.stopThreshold = stopThreshold
    }

    public func trainingWillStart(_ training: TrainingSession) throws {
        // Continuing training keeps evaluating at multiples of the interval.
        nextEvaluation = (training.steps / interval + 1) * interval
    }

    public func stepDidEnd(_ training: TrainingSession) throws -> TrainingDecision {
        guard training.steps >= nextEvaluation else { return .proceed }
        nextEvaluation = (training.steps / interval + 1) * interval
        let result = try evaluate(training)
        try onEvaluation?(result)
        if let stopThreshold, result.report.meanReturn >= stopThreshold { return .stop }
        return .proceed
    }

    /// Runs one evaluation now, keeps it, and saves the agent when it is the best so far.
    ///
    /// - Throws: what the agent, the environment or saving throws.
    @discardableResult
    public func evaluate(_ training: TrainingSession) throws -> Result {
        willEvaluate?()
        func run<A: Agent, E: Environment>(_ agent: A, _ environment: E) throws -> EvaluationReport {
            var copy = environment
            return try agent.evaluate(on: &copy, episodes: episodes, seed: seed)
        }
        let report = try run(training.agent, environment)
        let isBest = bestMeanReturn.map { report.meanReturn > $0 } ?? true
        let result = Result(steps: training.steps, episodes: training.episodes, report: report, isBest: isBest)
        results.append(result)
        if isBest, let bestCheckpoint {
            func save<A: Agent>(_ agent: A) throws {
                try agent.save(to: bestCheckpoint, environment: environmentReference)
            }
            try save(training.agent)
        }
        return result
    }
}
