import RLCore
import TensorCore

// What the neural agents share about their networks: the greedy choice and the checkpoint
// tensors, written once here.
extension Layer {
    /// The index of the largest output for one observation, computed without gradients.
    public func argmaxOutput<S: Space>(for observation: S.Element, in space: S) throws -> Int {
        let outputs = try withoutGradients { try self(ObservationFeatures.tensor(observation, in: space)) }
        return outputs.withUnsafeScalars(ActionSelection.argmax)
    }

    /// The parameters as tensors named `<prefix>.<parameter name>` (`q_network.layers.0.weight`).
    public func tensors(prefixedWith prefix: String) -> [String: Tensor] {
        Dictionary(uniqueKeysWithValues: parameterTensors().map { ("\(prefix).\($0.key)", $0.value) })
    }

    /// Loads parameters saved by ``tensors(prefixedWith:)``.
    ///
    /// - Throws: ``AgentError/invalidCheckpoint(_:)`` when a name is missing or extra or a
    ///   shape differs (the checkpoint was written for another network).
    public func loadTensors(_ tensors: [String: Tensor], prefixedWith prefix: String) throws {
        var unprefixed: [String: Tensor] = [:]
        for (name, tensor) in tensors {
            guard name.hasPrefix(prefix + ".") else {
                throw AgentError.invalidCheckpoint("tensor '\(name)' does not belong to the agent's '\(prefix)' network")
            }
            unprefixed[String(name.dropFirst(prefix.count + 1))] = tensor
        }
        do {
            try loadParameters(from: unprefixed)
        } catch {
            throw AgentError.invalidCheckpoint("the checkpoint's '\(prefix)' network does not fit the configuration: \(error)")
        }
    }
}
