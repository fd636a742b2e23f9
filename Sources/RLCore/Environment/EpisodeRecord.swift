/// The figures of one finished episode: what ``EpisodeStatistics`` records for one environment
/// and a ``VectorEnvironment`` records for each of its copies, and what training loops and
/// their callbacks read.
public struct EpisodeRecord: Equatable, Sendable {
    /// The sum of the episode's rewards (undiscounted, summed in `Double`).
    public var totalReward: Double
    /// The number of steps in the episode (≥ 1).
    public var length: Int
    /// Whether the episode ended by termination (goal, hole, fall).
    public var terminated: Bool
    /// Whether the episode was cut short (a time limit).
    public var truncated: Bool
    /// Whether it reached the task's goal, for environments with one (see
    /// ``Environment/episodeSucceeded``); `nil` for the others.
    public var succeeded: Bool?

    /// A finished episode's figures.
    ///
    /// - Parameters:
    ///   - totalReward: the sum of its rewards.
    ///   - length: its number of steps.
    ///   - terminated: whether it ended by termination.
    ///   - truncated: whether it was cut short (both may be true at once).
    ///   - succeeded: whether it reached the goal, or `nil` when the task has none.
    @inlinable
    public init(totalReward: Double, length: Int, terminated: Bool, truncated: Bool, succeeded: Bool?) {
        self.totalReward = totalReward
        self.length = length
        self.terminated = terminated
        self.truncated = truncated
        self.succeeded = succeeded
    }
}
