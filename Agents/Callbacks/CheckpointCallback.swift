import Foundation
import RLCore

/// Saves the agent every `interval` environment steps, each time to a file of its own:
/// `<folder>/checkpoint-<steps>.safetensors` (Stable-Baselines3's `CheckpointCallback`).
public final class CheckpointCallback: TrainingCallback {
    /// Environment steps between saves.
    public let interval: Int
    /// The folder the checkpoints go in (made when missing).
    public let folder: URL
    /// The environment written into each checkpoint's metadata.
    public let environmentReference: EnvironmentReference?
    /// Called just before a save (for a progress display's "saving" stage).
    public var willSave: (() -> Void)?
    /// The checkpoints written so far, in order.
    public private(set) var saved: [URL] = []
    private var nextSave = 0

    /// Saves every `interval` steps into `folder`.
    ///
    /// - Throws: ``AgentError/invalidConfiguration(_:)`` for an interval below 1.
    public init(every interval: Int, folder: URL, environmentReference: EnvironmentReference? = nil) throws {
        guard interval >= 1 else { throw AgentError.invalidConfiguration("save every 1 step or more, got \(interval)") }
        self.interval = interval
        self.folder = folder
        self.environmentReference = environmentReference
    }

    /// The file the checkpoint after `steps` steps goes to.
    public func url(afterSteps steps: Int) -> URL {
        folder.appendingPathComponent("checkpoint-\(steps).safetensors")
    }

    public func trainingWillStart(_ training: TrainingSession) throws {
        nextSave = (training.steps / interval + 1) * interval
    }

    public func stepDidEnd(_ training: TrainingSession) throws -> TrainingDecision {
        guard training.steps >= nextSave else { return .proceed }
        nextSave = (training.steps / interval + 1) * interval
        willSave?()
        do {
            try FileManager.default.createDirectory(at: folder, withIntermediateDirectories: true)
        } catch {
            throw AgentError.invalidCheckpoint("cannot make the checkpoint folder \(folder.path): \(error.localizedDescription)")
        }
        let url = url(afterSteps: training.steps)
        func save<A: Agent>(_ agent: A) throws {
            try agent.save(to: url, environment: environmentReference)
        }
        try save(training.agent)
        saved.append(url)
        return .proceed
    }
}
