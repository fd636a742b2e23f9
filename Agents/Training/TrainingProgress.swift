/// What a training loop reports at the end of each episode, for progress displays and logs.
///
/// The field names are the metric names used everywhere (progress line, `metrics.csv`,
/// `--json`): `episode`, `steps`, `return`, `length`, `seconds`, and the agent's own metrics
/// (``metrics``: `epsilon`, `loss`, `policy_loss`, …; see ``AgentDefinition/metrics``).
public struct TrainingProgress: Codable, Equatable, Sendable {
    /// The number of the episode that just ended, from 1 (counted over all calls of `train`).
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
    /// The agent's metrics and the callbacks' custom ones at the end of the episode, by name
    /// (absent where no value was recorded).
    public var metrics: [String: Double]
    /// Seconds of training so far.
    public var seconds: Double

    /// Creates a record from its figures.
    public init(
        episode: Int, steps: Int, episodeReturn: Double, length: Int, succeeded: Bool?,
        meanReturn: Double, metrics: [String: Double] = [:], seconds: Double
    ) {
        self.episode = episode
        self.steps = steps
        self.episodeReturn = episodeReturn
        self.length = length
        self.succeeded = succeeded
        self.meanReturn = meanReturn
        self.metrics = metrics
        self.seconds = seconds
    }

    /// The exploration rate ε at the end of the episode, for agents that explore that way.
    public var epsilon: Double? { metrics[Metric.epsilon.name] }

    /// The mean training loss over the episode's updates, for agents that minimise one.
    public var loss: Double? { metrics[Metric.loss.name] }

    enum CodingKeys: String, CodingKey {
        case episode, steps, episodeReturn = "return", length, succeeded, meanReturn = "mean_return_100"
        case metrics, seconds
    }
}

/// What an agent reports after each update (a burst of gradient steps, one PPO iteration): the
/// means of the metrics recorded during it.
public struct TrainingUpdate: Equatable, Sendable {
    /// The number of the update, from 1, over all calls of `train`.
    public var update: Int
    /// Environment steps taken when it ended.
    public var steps: Int
    /// The means of the values recorded during the update, by metric name (`loss`, …).
    public var metrics: [String: Double]

    /// Creates a record from its figures.
    public init(update: Int, steps: Int, metrics: [String: Double]) {
        self.update = update
        self.steps = steps
        self.metrics = metrics
    }
}

/// What a progress handler or callback tells the training loop.
public enum TrainingDecision: Sendable {
    /// Keep training.
    case proceed
    /// Stop now (for instance on Ctrl-C); the agent keeps what it has learned.
    case stop
}

/// Receives a ``TrainingProgress`` after every episode and says whether to go on (see
/// ``ProgressCallback``).
public typealias ProgressHandler = (TrainingProgress) -> TrainingDecision
