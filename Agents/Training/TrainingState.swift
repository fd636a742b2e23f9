/// What carries over from one call of an agent's `train` to the next: the step and episode
/// counts, the training time, the last 100 returns, the episode in progress and the metrics
/// recorded during it, and where the environment stands.
///
/// Every agent keeps one (``Agent/trainingState``); a ``TrainingSession`` reads and advances it.
/// That is what makes a second call continue the first instead of starting over.
public final class TrainingState {
    // Counters read and written at every step: without dynamic exclusivity checks, which cost a
    // quarter of a tabular step; nothing takes them inout across a call.
    /// Environment steps taken over all calls.
    @exclusivity(unchecked) public internal(set) var steps = 0
    /// Episodes finished over all calls.
    @exclusivity(unchecked) public internal(set) var episodes = 0
    /// Seconds spent training over all calls.
    @exclusivity(unchecked) public internal(set) var seconds = 0.0
    /// Updates made over all calls (see ``TrainingSession/endUpdate()``).
    @exclusivity(unchecked) public internal(set) var updates = 0
    /// Solved checks made so far (numbers each check's evaluation seed; see ``SolvedCriterion``).
    public internal(set) var solvedChecks = 0

    /// The return of the last 100 finished episodes.
    @exclusivity(unchecked) var recentReturns = RecentValues(capacity: 100)
    /// The reward summed so far in the episode in progress.
    @exclusivity(unchecked) var episodeReturn = 0.0
    /// The steps taken so far in the episode in progress.
    @exclusivity(unchecked) var episodeLength = 0
    /// The metrics recorded so far, for the episode in progress and the update in progress.
    @exclusivity(unchecked) var metrics = MetricValues()

    /// Whether the environment has been reset with the configuration's seed (the first call).
    var hasStarted = false
    /// The observation the next step answers, left by the last call (an `E.Observation`).
    var pendingObservation: Any?

    /// A state before any training.
    public init() {}

    /// The mean return of the last 100 finished episodes (0 before the first).
    public var meanReturn: Double { recentReturns.mean }

    // MARK: - Saving and restoring

    /// Everything in the state but the pending observation (which the environment's space
    /// flattens; see ``TrainingSnapshot``), as a value that can be saved.
    public struct Record: Codable, Equatable, Sendable {
        var steps, episodes, updates, solvedChecks: Int
        var seconds: Double
        var recentReturns: RecentValues
        var episodeReturn: Double
        var episodeLength: Int
        var metrics: MetricValues
        var hasStarted: Bool

        /// Whether the counts are ones training can reach (a damaged checkpoint's may not be):
        /// nothing negative, the recent returns and metrics consistent with themselves.
        var isConsistent: Bool {
            steps >= 0 && episodes >= 0 && updates >= 0 && solvedChecks >= 0 && episodeLength >= 0
                && seconds >= 0 && seconds.isFinite && recentReturns.isConsistent && metrics.isConsistent
        }
    }

    /// The state as a ``Record``.
    public var record: Record {
        Record(
            steps: steps, episodes: episodes, updates: updates, solvedChecks: solvedChecks, seconds: seconds,
            recentReturns: recentReturns, episodeReturn: episodeReturn, episodeLength: episodeLength,
            metrics: metrics, hasStarted: hasStarted)
    }

    /// Restores a ``Record`` (the pending observation is restored separately).
    public func restore(_ record: Record) {
        steps = record.steps
        episodes = record.episodes
        updates = record.updates
        solvedChecks = record.solvedChecks
        seconds = record.seconds
        recentReturns = record.recentReturns
        episodeReturn = record.episodeReturn
        episodeLength = record.episodeLength
        metrics = record.metrics
        hasStarted = record.hasStarted
    }
}

/// The last `capacity` values of a series and their mean, in a fixed-size ring.
struct RecentValues: Codable, Equatable, Sendable {
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

    /// Whether the ring's position and count fit its capacity.
    var isConsistent: Bool {
        !values.isEmpty && (0..<values.count).contains(next) && (0...values.count).contains(count)
    }
}

/// Values of named metrics as training records them: per metric, the sum and count since the
/// episode began and since the last update began, and the latest value.
struct MetricValues: Codable, Equatable, Sendable {
    private(set) var names: [String] = []
    private var episodeSums: [Double] = []
    private var episodeCounts: [Int] = []
    private var updateSums: [Double] = []
    private var updateCounts: [Int] = []
    private var latest: [Double?] = []

    /// Whether every list has one entry per name, and no count is negative.
    var isConsistent: Bool {
        [episodeSums.count, episodeCounts.count, updateSums.count, updateCounts.count, latest.count]
            .allSatisfy { $0 == names.count }
            && episodeCounts.allSatisfy { $0 >= 0 } && updateCounts.allSatisfy { $0 >= 0 }
    }

    /// The position of `name`, added on first use. Linear: an agent records a handful of metrics.
    private mutating func slot(_ name: String) -> Int {
        if let index = names.firstIndex(of: name) { return index }
        names.append(name)
        episodeSums.append(0)
        episodeCounts.append(0)
        updateSums.append(0)
        updateCounts.append(0)
        latest.append(nil)
        return names.count - 1
    }

    mutating func record(_ value: Double, for name: String) {
        let index = slot(name)
        episodeSums[index] += value
        episodeCounts[index] += 1
        updateSums[index] += value
        updateCounts[index] += 1
        latest[index] = value
    }

    /// The episode's figure for `metric`: the mean since the episode began or the latest value.
    func episodeValue(_ metric: Metric) -> Double? {
        guard let index = names.firstIndex(of: metric.name) else { return nil }
        switch metric.kind {
        case .episodeMean: return episodeCounts[index] > 0 ? episodeSums[index] / Double(episodeCounts[index]) : nil
        case .latest: return latest[index]
        }
    }

    /// The means of what was recorded since the last update began, by name.
    func updateMeans() -> [String: Double] {
        var means: [String: Double] = [:]
        for index in names.indices where updateCounts[index] > 0 {
            means[names[index]] = updateSums[index] / Double(updateCounts[index])
        }
        return means
    }

    mutating func startEpisode() {
        for index in names.indices {
            episodeSums[index] = 0
            episodeCounts[index] = 0
        }
    }

    mutating func startUpdate() {
        for index in names.indices {
            updateSums[index] = 0
            updateCounts[index] = 0
        }
    }
}
