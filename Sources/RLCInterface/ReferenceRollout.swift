import RLCore
import RLEnvironments

/// One episode stepped directly in Swift (`EnvironmentRegistry.standard.make`, no vector and no
/// buffers): the reference a binding's trajectories are checked against (`swiftrl_rollout`).
struct ReferenceRollout {
    /// The flattened observations: the first from `reset`, then one per step.
    var observations: [[Float]] = []
    /// The rewards, as the environment gave them.
    var rewards: [Double] = []
    var terminated: [Bool] = []
    var truncated: [Bool] = []

    /// Resets the environment `id` (made with `options`) with `seed`, then steps it with each
    /// action in turn until the actions run out or the episode ends.
    ///
    /// - Parameter actions: each step's action as a row of floats: one float holding the
    ///   position for a finite action space, the action's scalars for a `Box`.
    /// - Throws: the registry's errors, and the environment's for an action it refuses.
    init(id: String, options: [String: String], seed: UInt64, actions: [[Float]]) throws {
        var environment = AnyEnvironment(try EnvironmentRegistry.standard.make(id, options: options))
        let space = environment.observationSpace
        observations.append(space.flattened(environment.reset(seed: seed)))
        for row in actions {
            let action: AnyElement?
            if environment.actionSpace.isFinite {
                action = row.count == 1 && row[0].isFinite && row[0] == row[0].rounded() && abs(row[0]) < 1e15
                    ? environment.actionSpace.element(atIndex: Int(row[0])) : nil
            } else {
                action = environment.actionSpace.unflatten(row)
            }
            guard let action else {
                throw EnvironmentError.invalidAction("\(id): \(row) is not an action of \(environment.actionSpace)")
            }
            let result = try environment.step(action)
            observations.append(space.flattened(result.observation))
            rewards.append(result.reward)
            terminated.append(result.terminated)
            truncated.append(result.truncated)
            if result.isDone { break }
        }
    }
}

extension ReferenceRollout: Encodable {}

/// The actions of a rollout as JSON gives them: `[[0], [1], …]` (rows of floats).
typealias RolloutActions = [[Float]]
