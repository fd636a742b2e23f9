import Foundation
import Testing

/// Small training runs for the tests that need a checkpoint or a metrics file: fast in a debug
/// build, and reaching a known result.
enum TrainedRuns {
    /// The arguments of a Q-table run that learns deterministic FrozenLake (the notes' "dummy"
    /// rule; 300 episodes are plenty), writing to `folder`.
    static func qTableArguments(out folder: String, seed: Int = 0) -> [String] {
        ["train", "qtable", "frozenlake", "--no-slippery", "--preset", "dummy", "--episodes", "300",
         "--seed", "\(seed)", "--eval-episodes", "20", "--out", folder]
    }

    /// Trains the Q-table run into `name` inside `folder` and returns the run folder's path.
    static func qTable(in folder: TemporaryFolder, named name: String = "run") throws -> String {
        let result = try RLProcess.run(qTableArguments(out: name) + ["--quiet"], in: folder.url)
        try #require(result.status == 0, "training failed: \(result.standardError)")
        return folder.path(name)
    }

    /// A DQN run on CartPole small enough for a debug build: a few hundred steps, a few updates.
    static let tinyDQNArguments = [
        "train", "dqn", "cartpole", "--steps", "300", "--learning-starts", "100", "--train-frequency", "50",
        "--gradient-steps", "2", "--batch-size", "16", "--hidden", "16", "--eval-episodes", "2",
    ]
}
