/// An environment whose dynamics are a known finite table of transitions (FrozenLake,
/// CliffWalking, grid worlds): the model that dynamic programming (value iteration, policy
/// iteration) plans with, and Gymnasium's `env.unwrapped.P`.
public protocol TabularModel {
    /// The number of states; states are `0 ..< stateCount`.
    var stateCount: Int { get }
    /// The number of actions; actions are `0 ..< actionCount`.
    var actionCount: Int { get }
    /// The outcomes of taking `action` in `state`, in Gymnasium's order; probabilities sum to 1.
    /// Outcomes that lead to the same place are listed separately, as Gymnasium lists them.
    ///
    /// - Precondition: `state` and `action` are in range.
    func transitions(from state: Int, action: Int) -> [Transition]
}
