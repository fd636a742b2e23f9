import Foundation
import Testing
import RL

/// Checkpoints crafted or damaged by hand (issue 13): each is refused with one clear
/// `AgentError.invalidCheckpoint` line before anything large is allocated, never a trap, an
/// allocation of gigabytes, or a silent default.
@Suite("hostile checkpoints")
struct HostileCheckpointTests {
    /// The metadata and tensors of a fresh agent's checkpoint, to damage.
    static func contents(of agent: some Agent, environment: EnvironmentReference) throws -> Safetensors.Contents {
        let folder = try temporaryFolder()
        defer { try? FileManager.default.removeItem(at: folder) }
        let url = folder.appendingPathComponent("checkpoint.safetensors")
        try agent.save(to: url, environment: environment)
        return try Safetensors.load(from: url)
    }

    static func qTable() throws -> Safetensors.Contents {
        try contents(of: QTableAgent(configuration: .init(), environment: makeEnvironment("frozenlake")),
                     environment: EnvironmentReference(id: "FrozenLake-v1", options: ["slippery": "false"]))
    }

    static func dqn() throws -> Safetensors.Contents {
        try contents(of: DQNAgent(configuration: smallDQNConfiguration(seed: 1), environment: makeEnvironment("cartpole")),
                     environment: EnvironmentReference(id: "CartPole-v1"))
    }

    /// `contents` with the JSON object in metadata `key` changed by `change`.
    static func editing(_ contents: Safetensors.Contents, _ key: String, _ change: (inout [String: Any]) -> Void) throws -> Safetensors.Contents {
        var copy = contents
        let text = try #require(contents.metadata[key])
        var object = try #require(try JSONSerialization.jsonObject(with: Data(text.utf8)) as? [String: Any])
        change(&object)
        copy.metadata[key] = String(decoding: try JSONSerialization.data(withJSONObject: object, options: [.sortedKeys]), as: UTF8.self)
        return copy
    }

    /// Loads `contents` as `rl eval` does (the checkpoint, then its agent through the catalog)
    /// and returns the error message, which must be an `AgentError.invalidCheckpoint`.
    static func refusal(_ contents: Safetensors.Contents, environment: (any Environment)? = nil) -> String {
        do {
            let checkpoint = try Checkpoint(contents: contents)
            _ = try AgentCatalog.standard.load(checkpoint, environment: environment)
            Issue.record("a damaged checkpoint was accepted")
            return ""
        } catch AgentError.invalidCheckpoint(let message) {
            #expect(!message.contains("DecodingError") && !message.contains("Debug description") && !message.contains("\n"), "\(message)")
            return message
        } catch {
            Issue.record("expected AgentError.invalidCheckpoint, got \(error)")
            return ""
        }
    }

    // MARK: - Item 2: layouts out of range

    @Test("a layout size of -1, 0, 2^40 or 2^64 is refused", arguments: ["-1", "0", "1099511627776", "18446744073709551616"])
    func layoutSizes(size: String) throws {
        for (contents, field) in [(try Self.qTable(), "observationSize"), (try Self.qTable(), "actionCount"),
                                  (try Self.dqn(), "observationSize"), (try Self.dqn(), "actionCount")] {
            var damaged = contents
            let layout = try #require(contents.metadata["layout"])
            damaged.metadata["layout"] = layout.replacingOccurrences(
                of: #""\#(field)":\d+"#, with: "\"\(field)\":\(size)", options: .regularExpression)
            #expect(damaged.metadata["layout"] != layout)
            let message = Self.refusal(damaged)
            // 2^64 is no Int at all: Foundation says only that a number does not fit.
            #expect(message.contains("'layout' metadata is damaged")
                    && message.contains(size == "18446744073709551616" ? "a number does not fit its field" : "'\(field)': must be from 1 to 268435456, got \(size)"),
                    "\(message)")
        }
    }

    @Test func aLayoutLargerThanTheTableInTheFileIsRefusedBeforeAllocating() throws {
        // 2^26 states × 4 actions: under the table ceiling, but a gigabyte the 64-value file lacks.
        let damaged = try Self.editing(try Self.qTable(), "layout") { $0["observationSize"] = 1 << 26 }
        let message = Self.refusal(damaged)
        #expect(message.contains("a table of 67108864 states and 4 actions of 268435456 values (1.07 GB) but its tensors hold only 64"), "\(message)")
        // Beyond the ceiling itself (2^28 entries), whatever the file holds.
        let huge = try Self.editing(try Self.qTable(), "layout") { $0["observationSize"] = 1 << 28 }
        #expect(Self.refusal(huge).contains("at most 268435456 entries"))
    }

