/// How one episode shown by the viewer ended.
public struct EpisodeOutcome: Equatable, Sendable {
    /// The episode's number, from 1.
    public var episode: Int
    /// The sum of its rewards.
    public var totalReward: Double
    /// Its number of steps.
    public var length: Int
    /// Whether it reached the task's goal, for tasks with one (see
    /// `Environment.episodeSucceeded`).
    public var succeeded: Bool?

    public init(episode: Int, totalReward: Double, length: Int, succeeded: Bool?) {
        self.episode = episode
        self.totalReward = totalReward
        self.length = length
        self.succeeded = succeeded
    }
}
