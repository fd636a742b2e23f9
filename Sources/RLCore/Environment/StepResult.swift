/// What one call to ``Environment/step(_:)`` reports (Gymnasium's
/// `(observation, reward, terminated, truncated, info)` without the dictionary).
public struct StepResult<Observation> {
    /// The observation after the action.
    public var observation: Observation
    /// The reward for the action.
    public var reward: Double
    /// The task ended (goal, hole, fall): there is no future reward to bootstrap from.
    public var terminated: Bool
    /// The episode was cut short (a time limit): the state still had future value.
    public var truncated: Bool

    /// What a step reports; the episode goes on unless `terminated` or `truncated` is set.
    ///
    /// - Parameters:
    ///   - observation: the observation after the action (it must belong to the observation space).
    ///   - reward: the reward for the action (a finite number).
    ///   - terminated: whether the task ended with this step (default `false`).
    ///   - truncated: whether the episode was cut short with this step (default `false`).
    public init(observation: Observation, reward: Double, terminated: Bool = false, truncated: Bool = false) {
        self.observation = observation
        self.reward = reward
        self.terminated = terminated
        self.truncated = truncated
    }

    /// Whether the episode is over, for either reason; call `reset` before stepping again.
    @inlinable
    public var isDone: Bool { terminated || truncated }
}

extension StepResult: Equatable where Observation: Equatable {}
extension StepResult: Sendable where Observation: Sendable {}
