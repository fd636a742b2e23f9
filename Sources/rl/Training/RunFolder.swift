import Foundation
import RL

/// The folder a training run writes to: `config.yaml`, `checkpoint.safetensors` (with the
/// training state, and an off-policy agent's replay buffer beside it), `metrics.csv`, and with
/// periodic evaluations `evaluations.csv` and `best.safetensors`, with `--save-every`
/// `checkpoints/`.
///
/// By default a new folder under `runs/` named for the agent, environment, seed and time
/// (`runs/dqn-CartPole-v1-seed0-20250101-120000`). The folder is checked when the command
/// starts (``init(path:agent:environment:seed:date:)``) and created when training starts
/// (``prepare(replacing:)``), after every check, so a run that fails early leaves nothing behind.
/// A folder that already holds a run is refused unless `--force` replaces it.
struct RunFolder {
    /// The file name of the checkpoint inside a run folder.
    static let checkpointName = "checkpoint.safetensors"
    /// The file name of the per-episode metrics inside a run folder.
    static let metricsName = "metrics.csv"
    /// The file name of the run's configuration.
    static let configurationName = "config.yaml"
    /// The file name of the periodic evaluations.
    static let evaluationsName = "evaluations.csv"
    /// The file name of the best checkpoint of the periodic evaluations.
    static let bestName = "best.safetensors"
    /// The folder of the intermediate checkpoints.
    static let checkpointsFolderName = "checkpoints"
    /// What makes a folder hold a run.
    static let runFiles = [checkpointName, metricsName, configurationName, evaluationsName, bestName]
    /// The folder default run folders go in.
    static let defaultParent = "runs"

    /// The folder.
    let url: URL
    /// The folder's path as given or chosen (relative paths stay relative), for output.
    let path: String

    /// The checkpoint's URL.
    var checkpoint: URL { url.appendingPathComponent(Self.checkpointName) }
    /// The metrics file's URL.
    var metrics: URL { url.appendingPathComponent(Self.metricsName) }
    /// The configuration's URL.
    var configuration: URL { url.appendingPathComponent(Self.configurationName) }
    /// The evaluations' URL.
    var evaluations: URL { url.appendingPathComponent(Self.evaluationsName) }
    /// The best checkpoint's URL.
    var best: URL { url.appendingPathComponent(Self.bestName) }
    /// The intermediate checkpoints' folder.
    var checkpoints: URL { url.appendingPathComponent(Self.checkpointsFolderName) }
    /// The checkpoint's path, for output.
    var checkpointPath: String { (path as NSString).appendingPathComponent(Self.checkpointName) }
    /// The metrics file's path, for output.
    var metricsPath: String { (path as NSString).appendingPathComponent(Self.metricsName) }

    /// Chooses the folder: `path` when given, else a new one under `runs/`.
    ///
    /// - Throws: ``CommandFailure`` when `path` is an existing file, or a folder on the way
    ///   is a file.
    init(path: String?, agent: String, environment: String, seed: UInt64, date: Date = Date()) throws {
        if let path, path.trimmingCharacters(in: .whitespaces).isEmpty {
            throw CommandFailure("--out needs a folder, got an empty path", exitCode: .validationFailure)
        }
        if let path {
            url = URL(fileURLWithPath: path)
            self.path = path
        } else {
            let formatter = DateFormatter()
            formatter.locale = Locale(identifier: "en_US_POSIX")
            formatter.dateFormat = "yyyyMMdd-HHmmss"
            let base = "\(agent)-\(environment)-seed\(seed)-\(formatter.string(from: date))"
            let parent = URL(fileURLWithPath: Self.defaultParent)
            // Two runs started in the same second get their own folders.
            var candidate = parent.appendingPathComponent(base)
            var number = 2
            while FileManager.default.fileExists(atPath: candidate.path) {
                candidate = parent.appendingPathComponent("\(base)-\(number)")
                number += 1
            }
            url = candidate
            self.path = (Self.defaultParent as NSString).appendingPathComponent(candidate.lastPathComponent)
        }
        try checkWritable()
    }

    /// Fails now, before training, if the folder could not be made later.
    private func checkWritable() throws {
        var isDirectory: ObjCBool = false
        var ancestor = url
        // The nearest existing folder on the way must be a folder we can write in.
        while !FileManager.default.fileExists(atPath: ancestor.path, isDirectory: &isDirectory) {
            let parent = ancestor.deletingLastPathComponent()
            if parent.path == ancestor.path { break }
            ancestor = parent
        }
        guard isDirectory.boolValue else {
            throw CommandFailure("cannot write the run to \(path): \(ancestor.path) is a file, not a folder")
        }
        guard FileManager.default.isWritableFile(atPath: ancestor.path) else {
            throw CommandFailure("cannot write the run to \(path): \(ancestor.path) is not writable")
        }
    }

    /// Whether the folder holds a run already (a checkpoint, metrics or a configuration).
    var holdsRun: Bool {
        Self.runFiles.contains { FileManager.default.fileExists(atPath: url.appendingPathComponent($0).path) }
    }

    /// Refuses a folder that holds a run, unless `replacing`.
    ///
    /// - Throws: ``CommandFailure`` (exit 64) for a folder holding a run without `--force`.
    func checkFree(replacing: Bool) throws {
        guard holdsRun, !replacing else { return }
        throw CommandFailure(
            "\(path) already holds a run; give another --out, --force to replace it, or --resume \(path) to continue it",
            exitCode: .validationFailure)
    }

    /// Creates the folder (and, when `replacing`, removes the old run's files first).
    ///
    /// - Throws: ``CommandFailure`` when the folder cannot be made or a file removed.
    func prepare(replacing: Bool) throws {
        do {
            try FileManager.default.createDirectory(at: url, withIntermediateDirectories: true)
            if replacing {
                for name in Self.runFiles + [Self.checkpointsFolderName] {
                    let file = url.appendingPathComponent(name)
                    if FileManager.default.fileExists(atPath: file.path) { try FileManager.default.removeItem(at: file) }
                }
                let replay = Checkpoint.replayBufferURL(for: checkpoint)
                if FileManager.default.fileExists(atPath: replay.path) { try FileManager.default.removeItem(at: replay) }
            }
        } catch {
            throw CommandFailure("cannot prepare the run folder \(path): \(FileErrorText.reason(error))")
        }
    }

    /// Saves the agent with its training state (so `--resume` continues exactly), or without
    /// it for an agent that cannot save it.
    ///
    /// - Throws: `AgentError` when the checkpoint cannot be written.
    func saveCheckpoint<E: Environment>(_ agent: some Agent, environment reference: EnvironmentReference, training environment: E) throws {
        do {
            try agent.saveForResume(to: checkpoint, environment: reference, training: environment)
        } catch AgentError.invalidConfiguration {
            try agent.save(to: checkpoint, environment: reference)
        }
    }

    /// Writes `configuration` as `config.yaml`, atomically.
    ///
    /// - Throws: ``CommandFailure`` when it cannot be written.
    func write(_ configuration: RunConfiguration) throws {
        do {
            try AtomicFile.write(Data(configuration.yaml.utf8), to: self.configuration)
        } catch let error as TensorError {
            throw CommandFailure("\(error)")
        }
    }
}
