import SeededRandom
import TensorCore

/// A table of action values Q(s, a) for every state and action, row-major
/// (`values[s * actionCount + a]`): what the tabular agents learn, choose from and save.
///
/// A reference: the training loop updates the agent's table in place while callbacks read it
/// (an evaluation in the middle of training sees the table as it stands).
public final class ActionValueTable {
    /// The number of states (rows).
    public let stateCount: Int
    /// The number of actions (columns).
    public let actionCount: Int
    // Read and written at every step of tabular training: without dynamic exclusivity checks;
    // no access holds `values` across another (the subscripts and loops below are short).
    /// Q(s, a), row-major.
    @exclusivity(unchecked) public internal(set) var values: [Float]

    /// The most entries (states × actions) a table may have: 2²⁸, a gigabyte of `Float`s.
    public static let maximumEntryCount = 1 << 28

    /// An all-zero table.
    ///
    /// - Throws: ``AgentError/invalidConfiguration(_:)`` for fewer than one state or action or
    ///   more than ``maximumEntryCount`` entries; ``AgentError/invalidCheckpoint(_:)`` for more
    ///   entries than the checkpoint being loaded holds (``CheckpointBound``). Nothing is
    ///   allocated before these checks.
    public init(stateCount: Int, actionCount: Int) throws {
        let (entries, overflow) = stateCount.multipliedReportingOverflow(by: actionCount)
        guard stateCount >= 1, actionCount >= 1, !overflow, entries <= Self.maximumEntryCount else {
            throw AgentError.invalidConfiguration(
                "a table of \(stateCount) states and \(actionCount) actions is not possible: each must be at least 1, "
                    + "and the table at most \(Self.maximumEntryCount) entries")
        }
        try CheckpointBound.check(entries, for: "a table of \(stateCount) states and \(actionCount) actions")
        self.stateCount = stateCount
        self.actionCount = actionCount
        values = [Float](repeating: 0, count: stateCount * actionCount)
    }

    /// Q(state, action).
    public subscript(state: Int, action: Int) -> Float {
        get { values[state * actionCount + action] }
        set { values[state * actionCount + action] = newValue }
    }

    /// argmaxₐ Q(state, a), ties broken at random (the notes' `rargmax`): without it an
    /// all-zero table always picks action 0 and never learns on FrozenLake.
    public func greedyAction(in state: Int, using generator: inout SeededGenerator) -> Int {
        values.withUnsafeBufferPointer { table in
            let row = UnsafeBufferPointer(rebasing: table[(state * actionCount)..<((state + 1) * actionCount)])
            return ActionSelection.argmaxBreakingTies(row, using: &generator)
        }
    }

    /// maxₐ Q(state, a).
    public func maximumValue(in state: Int) -> Float {
        var best = values[state * actionCount]
        for action in 1..<actionCount { best = max(best, values[state * actionCount + action]) }
        return best
    }

    /// The action to take in `state` while training, and the ε in use (for ε-greedy).
    ///
    /// Draws from `generator` exactly as the notes' agents do: ε then the action for ε-greedy;
    /// one normal draw per action, then the tie-break, for noise.
    public func explore(
        _ exploration: TabularExploration, in state: Int, episode: Int, using generator: inout SeededGenerator
    ) -> (action: Int, epsilon: Double?) {
        switch exploration {
        case .none:
            return (greedyAction(in: state, using: &generator), nil)
        case .epsilonGreedy(let schedule):
            let epsilon = schedule.value(at: episode)
            let action = ActionSelection.epsilonGreedy(epsilon: epsilon, actionCount: actionCount, using: &generator) {
                greedyAction(in: state, using: &$0)
            }
            return (action, epsilon)
        case .noise(let scale):
            // argmax(Q(s, ·) + scale · N(0, 1) / (episode + 1))
            let noisy = (0..<actionCount).map { action in
                self[state, action] + Float(scale * generator.normal() / Double(episode + 1))
            }
            return (noisy.withUnsafeBufferPointer { ActionSelection.argmaxBreakingTies($0, using: &generator) }, nil)
        }
    }

    /// The table as one tensor of shape `[states, actions]`.
    public var tensor: Tensor {
        Tensor(shape: [stateCount, actionCount]) { _ = $0.initialize(from: values) }
    }

    /// Loads a table saved as ``tensor`` under `name`.
    ///
    /// - Throws: ``AgentError/invalidCheckpoint(_:)`` unless `tensors` holds exactly one tensor,
    ///   `name`, of this table's shape.
    public func load(_ tensors: [String: Tensor], name: String) throws {
        let expected = [stateCount, actionCount]
        guard tensors.count == 1, let table = tensors[name], table.shape == expected else {
            throw AgentError.invalidCheckpoint(
                "a tabular checkpoint needs one tensor '\(name)' of shape \(expected), found "
                    + tensors.map { "\($0.key) \($0.value.shape)" }.sorted().joined(separator: ", "))
        }
        values = table.scalars
    }
}
