import Foundation
import RLCore
import TensorCore

/// A trained agent on disk: a safetensors file whose tensors are what the agent learned and
/// whose `__metadata__` says which agent, with which configuration, for which environment.
///
/// Metadata keys (all strings, as safetensors requires):
///
/// | key | value |
/// |---|---|
/// | `format` | `swift-rl-checkpoint-1` |
/// | `agent` | the agent's name (`dqn`) |
/// | `configuration` | the agent's configuration as JSON |
/// | `layout` | the ``SpaceLayout`` as JSON |
/// | `environment` | the environment id (`CartPole-v1`), when known |
/// | `environment_options` | the environment's options as a JSON object |
/// | `training` | a summary of the training run as JSON (episodes, steps, seconds) |
///
/// Python reads the weights with `safetensors.numpy.load_file` and the rest with
/// `safe_open(path, "np").metadata()`.
public struct Checkpoint: Equatable {
    /// The value of the `format` key this version writes and reads.
    public static let format = "swift-rl-checkpoint-1"

    /// The agent's name.
    public var agent: String
    /// The agent's configuration, as JSON.
    public var configuration: String
    /// The spaces the agent was built for.
    public var layout: SpaceLayout
    /// The environment the agent was trained on, when known.
    public var environment: EnvironmentReference?
    /// A summary of the training run, when known.
    public var training: TrainingSummary?
    /// What the agent learned.
    public var tensors: [String: Tensor]
    /// What training needs to resume beyond it (optimizer state, target networks), saved under
    /// `training.` names; empty for a checkpoint saved without its training state.
    public var trainingTensors: [String: Tensor] = [:]
    /// The rest of the training state (generators, counters, the environment), saved as the
    /// `training_state` metadata.
    public var trainingValues: TrainingSnapshot.Values?

    /// The prefix of the training-state tensors in the file.
    static let trainingPrefix = "training."

    /// The file an off-policy agent's replay buffer is saved in, beside the checkpoint:
    /// `checkpoint.safetensors` → `checkpoint.replay.safetensors`.
    public static func replayBufferURL(for url: URL) -> URL {
        url.deletingPathExtension().appendingPathExtension("replay.safetensors")
    }

    /// Creates a checkpoint from its parts (agents make theirs with ``Agent/save(to:environment:training:)``).
    public init(
        agent: String, configuration: String, layout: SpaceLayout, environment: EnvironmentReference?,
        training: TrainingSummary?, tensors: [String: Tensor]
    ) {
        self.agent = agent
        self.configuration = configuration
        self.layout = layout
        self.environment = environment
        self.training = training
        self.tensors = tensors
    }

    /// Writes the checkpoint atomically (a temporary file renamed into place).
    ///
    /// - Throws: ``AgentError/invalidCheckpoint(_:)`` when the file cannot be written.
    public func save(to url: URL) throws {
        var metadata = [
            "format": Self.format, "agent": agent, "configuration": configuration,
            "layout": try Self.json(layout),
        ]
        if let environment {
            metadata["environment"] = environment.id
            metadata["environment_options"] = try Self.json(environment.options)
        }
        if let training { metadata["training"] = try Self.json(training) }
        if let trainingValues { metadata["training_state"] = try Self.json(trainingValues) }
        var all = tensors
        for (name, tensor) in trainingTensors { all[Self.trainingPrefix + name] = tensor }
        do {
            try Safetensors.save(all, metadata: metadata, to: url)
        } catch {
            throw AgentError.invalidCheckpoint("cannot save the checkpoint: \(error)")
        }
    }

    /// Reads a checkpoint.
    ///
    /// - Throws: ``AgentError/invalidCheckpoint(_:)`` naming the file and the problem: missing,
    ///   not a safetensors file (truncated, corrupt), or a safetensors file that is not a
    ///   checkpoint of this suite.
    public static func load(from url: URL) throws -> Checkpoint {
        let contents: Safetensors.Contents
        do {
            contents = try Safetensors.load(from: url)
        } catch {
            throw AgentError.invalidCheckpoint("\(error)")
        }
        let metadata = contents.metadata
        func foreign(_ reason: String) -> AgentError {
            .invalidCheckpoint("\(url.path) is not a swift-rl checkpoint: \(reason)")
        }
        guard metadata["format"] == format else {
            throw foreign(metadata["format"].map { "its format is '\($0)', expected '\(format)'" } ?? "it has no 'format' metadata")
        }
        guard let agent = metadata["agent"], let configuration = metadata["configuration"] else {
            throw foreign("it names no agent or configuration")
        }
        guard let layoutText = metadata["layout"], let layout = try? decode(SpaceLayout.self, from: layoutText) else {
            throw foreign("its 'layout' metadata is missing or malformed")
        }
        var environment: EnvironmentReference?
        if let id = metadata["environment"] {
            let options = metadata["environment_options"].flatMap { try? decode([String: String].self, from: $0) }
            environment = EnvironmentReference(id: id, options: options ?? [:])
        }
        let training = metadata["training"].flatMap { try? decode(TrainingSummary.self, from: $0) }
        var trainingValues: TrainingSnapshot.Values?
        if let text = metadata["training_state"] {
            guard let values = try? decode(TrainingSnapshot.Values.self, from: text) else {
                throw foreign("its 'training_state' metadata is malformed")
            }
            trainingValues = values
        }
        var checkpoint = Checkpoint(
            agent: agent, configuration: configuration, layout: layout, environment: environment,
            training: training, tensors: contents.tensors.filter { !$0.key.hasPrefix(trainingPrefix) })
        checkpoint.trainingTensors = Dictionary(uniqueKeysWithValues: contents.tensors.compactMap { name, tensor in
            name.hasPrefix(trainingPrefix) ? (String(name.dropFirst(trainingPrefix.count)), tensor) : nil
        })
        checkpoint.trainingValues = trainingValues
        return checkpoint
    }

