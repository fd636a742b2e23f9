import SeededRandom
import TensorCore

/// A fixed-capacity memory of transitions (s, a, r, s', terminated) with uniform sampling:
/// DQN's experience replay (Mnih et al. 2013; the notes' 8.2), and SAC's and TD3's.
///
/// Stored as a structure of arrays in a ring: one array per field, the oldest transition
/// overwritten once ``capacity`` is reached. An action is ``actionSize`` floats: an index of a
/// finite action space (stored exactly as a float), or a continuous action vector. A CartPole
/// transition takes 41 bytes (two 4-float observations, a 32-bit action, a reward, a flag), so a
/// million fit in 41 MB. The arrays grow with the transitions stored, so a large capacity costs
/// nothing until it is used.
///
/// `terminated` is stored, `truncated` is not: a transition cut by a time limit is stored with
/// `terminated = false` and the last observation before the reset, so the target bootstraps
/// through it.
public struct ReplayBuffer {
    /// The most transitions kept.
    public let capacity: Int
    /// The number of floats in one observation.
    public let observationSize: Int
    /// The number of floats in one action (1 for an index).
    public let actionSize: Int
    /// The number of transitions stored (at most ``capacity``).
    public private(set) var count = 0

    var observations: [Float] = []
    var nextObservations: [Float] = []
    var actions: [Float] = []
    var rewards: [Float] = []
    var terminations: [Bool] = []
    var nextSlot = 0

    /// Creates an empty buffer.
    ///
    /// - Precondition: `capacity ≥ 1`, `observationSize ≥ 1` and `actionSize ≥ 1` (the agents'
    ///   configurations and layouts guarantee them).
    public init(capacity: Int, observationSize: Int, actionSize: Int = 1) {
        // Cannot fail from input: configurations (capacity ≥ 1), layouts (sizes ≥ 1) and saved buffers are checked first.
        precondition(capacity >= 1 && observationSize >= 1 && actionSize >= 1,
                     "a replay buffer needs a positive capacity, observation size and action size")
        self.capacity = capacity
        self.observationSize = observationSize
        self.actionSize = actionSize
    }

    /// Stores one transition whose action is an index, replacing the oldest when full.
    ///
    /// - Precondition: both observations have ``observationSize`` floats, and ``actionSize`` is 1.
    public mutating func append(
        observation: UnsafeBufferPointer<Float>, action: Int, reward: Double,
        nextObservation: UnsafeBufferPointer<Float>, terminated: Bool
    ) {
        var scalar = Float(action)
        withUnsafePointer(to: &scalar) { pointer in
            append(observation: observation, action: UnsafeBufferPointer(start: pointer, count: 1), reward: reward,
                   nextObservation: nextObservation, terminated: terminated)
        }
    }

    /// Stores one transition whose action is a vector of ``actionSize`` floats, replacing the
    /// oldest when full.
    ///
    /// - Precondition: both observations have ``observationSize`` floats and the action
    ///   ``actionSize``.
    public mutating func append(
        observation: UnsafeBufferPointer<Float>, action: UnsafeBufferPointer<Float>, reward: Double,
        nextObservation: UnsafeBufferPointer<Float>, terminated: Bool
    ) {
        // Cannot fail from input: agents pass observations flattened for the layout the buffer was made for.
        precondition(observation.count == observationSize && nextObservation.count == observationSize && action.count == actionSize)
        if count < capacity {
            observations.append(contentsOf: observation)
            nextObservations.append(contentsOf: nextObservation)
            actions.append(contentsOf: action)
            rewards.append(Float(reward))
            terminations.append(terminated)
            count += 1
        } else {
            let start = nextSlot * observationSize
            for index in 0..<observationSize {
                observations[start + index] = observation[index]
                nextObservations[start + index] = nextObservation[index]
            }
            for index in 0..<actionSize { actions[nextSlot * actionSize + index] = action[index] }
            rewards[nextSlot] = Float(reward)
            terminations[nextSlot] = terminated
        }
        nextSlot = (nextSlot + 1) % capacity
    }

