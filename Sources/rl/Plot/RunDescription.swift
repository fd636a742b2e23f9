import Foundation
import RL

/// What the run folder around a metrics file says about the run: the agent and environment from
/// its checkpoint, if there is a readable one.
struct RunDescription {
    /// `dqn on CartPole-v1`, or `learning curve: FOLDER` when there is no checkpoint.
    var title: String
    /// Whether the title comes from a checkpoint (rather than the folder's name).
    var hasCheckpoint = false
    /// The environment's solved threshold, when known and the task is the registered one.
    var threshold: Double?

    /// The checkpoint of the run folder around a metrics file.
    static func checkpointPath(besideMetrics metricsPath: String) -> String {
        URL(fileURLWithPath: metricsPath).deletingLastPathComponent().appendingPathComponent(RunFolder.checkpointName).path
    }

    init(metricsPath: String) {
        let folder = URL(fileURLWithPath: metricsPath).deletingLastPathComponent()
        let checkpointURL = URL(fileURLWithPath: Self.checkpointPath(besideMetrics: metricsPath))
        guard let checkpoint = try? Checkpoint.load(from: checkpointURL), let environment = checkpoint.environment else {
            title = "learning curve: " + folder.lastPathComponent
            return
        }
        let registration = try? EnvironmentRegistry.standard.registration(named: environment.id)
        title = "\(checkpoint.agent) on " + MadeEnvironment.title(id: environment.id, options: environment.options)
        hasCheckpoint = true
        // The registered threshold is for the registered task; options may change its rewards.
        threshold = environment.options.isEmpty ? registration?.rewardThreshold : nil
    }
}
