/// Ends episodes after a fixed number of steps by setting `truncated`, as Gymnasium's
/// `TimeLimit` wrapper (the one `gymnasium.make` adds from `max_episode_steps`).
///
/// - The step that brings the episode to ``maxEpisodeSteps`` steps returns `truncated = true`
///   (and keeps `terminated` as the environment reported it: both can be true at once).
/// - After an episode ends, for either reason, `step` throws
///   ``EnvironmentError/resetNeeded(environment:)`` until `reset` is called. The wrapped
///   environment does not know about the truncation, so the wrapper enforces this itself.
///
/// The registry (``EnvironmentRegistry/make(_:options:)``) applies this wrapper with each
/// environment's registered limit: 100 for `FrozenLake-v1`, 200 for `FrozenLake8x8-v1`, 500 for
/// `CartPole-v1`.
public struct TimeLimit<Wrapped: Environment>: Wrapper {
    public var wrapped: Wrapped

    /// The number of steps after which an episode is truncated (≥ 1).
    public let maxEpisodeSteps: Int

    /// The number of steps taken in the current episode.
    public var elapsedSteps: Int { stepsTaken }

    @usableFromInline var stepsTaken = 0

    /// Whether `step` must be refused until the next `reset`; true before the first one.
    @usableFromInline var episodeOver = true

    /// Wraps `wrapped` so that its episodes last at most `maxEpisodeSteps` steps.
    ///
    /// - Precondition: `maxEpisodeSteps ≥ 1`.
    public init(_ wrapped: Wrapped, maxEpisodeSteps: Int) {
        // Cannot fail from input: the registry checks max-episode-steps (≥ 1) and maps their limit (≥ 1) first.
        precondition(maxEpisodeSteps >= 1, "TimeLimit needs maxEpisodeSteps >= 1, got \(maxEpisodeSteps)")
        self.wrapped = wrapped
        self.maxEpisodeSteps = maxEpisodeSteps
    }

    public mutating func reset(seed: UInt64?) -> Wrapped.Observation {
        stepsTaken = 0
        episodeOver = false
        return wrapped.reset(seed: seed)
    }

    @inlinable
    public mutating func step(_ action: Wrapped.Action) throws -> StepResult<Wrapped.Observation> {
        if episodeOver { throw resetNeededError() }
        var result = try wrapped.step(action)
        stepsTaken += 1
        if stepsTaken >= maxEpisodeSteps { result.truncated = true }
        if result.isDone { episodeOver = true }
        return result
    }

    // Kept out of line so the inlined `step` stays small; only the error path builds a string.
    @usableFromInline
    func resetNeededError() -> EnvironmentError {
        .resetNeeded(environment: "\(Wrapped.self) (time limit \(maxEpisodeSteps) steps)")
    }
}
