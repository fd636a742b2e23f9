import FloatingPointMode
import Foundation
import RLCore

/// One call of an agent's `train`: the budget of this call, the callbacks, and the bookkeeping
/// every training loop shares (counting steps and episodes, summing returns, averaging metrics,
/// timing, the last-100 mean, stopping), kept in the agent's ``TrainingState`` so that the next
/// call continues where this one stops.
///
/// A loop gets its first observation from ``observation(from:seed:)``, calls
/// ``recordStep(reward:)`` after each environment step, ``record(_:_:)`` for its metrics,
/// ``endUpdate()`` after each update, ``endEpisode(succeeded:)`` when an episode ends, and runs
/// while ``isRunning``; it ends with ``suspend(at:)``, handing back the observation the next
/// call continues from. Everything an agent's file then shows is the algorithm itself.
///
/// Callbacks (``TrainingCallback``) see the session: they read its counts and ``agent``, and may
/// ``record(_:_:)`` custom metrics.
public final class TrainingSession {
    /// The agent being trained.
    public let agent: any Agent
    /// How long this call trains.
    public let budget: TrainingBudget
    /// What carries over between calls (counts, the episode in progress).
    public let state: TrainingState
    // Read at every step (isRunning) and written at every episode: without dynamic exclusivity
    // checks, which cost a quarter of a tabular step; nothing takes them inout across a call.
    /// Whether a callback or the progress handler asked to stop.
    @exclusivity(unchecked) public private(set) var stopRequested = false
    /// Whether the loop declared the task solved (see ``SolvedCriterion``).
    @exclusivity(unchecked) public private(set) var isSolved = false

    private let callbacks: [any TrainingCallback]
    /// The metrics each episode's record carries: the agent's, then the callbacks'.
    public let metrics: [Metric]
    private let configuredBudget: TrainingBudget
    private let recordingEpisodes: Bool
    private let startSteps: Int
    private let startEpisodes: Int
    private let startSeconds: Double
    private let start = ContinuousClock.now
    @exclusivity(unchecked) private var records: [TrainingProgress] = []
    @exclusivity(unchecked) private var episodesThisCall = 0
    @exclusivity(unchecked) private var successes = 0
    @exclusivity(unchecked) private var outcomes = 0

    /// Opens a session for `agent` (made by ``Agent/train(on:for:callbacks:recordingEpisodes:)``),
    /// and flushes subnormal floats on the calling thread (`DenormalMode`): the loop runs there,
    /// environment steps included.
    ///
    /// Visible to the `Benchmarking` SPI only, so that benchmarks (`Benchmarks/`) can hand an
    /// agent's update the session it records into; `train` opens the sessions of training.
    @_spi(Benchmarking) public init<A: Agent>(agent: A, budget: TrainingBudget, callbacks: [any TrainingCallback], recordingEpisodes: Bool) {
        DenormalMode.applyPolicy()
        self.agent = agent
        self.budget = budget
        self.callbacks = callbacks
        state = agent.trainingState
        metrics = A.definition.metrics + callbacks.flatMap(\.metrics)
        configuredBudget = agent.configuration.budget
        self.recordingEpisodes = recordingEpisodes
        startSteps = state.steps
        startEpisodes = state.episodes
        startSeconds = state.seconds
    }

    // MARK: - Where things stand

    /// Environment steps taken, over all calls.
    public var steps: Int { state.steps }
    /// Episodes finished, over all calls.
    public var episodes: Int { state.episodes }
    /// Environment steps taken in this call.
    public var stepsThisCall: Int { state.steps - startSteps }

    /// Whether the loop should take another step: this call's budget is not spent, the task is
    /// not solved and no stop was asked.
    public var isRunning: Bool {
        guard !stopRequested && !isSolved else { return false }
        switch budget {
        case .episodes(let count): return state.episodes - startEpisodes < count
        case .steps(let count): return state.steps - startSteps < count
        }
    }

    /// The fraction of this call's budget used, 0...1.
    public var fractionDone: Double {
        switch budget {
        case .episodes(let count): Double(state.episodes - startEpisodes) / Double(count)
        case .steps(let count): Double(state.steps - startSteps) / Double(count)
        }
    }

    /// The fraction of the configuration's budget done over all calls, 0...1: what schedules
    /// over the whole training read (``Schedule/progress(start:end:)``).
    public var progress: Double {
        switch configuredBudget {
        case .episodes(let count): min(1, Double(state.episodes) / Double(count))
        case .steps(let count): min(1, Double(state.steps) / Double(count))
        }
    }

    /// The mean return of the last 100 finished episodes (0 before the first).
    public var meanReturn: Double { state.meanReturn }

    /// The reward summed so far in the episode in progress (single-environment loops).
    public var episodeReturn: Double { state.episodeReturn }

    /// The steps taken so far in the episode in progress (single-environment loops).
    public var episodeLength: Int { state.episodeLength }

    /// Seconds of training over all calls.
    public var elapsedSeconds: Double {
        let elapsed = ContinuousClock.now - start
        return startSeconds + Double(elapsed.components.seconds) + Double(elapsed.components.attoseconds) * 1e-18
    }

    // MARK: - The environment

    /// The observation the loop starts from: on the agent's first call, `environment` reset
    /// with `seed`; on later calls, the observation the last call stopped at (the environment
    /// is not reset, so the episode in progress goes on), or a reset continuing the
    /// environment's stream when the last call ended with an episode.
    public func observation<E: Environment>(from environment: inout E, seed: UInt64) -> E.Observation {
        defer { state.pendingObservation = nil }
        if !state.hasStarted {
            state.hasStarted = true
            return environment.reset(seed: seed)
        }
        if let pending = state.pendingObservation as? E.Observation { return pending }
        // Another environment type than last time: its own new episode.
        state.episodeReturn = 0
        state.episodeLength = 0
        return environment.reset()
    }

