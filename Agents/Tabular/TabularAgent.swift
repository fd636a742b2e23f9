import RLCore
import SeededRandom
import TensorCore

/// An agent whose knowledge is a table of action values (Q-learning, expected SARSA): it acts
/// greedily on the table, breaking ties at random, and its checkpoint is the table, `q_table`
/// of shape `[states, actions]`.
public protocol TabularAgent: Agent {
    /// Q(s, a) for every state and action.
    var table: ActionValueTable { get }
}

extension TabularAgent {
    /// argmaxₐ Q(s, a) for the observation's state, ties broken with `generator`.
    public func action<S: Space>(for observation: S.Element, in space: S, using generator: inout SeededGenerator) throws -> PolicyAction {
        .index(table.greedyAction(in: try TabularState.index(of: observation, in: space), using: &generator))
    }

    /// The table as one tensor, `q_table` of shape `[states, actions]`.
    public func parameterTensors() -> [String: Tensor] {
        ["q_table": table.tensor]
    }

    public func loadParameterTensors(_ tensors: [String: Tensor]) throws {
        try table.load(tensors, name: "q_table")
    }
}