    // MARK: - JSON

    /// `value` as JSON with sorted keys, the form checkpoints store configurations in.
    public static func json(_ value: some Encodable) throws -> String {
        let encoder = JSONEncoder()
        encoder.outputFormatting = [.sortedKeys]
        return String(decoding: try encoder.encode(value), as: UTF8.self)
    }

    /// A value read from JSON written by ``json(_:)``.
    public static func decode<Value: Decodable>(_ type: Value.Type, from text: String) throws -> Value {
        try JSONDecoder().decode(type, from: Data(text.utf8))
    }
}

/// Which environment, with which options: what `rl eval` needs to make it again.
public struct EnvironmentReference: Codable, Equatable, Sendable {
    /// The registry id (`FrozenLake-v1`).
    public var id: String
    /// The registry options (`["slippery": "false"]`).
    public var options: [String: String]

    /// Refers to a registered environment by id (or alias) and options.
    public init(id: String, options: [String: String] = [:]) {
        self.id = id
        self.options = options
    }
}

/// The totals of the training run that produced a checkpoint.
public struct TrainingSummary: Codable, Equatable, Sendable {
    /// Episodes finished.
    public var episodes: Int
    /// Environment steps taken.
    public var steps: Int
    /// Wall-clock seconds.
    public var seconds: Double

    /// Creates a summary from its totals.
    public init(episodes: Int, steps: Int, seconds: Double) {
        self.episodes = episodes
        self.steps = steps
        self.seconds = seconds
    }

    /// Summarises an agent's training so far, over all calls of `train`.
    public init(_ state: TrainingState) {
        self.init(episodes: state.episodes, steps: state.steps, seconds: state.seconds)
    }
}

extension Agent {
    /// Saves the agent as a ``Checkpoint`` (atomically), with its training totals so far in
    /// the metadata.
    ///
    /// - Parameter environment: the environment it was trained on, so `rl eval` can make it again.
    /// - Throws: ``AgentError/invalidCheckpoint(_:)`` when the file cannot be written.
    public func save(to url: URL, environment: EnvironmentReference? = nil) throws {
        try makeCheckpoint(environment: environment).save(to: url)
    }

    /// The agent as a checkpoint (without its training state).
    func makeCheckpoint(environment: EnvironmentReference?) throws -> Checkpoint {
        Checkpoint(
            agent: Self.name, configuration: try Checkpoint.json(configuration), layout: layout,
            environment: environment, training: TrainingSummary(trainingState), tensors: parameterTensors())
    }

    /// Loads an agent of this type from a checkpoint.
    ///
    /// - Throws: ``AgentError/invalidCheckpoint(_:)`` when the file is missing or corrupt, was
    ///   written for another agent, or its tensors do not fit the configuration.
    public static func load(from url: URL) throws -> Self {
        try load(Checkpoint.load(from: url))
    }

    /// Makes an agent of this type from a checkpoint already read, bound to `environment`'s
    /// spaces when given (so ``predict(_:)`` can read observations).
    ///
    /// - Throws: ``AgentError/invalidCheckpoint(_:)`` as ``load(from:)``;
    ///   ``AgentError/doesNotFit(_:)`` when `environment` does not fit the checkpoint's layout.
    public static func load(_ checkpoint: Checkpoint, environment: (any Environment)? = nil) throws -> Self {
        guard checkpoint.agent == name else {
            throw AgentError.invalidCheckpoint("the checkpoint holds a '\(checkpoint.agent)' agent, not '\(name)'")
        }
        let configuration: Configuration
        do {
            configuration = try Checkpoint.decode(Configuration.self, from: checkpoint.configuration)
        } catch {
            throw AgentError.invalidCheckpoint("the checkpoint's \(name) configuration cannot be read: \(error)")
        }
        let layout = try environment.map { try checkpoint.layout.bound(to: $0, agent: name) } ?? checkpoint.layout
        let agent = try Self(configuration: configuration, layout: layout)
        try agent.loadParameterTensors(checkpoint.tensors)
        return agent
    }
}
