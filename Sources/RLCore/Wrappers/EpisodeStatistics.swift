/// Records the return and length of every finished episode, as Gymnasium's
/// `RecordEpisodeStatistics` wrapper.
///
/// Read ``lastEpisode`` when `step` reports the end of an episode, or the running figures
/// (``completedEpisodes``, ``recentMeanReturn``, ``recentSuccessRate``) at any time. The
/// recent-episode window is allocated once at creation, so recording costs two additions per
/// step and nothing is allocated while stepping.
///
/// An episode that is abandoned by calling `reset` before it ended is not recorded.
public struct EpisodeStatistics<Wrapped: Environment>: Wrapper {
    /// The figures of one finished episode (the record vector environments keep per copy too).
    public typealias Episode = EpisodeRecord

    public var wrapped: Wrapped

    /// The number of recent episodes the ``recentEpisodes`` window keeps (≥ 1, default 100).
    public let windowSize: Int

    /// The sum of rewards so far in the current episode.
    public private(set) var currentReturn: Double = 0
    /// The number of steps so far in the current episode.
    public private(set) var currentLength: Int = 0
    /// The number of episodes finished since the wrapper was created.
    public private(set) var completedEpisodes: Int = 0
    /// The number of steps taken since the wrapper was created, in all episodes.
    public private(set) var totalSteps: Int = 0
    /// The most recently finished episode, or `nil` before the first one ends.
    public private(set) var lastEpisode: Episode?

    // A ring buffer of the last `windowSize` episodes, allocated at full size at creation.
    private var window: [Episode]
    private var windowCount = 0
    private var windowNext = 0

    /// Wraps `wrapped`, keeping the figures of the last `windowSize` episodes.
    ///
    /// - Precondition: `windowSize ≥ 1`.
    public init(_ wrapped: Wrapped, windowSize: Int = 100) {
        // Cannot fail from input: the window is set in code (the registry does not take it as an option).
        precondition(windowSize >= 1, "EpisodeStatistics needs windowSize >= 1, got \(windowSize)")
        self.wrapped = wrapped
        self.windowSize = windowSize
        self.window = Array(
            repeating: Episode(totalReward: 0, length: 0, terminated: false, truncated: false, succeeded: nil),
            count: windowSize)
    }

    public mutating func reset(seed: UInt64?) -> Wrapped.Observation {
        currentReturn = 0
        currentLength = 0
        return wrapped.reset(seed: seed)
    }

    public mutating func step(_ action: Wrapped.Action) throws -> StepResult<Wrapped.Observation> {
        let result = try wrapped.step(action)
        currentReturn += result.reward
        currentLength += 1
        totalSteps += 1
        if result.isDone {
            record(Episode(totalReward: currentReturn, length: currentLength, terminated: result.terminated,
                           truncated: result.truncated, succeeded: wrapped.episodeSucceeded))
        }
        return result
    }

    private mutating func record(_ episode: Episode) {
        lastEpisode = episode
        completedEpisodes += 1
        window[windowNext] = episode
        windowNext = (windowNext + 1) % windowSize
        windowCount = min(windowCount + 1, windowSize)
        currentReturn = 0
        currentLength = 0
    }

    // MARK: - The recent-episode window

    /// The last finished episodes, at most ``windowSize``, oldest first (a new array).
    public var recentEpisodes: [Episode] {
        let oldest = (windowNext - windowCount + windowSize) % windowSize
        return (0..<windowCount).map { window[(oldest + $0) % windowSize] }
    }

    /// The mean total reward of the recent episodes, or `nil` before the first one ends.
    public var recentMeanReturn: Double? {
        guard windowCount > 0 else { return nil }
        var sum = 0.0
        for index in 0..<windowCount { sum += window[index].totalReward }
        return sum / Double(windowCount)
    }

    /// The mean length of the recent episodes, or `nil` before the first one ends.
    public var recentMeanLength: Double? {
        guard windowCount > 0 else { return nil }
        var sum = 0
        for index in 0..<windowCount { sum += window[index].length }
        return Double(sum) / Double(windowCount)
    }

    /// The fraction of recent episodes that reached the goal, or `nil` before the first one
    /// ends or when the environment has no goal.
    public var recentSuccessRate: Double? {
        guard windowCount > 0 else { return nil }
        var successes = 0
        for index in 0..<windowCount {
            guard let succeeded = window[index].succeeded else { return nil }
            if succeeded { successes += 1 }
        }
        return Double(successes) / Double(windowCount)
    }
}