    /// A minibatch of `batchSize` transitions drawn uniformly, with replacement (as
    /// Stable-Baselines3 and CleanRL sample).
    ///
    /// - Precondition: the buffer is not empty and `batchSize ≥ 1`.
    public func sample(batchSize: Int, using generator: inout SeededGenerator) -> ReplayBatch {
        // Cannot fail from input: agents sample after storing the step's transition, with a checked batch size.
        precondition(count > 0 && batchSize >= 1, "sampling needs a non-empty buffer and a positive batch size")
        let indices = (0..<batchSize).map { _ in generator.uniformInt(below: count) }
        func gather(_ source: [Float], width size: Int) -> Tensor {
            Tensor(shape: [batchSize, size]) { batch in
                source.withUnsafeBufferPointer { all in
                    for (row, index) in indices.enumerated() {
                        for column in 0..<size { batch[row * size + column] = all[index * size + column] }
                    }
                }
            }
        }
        return ReplayBatch(
            observations: gather(observations, width: observationSize),
            actionVectors: gather(actions, width: actionSize),
            rewards: Tensor(shape: [batchSize]) { batch in
                for (row, index) in indices.enumerated() { batch[row] = rewards[index] }
            },
            nextObservations: gather(nextObservations, width: observationSize),
            notTerminated: Tensor(shape: [batchSize]) { batch in
                for (row, index) in indices.enumerated() { batch[row] = terminations[index] ? 0 : 1 }
            })
    }

    /// The number of bytes the arrays have reserved, spare capacity included.
    public var allocatedBytes: Int {
        (observations.capacity + nextObservations.capacity + rewards.capacity) * MemoryLayout<Float>.size
            + actions.capacity * MemoryLayout<Float>.size + terminations.capacity * MemoryLayout<Bool>.size
    }

    /// The number of bytes the stored transitions occupy (not counting spare capacity).
    public var memoryFootprint: Int {
        count * ((2 * observationSize + actionSize) * MemoryLayout<Float>.size
            + MemoryLayout<Float>.size + MemoryLayout<Bool>.size)
    }
}

/// A minibatch drawn from a ``ReplayBuffer``, as tensors ready for the update.
public struct ReplayBatch {
    /// `[batch, observationSize]`
    public var observations: Tensor
    /// The actions, `[batch, actionSize]`.
    public var actionVectors: Tensor
    /// One action index per row (the first scalar of each action, for finite action spaces).
    public var actions: [Int] {
        let width = actionVectors.shape[1]
        return actionVectors.withUnsafeScalars { scalars in
            stride(from: 0, to: scalars.count, by: width).map { Int(scalars[$0]) }
        }
    }
    /// `[batch]`
    public var rewards: Tensor
    /// `[batch, observationSize]`
    public var nextObservations: Tensor
    /// `[batch]`: 0 where the episode terminated at this transition, 1 elsewhere (the factor
    /// that stops bootstrapping).
    public var notTerminated: Tensor
}

// MARK: - Saving

extension ReplayBuffer {
    /// The stored transitions as tensors (`observations`, `next_observations`, `actions`,
    /// `rewards`, `terminations` as 0 or 1), for saving beside a checkpoint.
    public func tensors() -> [String: Tensor] {
        [
            "observations": Tensor(uncheckedRows: count, width: observationSize, observations),
            "next_observations": Tensor(uncheckedRows: count, width: observationSize, nextObservations),
            "actions": Tensor(uncheckedRows: count, width: actionSize, actions),
            "rewards": Tensor(rewards),
            "terminations": Tensor(terminations.map { $0 ? 1 : 0 }),
        ]
    }

    /// The buffer's sizes and ring position, for saving with ``tensors()``.
    public var metadata: [String: String] {
        ["capacity": "\(capacity)", "observation_size": "\(observationSize)", "action_size": "\(actionSize)",
         "count": "\(count)", "next_slot": "\(nextSlot)"]
    }