    // MARK: - Item 3: a configuration asking for a huge network

    @Test func aHugeNetworkInTheConfigurationIsRefusedBeforeAllocating() throws {
        let wide = try Self.editing(try Self.dqn(), "configuration") { configuration in
            configuration["network"] = ["hiddenLayers": [100_000], "activation": "relu", "initialization": "uniform"]
        }
        #expect(Self.refusal(wide).contains("configuration is out of range: hidden layer widths must be at most 65536, got 100000"))
        // Within every ceiling (4-8192-8192-2: 67 million parameters), but far beyond the file.
        let large = try Self.editing(try Self.dqn(), "configuration") { configuration in
            configuration["network"] = ["hiddenLayers": [8_192, 8_192], "activation": "relu", "initialization": "uniform"]
        }
        let message = Self.refusal(large)
        #expect(message.contains("the network 4-8192-8192-2 of 67174402 values (269 MB) but its tensors hold only 226"), "\(message)")
    }

    @Test func aBatchThatWouldTakeTerabytesIsRefused() throws {
        let damaged = try Self.editing(try Self.dqn(), "configuration") { $0["batchSize"] = 1 << 20; $0["network"] = [
            "hiddenLayers": [4_096], "activation": "relu", "initialization": "uniform"] }
        #expect(Self.refusal(damaged).contains("configuration is out of range"))
        #expect(throws: AgentError.invalidConfiguration(
            "training 4-65536-2 at batch 1048576 would take about 1.65 TB of memory; at most 8.00 GB is allowed (use a smaller batch size or narrower layers)")) {
            _ = try DQNAgent(configuration: .init(network: NetworkShape(hiddenLayers: [65_536]), batchSize: 1 << 20), environment: makeEnvironment("cartpole"))
        }
    }

    // MARK: - Strict metadata (item 9 and the smaller ones)

    @Test func damagedEnvironmentOptionsAreRefusedNotReplacedByDefaults() throws {
        var damaged = try Self.qTable()
        damaged.metadata["environment_options"] = "{\"slippery\": fals"
        #expect(Self.refusal(damaged).contains("'environment_options' metadata is damaged: it is not valid JSON"))
        damaged.metadata["environment_options"] = "{\"slippery\": false}"
        #expect(Self.refusal(damaged).contains("'environment_options' metadata is damaged: 'slippery' must be text"))
        damaged.metadata["environment_options"] = nil
        #expect(Self.refusal(damaged).contains("names an environment but has no 'environment_options'"))
    }

    @Test func unknownAndMisspeltFieldsAreRefused() throws {
        var unknownKey = try Self.qTable()
        unknownKey.metadata["comment"] = "hello"
        #expect(Self.refusal(unknownKey).contains("unknown key 'comment'"))

        let misspelt = try Self.editing(try Self.dqn(), "configuration") { configuration in
            configuration["batchSise"] = configuration.removeValue(forKey: "batchSize")
        }
        #expect(Self.refusal(misspelt).contains("configuration cannot be read: 'batchSize' is missing"))
        let extra = try Self.editing(try Self.dqn(), "configuration") { $0["learningRat"] = 0.1 }
        #expect(Self.refusal(extra).contains("'learningRat' is not a field it has"))
        let nested = try Self.editing(try Self.dqn(), "configuration") { configuration in
            configuration["network"] = ["hiddenLayers": [32], "activation": "relu", "initialization": "uniform", "dropout": 0.5]
        }
        #expect(Self.refusal(nested).contains("'network.dropout' is not a field it has"))
        let wrongType = try Self.editing(try Self.dqn(), "configuration") { $0["batchSize"] = "64" }
        #expect(Self.refusal(wrongType).contains("'batchSize' must be a whole number"))
        let trainingSummary = try Self.editing(try Self.qTable(), "training") { $0["steps"] = -5 }
        #expect(Self.refusal(trainingSummary).contains("'training' metadata is damaged"))
    }

    @Test func outOfRangeValuesAreTheCheckpointsFault() throws {
        let damaged = try Self.editing(try Self.dqn(), "configuration") { $0["batchSize"] = 0 }
        #expect(Self.refusal(damaged) == "the checkpoint's dqn configuration is out of range: batch size must be at least 1, got 0")
    }

    @Test func bindingToAnEnvironmentOfOtherSpacesIsRefused() throws {
        // A FrozenLake table evaluated on CliffWalking (48 states): refused, not indexed out of range.
        do {
            let checkpoint = try Checkpoint(contents: try Self.qTable())
            _ = try AgentCatalog.standard.load(checkpoint, environment: try makeEnvironment("cliffwalking"))
            Issue.record("loaded a 16-state table for a 48-state environment")
        } catch let error as AgentError {
            guard case .doesNotFit = error else { Issue.record("\(error)"); return }
        }
    }

    // MARK: - Training states and replay buffers (rl train --resume)

    @Test func damagedTrainingStatesAndReplayBuffersAreRefusedOnResume() throws {
        let folder = try temporaryFolder()
        defer { try? FileManager.default.removeItem(at: folder) }
        var configuration = smallDQNConfiguration(seed: 2)
        configuration.learningStarts = 50
        var environment = CartPole()
        let agent = try DQNAgent(configuration: configuration, environment: environment)
        try agent.train(on: &environment, for: .steps(120))
        let url = folder.appendingPathComponent("checkpoint.safetensors")
        let replayURL = Checkpoint.replayBufferURL(for: url)
        try agent.saveForResume(to: url, environment: EnvironmentReference(id: "CartPole-v1"), training: environment)
        let saved = (checkpoint: try Safetensors.load(from: url), replay: try Safetensors.load(from: replayURL))

        /// Resumes from the files as they are; the error's message, or nil when it resumes.
        func resume() -> String? {
            do {
                let checkpoint = try Checkpoint.load(from: url)
                var resumed = CartPole()
                try DQNAgent.load(checkpoint).resumeTraining(from: checkpoint, at: url, environment: &resumed)
                return nil
            } catch AgentError.invalidCheckpoint(let message) {
                return message
            } catch {
                return "unexpected \(error)"
            }
        }
        /// Writes the files with `change` applied, and resumes.
        func resume(changing change: (inout Safetensors.Contents, inout Safetensors.Contents) throws -> Void) throws -> String? {
            var (checkpoint, replay) = saved
            try change(&checkpoint, &replay)
            try Safetensors.save(checkpoint.tensors, metadata: checkpoint.metadata, to: url)
            try Safetensors.save(replay.tensors, metadata: replay.metadata, to: replayURL)
            return resume()
        }

        #expect(try resume { _, _ in } == nil)
        // An action no index can be (Int(1e30) would trap in the update), a NaN reward, a flag of 2.
        let actionCount = try #require(saved.replay.tensors["actions"]).scalarCount
        for (tensor, value, reason) in [("actions", Float(1e30), "holds the action 1e+30, not an index below 2"),
                                        ("actions", 1.5, "holds the action 1.5"),
                                        ("rewards", .nan, "not finite"), ("terminations", 2, "not finite, or terminations other than 0 and 1")] {
            let message = try resume { _, replay in
                var scalars = try #require(replay.tensors[tensor]).scalars
                scalars[scalars.count - 1] = value
                replay.tensors[tensor] = try Tensor(shape: [scalars.count] + (tensor == "actions" ? [1] : []), scalars: scalars)
            }
            #expect(message?.contains(reason) == true, "\(tensor) \(value): \(message ?? "resumed")")
        }
        #expect(actionCount > 0)
        // A replay buffer from another save (a save killed between the two files), or with keys it never writes.
        let mismatched = try resume { _, replay in replay.metadata["checkpoint_steps"] = "60" }
        #expect(mismatched?.contains("was saved at step 60, the checkpoint at step 120") == true, "\(mismatched ?? "resumed")")
        let unknown = try resume { _, replay in replay.metadata["note"] = "x" }
        #expect(unknown?.contains("unknown metadata key 'note'") == true)
        // A session whose ring of recent returns points outside itself (it would index out of range).
        let damagedSession = try resume { checkpoint, _ in
            let text = try #require(checkpoint.metadata["training_state"])
            checkpoint.metadata["training_state"] = text.replacingOccurrences(
                of: #""next":\d+"#, with: "\"next\":500", options: .regularExpression)
            #expect(checkpoint.metadata["training_state"] != text)
        }
        #expect(damagedSession?.contains("'training_state' metadata is damaged: the session's counts do not fit together") == true,
                "\(damagedSession ?? "resumed")")
    }
}
