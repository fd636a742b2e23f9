import Foundation
import RLCore
import TensorCore

// Exact resume: a checkpoint that holds, beside what the agent learned, everything training
// needs to go on as if it had never stopped — the agent's snapshot, the session's counts and
// the episode in progress, the environment's state (when it can be saved), and the replay
// buffer in a file of its own.

extension Agent {
    /// Saves the agent with its training state, so that ``resumeTraining(from:environment:)``
    /// continues exactly: training N steps, saving, and resuming for M more is the same run,
    /// metric for metric, as N + M steps at once.
    ///
    /// The environment's state is saved when it can save it (``StatefulEnvironment``: the
    /// built-in environments and wrappers); otherwise a resumed run starts a new episode. An off-policy agent's
    /// replay buffer goes to ``Checkpoint/replayBufferURL(for:)`` beside the checkpoint.
    ///
    /// - Parameters:
    ///   - reference: the environment's id and options, so the checkpoint can make it again.
    ///   - environment: the environment training ran on, as it stands.
    /// - Throws: ``AgentError/invalidConfiguration(_:)`` when the agent cannot save its
    ///   training state; ``AgentError/invalidCheckpoint(_:)`` when a file cannot be written.
    public func saveForResume<E: Environment>(to url: URL, environment reference: EnvironmentReference?, training environment: E) throws {
        var snapshot = try trainingSnapshot()
        snapshot.values.session = trainingState.record
        if let pending = trainingState.pendingObservation as? E.Observation {
            snapshot.values.pendingObservation = environment.observationSpace.flattened(pending)
        }
        snapshot.values.environment = try EnvironmentState.encode(environment)
        let replayURL = Checkpoint.replayBufferURL(for: url)
        if let buffer = snapshot.replayBuffer {
            // The step count pairs the buffer with this checkpoint: a save killed between the
            // two files leaves a pair that resuming refuses rather than mixes.
            var metadata = buffer.metadata
            metadata[Checkpoint.replayStepsKey] = "\(trainingState.steps)"
            do {
                try Safetensors.save(buffer.tensors(), metadata: metadata, to: replayURL)
            } catch {
                throw AgentError.invalidCheckpoint("cannot save the replay buffer to \(replayURL.path): \(error)")
            }
        } else if FileManager.default.fileExists(atPath: replayURL.path) {
            try? FileManager.default.removeItem(at: replayURL)
        }
        var checkpoint = try makeCheckpoint(environment: reference)
        checkpoint.trainingTensors = snapshot.tensors
        checkpoint.trainingValues = snapshot.values
        try checkpoint.save(to: url)
    }

    /// Restores the training state a checkpoint saved with ``saveForResume(to:environment:training:)``
    /// into this agent (made from the same checkpoint) and `environment` (made again from the
    /// checkpoint's reference), so the next `train` call continues exactly.
    ///
    /// - Throws: ``AgentError/invalidCheckpoint(_:)`` when the checkpoint has no training
    ///   state, or it does not fit this agent or environment.
    public func resumeTraining<E: Environment>(from checkpoint: Checkpoint, at url: URL, environment: inout E) throws {
        guard let values = checkpoint.trainingValues, let session = values.session else {
            throw AgentError.invalidCheckpoint("\(url.path) holds no training state to resume from (it was saved without one)")
        }
        var snapshot = TrainingSnapshot()
        snapshot.tensors = checkpoint.trainingTensors
        snapshot.values = values
        let replayURL = Checkpoint.replayBufferURL(for: url)
        if FileManager.default.fileExists(atPath: replayURL.path) {
            let contents: Safetensors.Contents
            do {
                contents = try Safetensors.load(from: replayURL)
            } catch {
                throw AgentError.invalidCheckpoint("the replay buffer beside the checkpoint cannot be read: \(error)")
            }
            var metadata = contents.metadata
            let savedAt = metadata.removeValue(forKey: Checkpoint.replayStepsKey)
            guard savedAt == "\(session.steps)" else {
                throw AgentError.invalidCheckpoint(
                    "the replay buffer \(replayURL.path) was saved at step \(savedAt ?? "unknown"), the checkpoint at step \(session.steps) "
                        + "(a save was interrupted); delete the replay buffer to resume with an empty one")
            }
            snapshot.replayBuffer = try ReplayBuffer(tensors: contents.tensors, metadata: metadata)
        }
        try restoreTraining(from: snapshot)
        trainingState.restore(session)
        trainingState.pendingObservation = nil
        if let text = values.environment, try EnvironmentState.decode(text, into: &environment),
           let pending = values.pendingObservation {
            guard let observation = environment.observationSpace.unflatten(pending) else {
                throw AgentError.invalidCheckpoint("the saved observation does not fit the environment's observation space")
            }
            trainingState.pendingObservation = observation
        } else if session.hasStarted {
            // The environment cannot be restored: go on from a new episode of its stream.
            trainingState.pendingObservation = nil
        }
    }
}

/// An environment's state as JSON, for the environments that can save it (``StatefulEnvironment``).
enum EnvironmentState {
    /// The environment's state, or `nil` when it cannot save it.
    static func encode<E: Environment>(_ environment: E) throws -> String? {
        do {
            return try EnvironmentStateText.encode(environment)
        } catch {
            throw AgentError.invalidCheckpoint("cannot save the environment's state: \(error)")
        }
    }

    /// Puts the saved state back into `environment`; `false` when it cannot restore one.
    ///
    /// - Throws: ``AgentError/invalidCheckpoint(_:)`` when the text is not a state of it.
    static func decode<E: Environment>(_ text: String, into environment: inout E) throws -> Bool {
        do {
            return try EnvironmentStateText.decode(text, into: &environment)
        } catch {
            throw AgentError.invalidCheckpoint("the saved environment state does not fit \(E.self): \(error)")
        }
    }
}