    /// A buffer rebuilt from ``tensors()`` and ``metadata``, exactly as it was.
    ///
    /// Checked as strictly as a checkpoint: every key and tensor must be one the buffer
    /// writes, and rewards and actions finite, terminations 0 or 1.
    ///
    /// - Throws: ``AgentError/invalidCheckpoint(_:)`` when a size is missing or out of range, a
    ///   key or tensor is unknown, a tensor does not have the shape the sizes give, or a value
    ///   is out of range.
    public init(tensors: [String: Tensor], metadata: [String: String]) throws {
        let keys: Set = ["capacity", "observation_size", "action_size", "count", "next_slot"]
        if let unknown = metadata.keys.sorted().first(where: { !keys.contains($0) }) {
            throw AgentError.invalidCheckpoint("the replay buffer has an unknown metadata key '\(unknown)'")
        }
        let names: Set = ["observations", "next_observations", "actions", "rewards", "terminations"]
        if let unknown = tensors.keys.sorted().first(where: { !names.contains($0) }) {
            throw AgentError.invalidCheckpoint("the replay buffer has an unknown tensor '\(unknown)'")
        }
        func size(_ key: String, minimum: Int) throws -> Int {
            guard let text = metadata[key], let value = Int(text), value >= minimum else {
                throw AgentError.invalidCheckpoint("the replay buffer's '\(key)' is missing or out of range")
            }
            return value
        }
        let capacity = try size("capacity", minimum: 1)
        let observationSize = try size("observation_size", minimum: 1)
        let actionSize = try size("action_size", minimum: 1)
        let count = try size("count", minimum: 0)
        let nextSlot = try size("next_slot", minimum: 0)
        guard count <= capacity, nextSlot < capacity, count == capacity || nextSlot == count else {
            throw AgentError.invalidCheckpoint("the replay buffer's count \(count) and slot \(nextSlot) do not fit its capacity \(capacity)")
        }
        func tensor(_ name: String, _ shape: [Int]) throws -> [Float] {
            guard let tensor = tensors[name], tensor.shape == shape else {
                throw AgentError.invalidCheckpoint("the replay buffer's '\(name)' is missing or not of shape \(shape)")
            }
            return tensor.scalars
        }
        self.init(capacity: capacity, observationSize: observationSize, actionSize: actionSize)
        observations = try tensor("observations", [count, observationSize])
        nextObservations = try tensor("next_observations", [count, observationSize])
        actions = try tensor("actions", [count, actionSize])
        rewards = try tensor("rewards", [count])
        let flags = try tensor("terminations", [count])
        guard actions.allSatisfy(\.isFinite), rewards.allSatisfy(\.isFinite), flags.allSatisfy({ $0 == 0 || $0 == 1 }) else {
            throw AgentError.invalidCheckpoint("the replay buffer holds actions or rewards that are not finite, or terminations other than 0 and 1")
        }
        terminations = flags.map { $0 != 0 }
        self.count = count
        self.nextSlot = nextSlot
    }

    /// Checks that every stored action is an index below `actionCount` (a finite action space's),
    /// so a buffer read from a file cannot make an update index out of range.
    ///
    /// - Throws: ``AgentError/invalidCheckpoint(_:)`` naming the first action that is not.
    public func checkIndexActions(below actionCount: Int) throws {
        guard actionSize == 1 else {
            throw AgentError.invalidCheckpoint("the saved replay buffer holds action vectors, not action indices")
        }
        if let bad = actions.first(where: { !($0 >= 0 && $0 < Float(actionCount) && $0.rounded() == $0) }) {
            throw AgentError.invalidCheckpoint("the saved replay buffer holds the action \(bad), not an index below \(actionCount)")
        }
    }
}

extension Tensor {
    /// `rows × width` floats as a matrix (a `[0, width]` one for no rows).
    init(uncheckedRows rows: Int, width: Int, _ scalars: [Float]) {
        self = (try? Tensor(shape: [rows, width], scalars: scalars)) ?? Tensor.zeros([0, width])
    }
}
