/// What a training loop reports at the end of each episode, for progress displays and logs.
///
/// The field names are the metric names used everywhere (progress line, `metrics.csv`,
/// `--json`): `episode`, `steps`, `return`, `length`, `epsilon`, `loss`, `seconds`.
public struct TrainingProgress: Codable, Equatable, Sendable {
    /// The number of the episode that just ended, from 1.
    public var episode: Int
    /// Environment steps taken so far, in all episodes.
    public var steps: Int
    /// The episode's undiscounted return (sum of rewards).
    public var episodeReturn: Double
    /// The episode's length in steps.
    public var length: Int
    /// Whether the episode reached the goal, for environments with one.
    public var succeeded: Bool?
    /// The mean return of the last 100 episodes (fewer at the start).
    public var meanReturn: Double
    /// The exploration rate ε at the end of the episode, for agents that explore that way.
    public var epsilon: Double?
    /// The mean training loss over the episode's updates, for agents that minimise one.
    public var loss: Double?
    /// Seconds since training started.
    public var seconds: Double

    public init(
        episode: Int, steps: Int, episodeReturn: Double, length: Int, succeeded: Bool?,
        meanReturn: Double, epsilon: Double?, loss: Double?, seconds: Double
    ) {
        self.episode = episode
        self.steps = steps
        self.episodeReturn = episodeReturn
        self.length = length
        self.succeeded = succeeded
        self.meanReturn = meanReturn
        self.epsilon = epsilon
        self.loss = loss
        self.seconds = seconds
    }

    enum CodingKeys: String, CodingKey {
        case episode, steps, episodeReturn = "return", length, succeeded, meanReturn = "mean_return_100"
        case epsilon, loss, seconds
    }
}

/// What a progress handler tells the training loop after an episode.
public enum TrainingDecision: Sendable {
    /// Keep training.
    case proceed
    /// Stop now (for instance on Ctrl-C); the agent keeps what it has learned.
    case stop
}

/// Receives a ``TrainingProgress`` after every episode and says whether to go on.
public typealias ProgressHandler = (TrainingProgress) -> TrainingDecision
