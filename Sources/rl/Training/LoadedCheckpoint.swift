import Foundation
import RL

/// A checkpoint read back for `rl eval` and `rl watch`: the agent it holds and the environment
/// it was trained on, made again from the checkpoint's metadata (id and options).
struct LoadedCheckpoint {
    /// The path as given.
    let path: String
    /// What the file holds.
    let checkpoint: Checkpoint
    /// The trained agent.
    let agent: any Agent
    /// The environment it was trained on.
    var environment: MadeEnvironment

    /// Reads the checkpoint at `path`, or in the run folder `path` names.
    ///
    /// - Throws: `AgentError.invalidCheckpoint` for a missing, truncated, corrupt or foreign
    ///   file; ``CommandFailure`` when its environment cannot be made again or does not fit the
    ///   agent.
    init(path: String) throws {
        var isDirectory: ObjCBool = false
        let exists = FileManager.default.fileExists(atPath: path, isDirectory: &isDirectory)
        let file = exists && isDirectory.boolValue ? (path as NSString).appendingPathComponent(RunFolder.checkpointName) : path
        guard FileManager.default.fileExists(atPath: file) else {
            throw CommandFailure("no checkpoint at \(file)")
        }
        self.path = file
        checkpoint = try Checkpoint.load(from: URL(fileURLWithPath: file))
        environment = try MadeEnvironment(for: checkpoint, at: file)
        agent = try AgentCatalog.standard.load(checkpoint, environment: environment.environment)
    }

    /// The agent's name (`dqn`).
    var agentName: String { checkpoint.agent }

    /// The seed the agent was trained with.
    var trainingSeed: UInt64 { agent.configuration.seed }
}
