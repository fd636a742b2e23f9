/// How long to train: a number of episodes or of environment steps.
///
/// Training stops at the end of the episode that reaches an episode budget, and at the step
/// that reaches a step budget (the unfinished episode is not recorded), as Stable-Baselines3's
/// `total_timesteps` does.
public enum TrainingBudget: Codable, Equatable, Sendable, CustomStringConvertible {
    /// Stop after this many finished episodes.
    case episodes(Int)
    /// Stop after this many environment steps.
    case steps(Int)

    /// Checks that the budget is positive.
    ///
    /// - Throws: ``AgentError/invalidConfiguration(_:)`` for zero or a negative count.
    public func validate() throws {
        switch self {
        case .episodes(let count) where count < 1:
            throw AgentError.invalidConfiguration("the episode budget must be at least 1, got \(count)")
        case .steps(let count) where count < 1:
            throw AgentError.invalidConfiguration("the step budget must be at least 1, got \(count)")
        default: break
        }
    }

    public var description: String {
        switch self {
        case .episodes(let count): "\(count) episodes"
        case .steps(let count): "\(count) steps"
        }
    }
}
