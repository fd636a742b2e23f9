import RLCore
import SeededRandom
import TensorCore

/// What an agent keeps for training beyond what it has learned: optimizer moments, target
/// networks, random-generator states, counters, normalisers, the replay buffer, and the training
/// session's own state. Saved with a checkpoint, it lets training resume exactly: N steps, saved
/// and resumed for M more, are the same run as N + M steps at once.
///
/// Agents fill it with ``Agent/trainingSnapshot()`` and read it back with
/// ``Agent/restoreTraining(from:)``; ``Checkpoint`` stores the tensors beside the learned ones
/// and the rest as JSON metadata.
public struct TrainingSnapshot {
    /// Tensors by name (optimizer moments, target networks, …).
    public var tensors: [String: Tensor] = [:]
    /// Everything else, as JSON: generators, counters, numbers.
    public var values = Values()
    /// The replay buffer of an off-policy agent (saved in a file of its own beside the checkpoint).
    public var replayBuffer: ReplayBuffer?

    /// The non-tensor part of a snapshot.
    public struct Values: Codable, Equatable {
        /// Random generators by name.
        public var generators: [String: SeededGenerator] = [:]
        /// Whole numbers by name.
        public var integers: [String: Int] = [:]
        /// Lists of numbers by name.
        public var numbers: [String: [Double]] = [:]
        /// The training session's state (counts, the episode in progress).
        public var session: TrainingState.Record?
        /// The environment's own state, when it can be saved (its JSON), and the observation the
        /// next step answers, flattened.
        public var environment: String?
        /// The flattened observation training continues from.
        public var pendingObservation: [Float]?
        /// Each `Codable` piece of state by name, as JSON (normalisers, noise processes, …).
        public var records: [String: String] = [:]
    }

    /// An empty snapshot.
    public init() {}

    // MARK: - Reading, with clear errors

    /// The generator saved under `name`.
    ///
    /// - Throws: ``AgentError/invalidCheckpoint(_:)`` when it is missing.
    public func generator(_ name: String) throws -> SeededGenerator {
        guard let generator = values.generators[name] else { throw missing("generator '\(name)'") }
        return generator
    }

    /// The whole number saved under `name`.
    ///
    /// - Throws: ``AgentError/invalidCheckpoint(_:)`` when it is missing.
    public func integer(_ name: String) throws -> Int {
        guard let value = values.integers[name] else { throw missing("counter '\(name)'") }
        return value
    }

    /// The tensor saved under `name`, which must have `shape`.
    ///
    /// - Throws: ``AgentError/invalidCheckpoint(_:)`` when it is missing or shaped otherwise.
    public func tensor(_ name: String, shape: [Int]? = nil) throws -> Tensor {
        guard let tensor = tensors[name] else { throw missing("tensor '\(name)'") }
        if let shape, tensor.shape != shape {
            throw AgentError.invalidCheckpoint("the training state's tensor '\(name)' has shape \(tensor.shape), expected \(shape)")
        }
        return tensor
    }

    /// A `Codable` value saved with ``store(_:as:)``.
    ///
    /// - Throws: ``AgentError/invalidCheckpoint(_:)`` when it is missing, malformed or has
    ///   fields `Value` does not have.
    public func record<Value: Codable>(_ type: Value.Type, _ name: String) throws -> Value {
        guard let text = values.records[name] else { throw missing("'\(name)'") }
        do {
            return try StrictJSON.decode(type, from: text)
        } catch {
            throw AgentError.invalidCheckpoint("the training state's '\(name)' cannot be read: \(error)")
        }
    }

    /// Stores a `Codable` value as JSON under `name`.
    public mutating func store(_ value: some Encodable, as name: String) throws {
        values.records[name] = try Checkpoint.json(value)
    }

    private func missing(_ what: String) -> AgentError {
        .invalidCheckpoint("the checkpoint's training state has no \(what); save it again with the training state to resume")
    }
}

// MARK: - Optimizers

extension Optimizer {
    /// Adds the optimizer's state to `snapshot` under `prefix` (see
    /// `Optimizer.stateTensors()` and `stepCount`).
    public func save(into snapshot: inout TrainingSnapshot, as prefix: String) {
        for (name, tensor) in stateTensors() { snapshot.tensors["\(prefix).\(name)"] = tensor }
        snapshot.values.integers["\(prefix).steps"] = stepCount
    }

    /// Restores the state saved by ``save(into:as:)``.
    ///
    /// - Throws: ``AgentError/invalidCheckpoint(_:)`` when it is missing or does not fit.
    public func restore(from snapshot: TrainingSnapshot, as prefix: String) throws {
        let tensors = Dictionary(uniqueKeysWithValues: snapshot.tensors.compactMap { name, tensor in
            name.hasPrefix(prefix + ".") ? (String(name.dropFirst(prefix.count + 1)), tensor) : nil
        })
        do {
            try loadState(tensors, stepCount: try snapshot.integer("\(prefix).steps"))
        } catch let error as TensorError {
            throw AgentError.invalidCheckpoint("the optimizer state '\(prefix)' does not fit: \(error)")
        }
    }
}

// MARK: - Networks

extension Layer {
    /// Adds the parameters to `snapshot` under `prefix` (target networks).
    func save(into snapshot: inout TrainingSnapshot, as prefix: String) {
        for (name, tensor) in tensors(prefixedWith: prefix) { snapshot.tensors[name] = tensor }
    }

    /// Restores parameters saved by ``save(into:as:)``.
    ///
    /// - Throws: ``AgentError/invalidCheckpoint(_:)`` when a name or shape does not match.
    func restore(from snapshot: TrainingSnapshot, as prefix: String) throws {
        try loadTensors(snapshot.tensors.filter { $0.key.hasPrefix(prefix + ".") }, prefixedWith: prefix)
    }
}
