/// Stops training once the mean return of the last `window` training episodes reaches a
/// threshold (Stable-Baselines3's `StopTrainingOnRewardThreshold`, applied to training episodes;
/// for a greedy evaluation, give ``EvaluationCallback`` a threshold instead).
public final class StopAtRewardThreshold: TrainingCallback {
    /// The mean return that stops training.
    public let threshold: Double
    /// How many recent episodes the mean covers (1...100).
    public let window: Int
    private var recent: [Double] = []

    /// Stops at a mean of `threshold` over the last `window` episodes (default 100).
    ///
    /// - Throws: ``AgentError/invalidConfiguration(_:)`` for a threshold that is not a number
    ///   or a window outside 1...100.
    public init(threshold: Double, window: Int = 100) throws {
        guard threshold.isFinite else {
            throw AgentError.invalidConfiguration("the reward threshold must be a number, got \(threshold)")
        }
        guard (1...100).contains(window) else {
            throw AgentError.invalidConfiguration("the reward window must be 1 to 100 episodes, got \(window)")
        }
        self.threshold = threshold
        self.window = window
    }

    public func episodeDidEnd(_ episode: TrainingProgress, in training: TrainingSession) throws -> TrainingDecision {
        recent.append(episode.episodeReturn)
        if recent.count > window { recent.removeFirst() }
        guard recent.count == window else { return .proceed }
        return recent.reduce(0, +) / Double(window) >= threshold ? .stop : .proceed
    }
}
