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

    /// The metadata key of the replay-buffer file that holds the training steps of the
    /// checkpoint it was saved with (resuming refuses a pair that does not match).
    static let replayStepsKey = "checkpoint_steps"

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

    /// The metadata keys a checkpoint may have; any other is an error.
    static let metadataKeys: Set<String> = [
        "format", "agent", "configuration", "layout", "environment", "environment_options", "training", "training_state",
    ]

    /// Reads a checkpoint.
    ///
    /// The metadata is checked as strictly as the tensors: an unknown key, or a field that is
    /// missing, malformed or out of range, is an error, never replaced by a default (a checkpoint
    /// whose `environment_options` cannot be read is refused rather than evaluated on the
    /// default environment). The configuration is read when an agent is made from it
    /// (``Agent/load(_:environment:)``).
    ///
    /// - Throws: ``AgentError/invalidCheckpoint(_:)`` naming the file and the problem: missing,
    ///   not a safetensors file (truncated, corrupt), or a safetensors file that is not a
    ///   checkpoint of this suite or whose metadata is damaged.
    public static func load(from url: URL) throws -> Checkpoint {
        let contents: Safetensors.Contents
        do {
            contents = try Safetensors.load(from: url)
        } catch {
            throw AgentError.invalidCheckpoint("\(error)")
        }
        do {
            return try Checkpoint(contents)
        } catch let problem as StrictJSON.Problem {
            throw AgentError.invalidCheckpoint("\(url.path) is not a swift-rl checkpoint: \(problem)")
        }
    }

    /// A checkpoint from the contents of its file (see ``load(from:)`` for what is checked).
    ///
    /// - Throws: ``AgentError/invalidCheckpoint(_:)`` naming the problem.
    public init(contents: Safetensors.Contents) throws {
        do {
            try self.init(contents)
        } catch let problem as StrictJSON.Problem {
            throw AgentError.invalidCheckpoint("not a swift-rl checkpoint: \(problem)")
        }
    }

    /// Reads the metadata strictly.
    ///
    /// - Throws: ``StrictJSON/Problem`` naming the key and what is wrong with it.
    private init(_ contents: Safetensors.Contents) throws {
        let metadata = contents.metadata
        guard metadata["format"] == Self.format else {
            throw StrictJSON.Problem(message: metadata["format"].map { "its format is '\($0)', expected '\(Self.format)'" } ?? "it has no 'format' metadata")
        }
        if let unknown = metadata.keys.sorted().first(where: { !Self.metadataKeys.contains($0) }) {
            throw StrictJSON.Problem(message: "its metadata has an unknown key '\(unknown)'")
        }
        guard let agent = metadata["agent"], let configuration = metadata["configuration"] else {
            throw StrictJSON.Problem(message: "it names no agent or configuration")
        }
        /// The value of the metadata key `key`, decoded strictly, or `nil` when the key is absent.
        func field<Value: Codable>(_ key: String, as type: Value.Type) throws -> Value? {
            guard let text = metadata[key] else { return nil }
            do {
                return try StrictJSON.decode(type, from: text)
            } catch let problem as StrictJSON.Problem {
                throw StrictJSON.Problem(message: "its '\(key)' metadata is damaged: \(problem)")
            }
        }
        guard let layout = try field("layout", as: SpaceLayout.self) else {
            throw StrictJSON.Problem(message: "it has no 'layout' metadata")
        }
        var environment: EnvironmentReference?
        switch (metadata["environment"], try field("environment_options", as: [String: String].self)) {
        case (let id?, let options?):
            environment = EnvironmentReference(id: id, options: options)
        case (nil, nil):
            environment = nil
        case (_?, nil):
            throw StrictJSON.Problem(message: "it names an environment but has no 'environment_options' metadata")
        case (nil, _?):
            throw StrictJSON.Problem(message: "it has 'environment_options' but names no environment")
        }
        let training = try field("training", as: TrainingSummary.self)
        if let training, training.episodes < 0 || training.steps < 0 || !(training.seconds >= 0) {
            throw StrictJSON.Problem(message: "its 'training' metadata is damaged: negative counts or time")
        }
        self.init(
            agent: agent, configuration: configuration, layout: layout, environment: environment,
            training: training, tensors: contents.tensors.filter { !$0.key.hasPrefix(Self.trainingPrefix) })
        trainingTensors = Dictionary(uniqueKeysWithValues: contents.tensors.compactMap { name, tensor in
            name.hasPrefix(Self.trainingPrefix) ? (String(name.dropFirst(Self.trainingPrefix.count)), tensor) : nil
        })
        trainingValues = try field("training_state", as: TrainingSnapshot.Values.self)
        if let session = trainingValues?.session, !session.isConsistent {
            throw StrictJSON.Problem(message: "its 'training_state' metadata is damaged: the session's counts do not fit together")
        }
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
    /// - Throws: ``AgentError/invalidCheckpoint(_:)`` as ``load(from:)``, also for a
    ///   configuration that is malformed, has unknown fields, is out of range or asks for more
    ///   than the checkpoint's tensors hold (``CheckpointBound``);
    ///   ``AgentError/doesNotFit(_:)`` when `environment` does not fit the checkpoint's layout.
    public static func load(_ checkpoint: Checkpoint, environment: (any Environment)? = nil) throws -> Self {
        guard checkpoint.agent == name else {
            throw AgentError.invalidCheckpoint("the checkpoint holds a '\(checkpoint.agent)' agent, not '\(name)'")
        }
        let configuration: Configuration
        do {
            configuration = try StrictJSON.decode(Configuration.self, from: checkpoint.configuration)
        } catch {
            throw AgentError.invalidCheckpoint("the checkpoint's \(name) configuration cannot be read: \(error)")
        }
        let layout = try environment.map { try checkpoint.layout.bound(to: $0, agent: name) } ?? checkpoint.layout
        // Nothing larger than the file's tensors is allocated (see CheckpointBound), and values
        // out of range are the checkpoint's fault, not the command line's.
        let valueCount = checkpoint.tensors.values.reduce(0) { MemorySize.adding($0, $1.scalarCount) }
        let agent: Self
        do {
            agent = try CheckpointBound.$valueCount.withValue(valueCount) {
                try Self(configuration: configuration, layout: layout)
            }
        } catch AgentError.invalidConfiguration(let message) {
            throw AgentError.invalidCheckpoint("the checkpoint's \(name) configuration is out of range: \(message)")
        } catch AgentError.invalidCheckpoint(let message) {
            throw AgentError.invalidCheckpoint("the checkpoint cannot be used: \(message)")
        }
        try agent.loadParameterTensors(checkpoint.tensors)
        return agent
    }
}
