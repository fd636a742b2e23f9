/// One possible outcome of taking an action in a state of a tabular environment: Gymnasium's
/// `(probability, next_state, reward, terminated)` tuple from `env.unwrapped.P[s][a]`.
public struct Transition: Equatable, Hashable, Sendable {
    /// The probability of this outcome, in [0, 1].
    public var probability: Double
    /// The state the environment moves to.
    public var nextState: Int
    /// The reward for the step.
    public var reward: Double
    /// Whether the episode ends with this outcome.
    public var terminated: Bool

    public init(probability: Double, nextState: Int, reward: Double, terminated: Bool) {
        self.probability = probability
        self.nextState = nextState
        self.reward = reward
        self.terminated = terminated
    }
}
