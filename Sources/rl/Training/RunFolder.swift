import Foundation
import RL

/// The folder a training run writes to: `checkpoint.safetensors` and `metrics.csv`.
///
/// By default a new folder under `runs/` named for the agent, environment, seed and time
/// (`runs/dqn-CartPole-v1-seed0-20250101-120000`). The folder is checked when the command
/// starts (``init(path:agent:environment:seed:)``) but created only when there is something to
/// write (``save(agent:environment:report:)``), so a run that fails early leaves nothing behind.
struct RunFolder {
    /// The file name of the checkpoint inside a run folder.
    static let checkpointName = "checkpoint.safetensors"
    /// The file name of the per-episode metrics inside a run folder.
    static let metricsName = "metrics.csv"
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
    /// The checkpoint's path, for output.
    var checkpointPath: String { (path as NSString).appendingPathComponent(Self.checkpointName) }
    /// The metrics file's path, for output.
    var metricsPath: String { (path as NSString).appendingPathComponent(Self.metricsName) }

    /// Chooses the folder: `path` when given, else a new one under `runs/`.
    ///
    /// - Throws: ``CommandFailure`` when `path` is an existing file, or a folder on the way
    ///   is a file.
    init(path: String?, agent: String, environment: String, seed: UInt64, date: Date = Date()) throws {
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

    /// Creates the folder if needed and writes the checkpoint and the metrics, each atomically.
    ///
    /// - Throws: ``CommandFailure`` when the folder cannot be created; `AgentError` when the
    ///   checkpoint cannot be written.
    func save(agent: any Agent, environment: EnvironmentReference, report: TrainingReport) throws {
        do {
            try FileManager.default.createDirectory(at: url, withIntermediateDirectories: true)
        } catch {
            throw CommandFailure("cannot create the run folder \(path): \(error.localizedDescription)")
        }
        try agent.save(to: checkpoint, environment: environment)
        do {
            try Data(report.metricsCSV().utf8).write(to: metrics, options: .atomic)
        } catch {
            throw CommandFailure("cannot write \(metricsPath): \(error.localizedDescription)")
        }
    }
}
