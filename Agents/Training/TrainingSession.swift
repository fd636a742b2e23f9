import FloatingPointMode
import RLCore

/// The bookkeeping every training loop shares: counting steps and episodes against the budget,
/// summing returns, averaging losses, timing, the last-100 mean, progress reports and stopping.
///
/// A loop calls ``recordStep(reward:)`` after each environment step, ``recordLoss(_:)`` after
/// each update, and ``endEpisode(succeeded:epsilon:)`` when an episode ends; it runs while
/// ``isRunning``. Everything an agent's file then shows is the algorithm itself.
/// A loop with a ``SolvedCriterion`` calls ``checkSolved(_:agent:environment:)`` after each
/// episode; the run ends once the criterion is met.
public struct TrainingSession {
    /// How long to train.
    public let budget: TrainingBudget
    /// Environment steps taken so far.
    public private(set) var steps = 0
    /// Episodes finished so far.
    public private(set) var episodes = 0
    /// Per-episode figures, in order (the rows of `metrics.csv`).
    public private(set) var records: [TrainingProgress] = []
    /// Whether the progress handler asked to stop.
    public private(set) var stopRequested = false
    /// Whether the loop declared the task solved (see ``SolvedCriterion``).
    public private(set) var isSolved = false
    /// The number of solved checks made so far (numbers each check's evaluation seed).
    public private(set) var solvedChecks = 0

    private let progress: ProgressHandler
    private let start = ContinuousClock.now
    private var episodeReturn = 0.0
    private var episodeLength = 0
    private var lossSum = 0.0
    private var lossCount = 0
    private var recentReturns = RecentValues(capacity: 100)

    /// Starts the clock for a training run, and flushes subnormal floats on the calling thread
    /// (`DenormalMode`): the loop runs there, environment steps included.
    public init(budget: TrainingBudget, progress: @escaping ProgressHandler = { _ in .proceed }) {
        DenormalMode.applyPolicy()
        self.budget = budget
        self.progress = progress
    }

    /// Whether the loop should take another step: the budget is not spent, the task is not
    /// solved and no stop was asked.
    public var isRunning: Bool {
        guard !stopRequested && !isSolved else { return false }
        switch budget {
        case .episodes(let count): return episodes < count
        case .steps(let count): return steps < count
        }
    }

    /// The fraction of the budget used, 0...1 (what schedules over the whole run read).
    public var fractionDone: Double {
        switch budget {
        case .episodes(let count): Double(episodes) / Double(count)
        case .steps(let count): Double(steps) / Double(count)
        }
    }

    /// Counts one environment step and its reward.
    public mutating func recordStep(reward: Double) {
        steps += 1
        episodeReturn += reward
        episodeLength += 1
    }

    /// Adds the loss of one update to the episode's mean loss.
    public mutating func recordLoss(_ loss: Float) {
        lossSum += Double(loss)
        lossCount += 1
    }

    /// The mean return of the last 100 finished episodes (0 before the first).
    public var meanReturn: Double { recentReturns.mean }

    /// Closes the current episode: records its figures and reports them to the progress handler.
    ///
    /// - Parameters:
    ///   - succeeded: whether it reached the goal (the environment's `episodeSucceeded`).
    ///   - epsilon: the exploration rate in use, for agents that explore by ε.
    public mutating func endEpisode(succeeded: Bool?, epsilon: Double?) {
        episodes += 1
        recentReturns.append(episodeReturn)
        let record = TrainingProgress(
            episode: episodes, steps: steps, episodeReturn: episodeReturn, length: episodeLength,
            succeeded: succeeded, meanReturn: recentReturns.mean, epsilon: epsilon,
            loss: lossCount > 0 ? lossSum / Double(lossCount) : nil, seconds: elapsedSeconds)
        records.append(record)
        episodeReturn = 0
        episodeLength = 0
        lossSum = 0
        lossCount = 0
        if progress(record) == .stop { stopRequested = true }
    }

    /// Checks `criterion` after the episode just closed and ends the run when the agent's
    /// greedy policy solves the task (see ``SolvedCriterion``).
    ///
    /// Does nothing unless the criterion is set and the episode's return reached its threshold;
    /// then evaluates the agent on a copy of `environment`, seeded from the agent's seed and the
    /// number of the check, so runs repeat.
    public mutating func checkSolved<A: Agent, E: Environment>(
        _ criterion: SolvedCriterion?, agent: A, environment: E
    ) throws {
        guard let criterion, let last = records.last, last.episodeReturn >= criterion.threshold else { return }
        solvedChecks += 1
        var copy = environment
        let evaluation = try agent.evaluate(
            on: &copy, episodes: criterion.evaluationEpisodes,
            seed: agent.configuration.seed &+ 0x5EED_0000 &+ UInt64(solvedChecks))
        if evaluation.meanReturn >= criterion.threshold { isSolved = true }
    }

    /// Seconds since the session started.
    public var elapsedSeconds: Double {
        let elapsed = ContinuousClock.now - start
        return Double(elapsed.components.seconds) + Double(elapsed.components.attoseconds) * 1e-18
    }

    /// The run's report.
    public func report() -> TrainingReport {
        TrainingReport(episodes: records, steps: steps, seconds: elapsedSeconds, stoppedEarly: stopRequested, solved: isSolved)
    }
}

/// The last `capacity` values of a series and their mean, in a fixed-size ring.
struct RecentValues {
    private var values: [Double]
    private var next = 0
    private(set) var count = 0
    private var sum = 0.0

    init(capacity: Int) {
        values = Array(repeating: 0, count: capacity)
    }

    mutating func append(_ value: Double) {
        if count == values.count { sum -= values[next] } else { count += 1 }
        values[next] = value
        sum += value
        next = (next + 1) % values.count
    }

    var mean: Double { count > 0 ? sum / Double(count) : 0 }
}