    /// Leaves `observation` for the next call to continue from; call it when the loop ends.
    public func suspend<Observation>(at observation: Observation) {
        state.pendingObservation = observation
    }

    // MARK: - Recording

    /// Counts one environment step and its reward, then lets the callbacks see it.
    ///
    /// - Throws: what a callback throws.
    public func recordStep(reward: Double) throws {
        state.steps += 1
        state.episodeReturn += reward
        state.episodeLength += 1
        try stepEnded()
    }

    /// Counts `count` steps at once (one step of a vector of `count` environments, whose
    /// episodes end with ``endEpisode(return:length:succeeded:)``), then lets the callbacks see it.
    ///
    /// - Throws: what a callback throws.
    public func recordSteps(_ count: Int) throws {
        state.steps += count
        try stepEnded()
    }

    private func stepEnded() throws {
        for callback in callbacks where try callback.stepDidEnd(self) == .stop {
            stopRequested = true
        }
    }

    /// Records one value of a metric (a loss, ε, a learning rate).
    public func record(_ value: Double, for metric: Metric) {
        state.metrics.record(value, for: metric.name)
    }

    /// Records one value of a metric by name: how callbacks add custom metrics (declare them in
    /// ``TrainingCallback/metrics`` so `metrics.csv` has a column for them).
    public func record(_ value: Double, named name: String) {
        state.metrics.record(value, for: name)
    }

    /// Adds the loss of one gradient step to the episode's mean loss.
    public func recordLoss(_ loss: Float) {
        record(Double(loss), for: .loss)
    }

    /// Closes an update: hands the means of the metrics recorded during it to the callbacks.
    ///
    /// - Throws: what a callback throws.
    public func endUpdate() throws {
        state.updates += 1
        let update = TrainingUpdate(update: state.updates, steps: state.steps, metrics: state.metrics.updateMeans())
        state.metrics.startUpdate()
        for callback in callbacks where try callback.updateDidEnd(update, in: self) == .stop {
            stopRequested = true
        }
    }

    /// Closes the current episode of a single environment, whose return and length
    /// ``recordStep(reward:)`` summed.
    ///
    /// - Parameter succeeded: whether it reached the goal (the environment's `episodeSucceeded`).
    /// - Throws: what a callback throws.
    public func endEpisode(succeeded: Bool?) throws {
        let (episodeReturn, length) = (state.episodeReturn, state.episodeLength)
        state.episodeReturn = 0
        state.episodeLength = 0
        try endEpisode(return: episodeReturn, length: length, succeeded: succeeded)
    }

    /// Closes an episode whose figures the loop kept itself (one copy of a vector environment).
    ///
    /// - Throws: what a callback throws.
    public func endEpisode(return episodeReturn: Double, length: Int, succeeded: Bool?) throws {
        for callback in callbacks { try callback.episodeWillEnd(self) }
        state.episodes += 1
        episodesThisCall += 1
        state.recentReturns.append(episodeReturn)
        if let succeeded {
            outcomes += 1
            if succeeded { successes += 1 }
        }
        var values: [String: Double] = [:]
        for metric in metrics {
            if let value = state.metrics.episodeValue(metric) { values[metric.name] = value }
        }
        state.metrics.startEpisode()
        let record = TrainingProgress(
            episode: state.episodes, steps: state.steps, episodeReturn: episodeReturn, length: length,
            succeeded: succeeded, meanReturn: state.meanReturn, metrics: values, seconds: elapsedSeconds)
        if recordingEpisodes { records.append(record) }
        for callback in callbacks where try callback.episodeDidEnd(record, in: self) == .stop {
            stopRequested = true
        }
        lastEpisode = record
    }

    /// The record of the episode that ended last in this call.
    public private(set) var lastEpisode: TrainingProgress?

    /// Checks `criterion` after the episode just closed and ends the run when the agent's
    /// greedy policy solves the task (see ``SolvedCriterion``).
    ///
    /// Does nothing unless the criterion is set and the episode's return reached its threshold;
    /// then evaluates the agent on a copy of `environment`, seeded from the agent's seed and the
    /// number of the check, so runs repeat.
    public func checkSolved<A: Agent, E: Environment>(_ criterion: SolvedCriterion?, agent: A, environment: E) throws {
        guard let criterion, let last = lastEpisode, last.episodeReturn >= criterion.threshold else { return }
        state.solvedChecks += 1
        var copy = environment
        let evaluation = try agent.evaluate(
            on: &copy, episodes: criterion.evaluationEpisodes,
            seed: agent.configuration.seed &+ 0x5EED_0000 &+ UInt64(state.solvedChecks))
        if evaluation.meanReturn >= criterion.threshold { isSolved = true }
    }

    // MARK: - Beginning and ending

    /// Tells the callbacks training starts.
    func begin() throws {
        for callback in callbacks { try callback.trainingWillStart(self) }
    }

    /// Keeps the time spent when the loop throws.
    func abandon() {
        state.seconds = elapsedSeconds
    }

    /// Closes the call: keeps the time spent, reports to the callbacks and returns the report.
    func end() throws -> TrainingReport {
        state.seconds = elapsedSeconds
        let report = TrainingReport(
            episodes: records, episodeCount: episodesThisCall, steps: state.steps - startSteps,
            seconds: state.seconds - startSeconds, stoppedEarly: stopRequested, solved: isSolved,
            finalMeanReturn: state.meanReturn,
            successRate: outcomes == episodesThisCall && outcomes > 0 ? Double(successes) / Double(outcomes) : nil,
            metrics: metrics.map(\.name))
        for callback in callbacks { try callback.trainingDidEnd(report, in: self) }
        return report
    }
}
