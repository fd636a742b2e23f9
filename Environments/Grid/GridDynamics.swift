import RLCore

/// The transition table of a grid task where each action is a move in a direction and the
/// agent may slip sideways, built the way Gymnasium builds FrozenLake's and CliffWalking's.
///
/// A slippery move lists three outcomes in Gymnasium's order: the action before the intended
/// one (`(a - 1) mod 4`), the intended one, the action after it (`(a + 1) mod 4`). In both
/// Gymnasium numberings (FrozenLake's left-down-right-up, CliffWalking's up-right-down-left)
/// the neighbouring actions are the perpendicular moves. Outcomes that land on the same cell
/// are listed separately, as Gymnasium lists them.
struct GridDynamics {
    /// One outcome of a move, relative to the intended action.
    struct Slip: Equatable {
        /// The action actually taken: the intended one plus this offset, modulo 4.
        var actionOffset: Int
        /// Its probability.
        var probability: Double
    }

    /// What landing on a cell means.
    struct Landing: Equatable {
        var nextCell: Int
        var reward: Double
        var terminated: Bool
    }

    /// Every move goes where intended.
    static let deterministic = [Slip(actionOffset: 0, probability: 1)]

    /// The intended move with probability `successRate`, each perpendicular one with
    /// `(1 - successRate) / 2` (Gymnasium FrozenLake's `success_rate` and `fail_rate`).
    static func slippery(successRate: Double) -> [Slip] {
        let failRate = (1.0 - successRate) / 2.0
        return [Slip(actionOffset: -1, probability: failRate),
                Slip(actionOffset: 0, probability: successRate),
                Slip(actionOffset: 1, probability: failRate)]
    }

    /// The three moves equally likely (Gymnasium CliffWalking's `is_slippery`: `1 / len(deltas)`).
    static let uniformSlip = [Slip(actionOffset: -1, probability: 1.0 / 3.0),
                              Slip(actionOffset: 0, probability: 1.0 / 3.0),
                              Slip(actionOffset: 1, probability: 1.0 / 3.0)]

    /// Builds the table of a grid task.
    ///
    /// - Parameters:
    ///   - map: the grid; states are its cells.
    ///   - directions: the direction of each action, in the task's action numbering.
    ///   - slips: the outcomes of an action relative to the intended one.
    ///   - isAbsorbing: whether a cell ends episodes; every action there gives Gymnasium's
    ///     `(1.0, s, 0, True)`.
    ///   - isBlocked: tiles a move cannot enter (walls); the agent stays where it is.
    ///   - landing: what arriving at a cell (possibly the same one) gives.
    static func table(map: GridMap, directions: [GridDirection], slips: [Slip],
                      isAbsorbing: (Int) -> Bool, isBlocked: (Character) -> Bool = { _ in false },
                      landing: (Int) -> Landing) throws -> TransitionTable {
        let actionCount = directions.count
        return try TransitionTable(stateCount: map.cellCount, actionCount: actionCount) { cell, action in
            if isAbsorbing(cell) {
                return [Transition(probability: 1, nextState: cell, reward: 0, terminated: true)]
            }
            return slips.map { slip in
                let taken = ((action + slip.actionOffset) % actionCount + actionCount) % actionCount
                let arrival = landing(map.neighbor(of: cell, directions[taken], isBlocked: isBlocked))
                return Transition(probability: slip.probability, nextState: arrival.nextCell,
                                  reward: arrival.reward, terminated: arrival.terminated)
            }
        }
    }
}
