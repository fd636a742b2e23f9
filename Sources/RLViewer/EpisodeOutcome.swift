import RLCore

/// How one episode shown by the viewer ended.
public struct EpisodeOutcome: Equatable, Sendable {
    /// The episode's number, from 1.
    public var episode: Int
    /// The sum of its rewards.
    public var totalReward: Double
    /// Its number of steps.
    public var length: Int
    /// Whether the task ended (a hole, the goal, the pole fell).
    public var terminated: Bool
    /// Whether it was cut short: by a time limit, or by the viewer's step limit.
    public var truncated: Bool
    /// Whether it reached the task's goal, for tasks with one (see
    /// `Environment.episodeSucceeded`).
    public var succeeded: Bool?

    public init(episode: Int, totalReward: Double, length: Int, terminated: Bool, truncated: Bool, succeeded: Bool?) {
        self.episode = episode
        self.totalReward = totalReward
        self.length = length
        self.terminated = terminated
        self.truncated = truncated
        self.succeeded = succeeded
    }
}

// MARK: - In words

extension EpisodeEnding {
    /// The ending of `outcome` in `environment`, read right after the step that ended it.
    ///
    /// A time limit (or the viewer's step limit) gives "truncated", neither success nor
    /// failure; otherwise the environment's own words (``EpisodeEndDescribing``) when it has
    /// them, else "reached the goal" (a success) or "ended" (a failure when the task has a
    /// goal, else neither).
    public init(of outcome: EpisodeOutcome, in environment: some Environment) {
        if outcome.truncated && !outcome.terminated {
            self.init(words: "truncated", isSuccess: nil)
        } else if let given = (environment as? any EpisodeEndDescribing)?.episodeEnding {
            self = given
        } else {
            self.init(words: outcome.succeeded == true ? "reached the goal" : "ended", isSuccess: outcome.succeeded)
        }
    }
}
