import Foundation
import RL

/// `rl train --progress-jsonl FILE|-`: the run's progress as JSON Lines, one object per line,
/// each written and flushed as soon as it is due, for programs that follow a run (a Ray Tune
/// trainable, a dashboard):
///
/// ```
/// {"episodes":41,"last_return":23,"mean_return":21.85,"metrics":{"epsilon":0.62,"loss":0.41},"seconds":1.0,"steps":896,"steps_per_second":895.2}
/// {"checkpoint":"runs/dqn/checkpoints/checkpoint-5000.safetensors","episodes":160,…,"steps":5000,…}
/// {"episodes":308,"final":true,…}
/// ```
///
/// - `steps`, `episodes`: counted over the whole run (a resumed run continues them);
///   `last_return`: the last finished episode's; `mean_return`: the mean of the last 100
///   episodes (the progress display's); `metrics`: the agent's metrics at that episode (ε,
///   loss, …); `seconds`, `steps_per_second`: since this call of `rl train` started.
/// - A line is due when an episode ends and another tenth of the budget is done or
///   ``interval`` seconds have passed since the last line; when an intermediate checkpoint is
///   saved (`--save-every`; `checkpoint` is its path); and when this call of training ends
///   (`final: true`; also when Ctrl-C stopped it; not `done`, which Ray Tune reads as "trial over").
///   The final `checkpoint.safetensors` is written after that last line; the `--json` summary
///   names it.
/// - `-` writes to standard output, before the summary; a file is created, or appended to when
///   the run is resumed. Lines never break across writes.
final class ProgressJSONLines: TrainingCallback {
    /// The longest time between two lines while episodes end.
    static let interval = 1.0

    private let output: FileHandle
    private let checkpoints: CheckpointSchedule?
    private let clock = ContinuousClock()
    private var start = ContinuousClock.now
    private var startSteps = 0
    private var lastLine = ContinuousClock.now
    private var lastTenth = 0
    private var latest: TrainingProgress?

    /// Where a run's intermediate checkpoints go and when: what `--save-every` makes
    /// `CheckpointCallback` write, named in the line of the step it is saved at.
    struct CheckpointSchedule {
        let interval: Int
        let folder: URL
        let displayFolder: String
    }

    private init(output: FileHandle, checkpoints: CheckpointSchedule?) {
        self.output = output
        self.checkpoints = checkpoints
    }

    /// The callback for `--progress-jsonl PATH`, or none without it; the file is opened (made,
    /// or appended to when `appending`) now, before the run writes anything.
    ///
    /// - Throws: ``CommandFailure`` when the file cannot be opened.
    static func callbacks(path: String?, runFolder: RunFolder, saveInterval: Int?, appending: Bool) throws -> [any TrainingCallback] {
        guard let path else { return [] }
        let checkpoints = saveInterval.map {
            CheckpointSchedule(interval: $0, folder: runFolder.checkpoints,
                               displayFolder: (runFolder.path as NSString).appendingPathComponent(RunFolder.checkpointsFolderName))
        }
        if path == "-" { return [ProgressJSONLines(output: .standardOutput, checkpoints: checkpoints)] }
        let url = URL(fileURLWithPath: path)
        do {
            if !appending || !FileManager.default.fileExists(atPath: url.path) {
                guard FileManager.default.createFile(atPath: url.path, contents: nil) else {
                    throw CommandFailure("cannot write the progress lines to \(path)")
                }
            }
            let handle = try FileHandle(forWritingTo: url)
            try handle.seekToEnd()
            return [ProgressJSONLines(output: handle, checkpoints: checkpoints)]
        } catch let failure as CommandFailure {
            throw failure
        } catch {
            throw CommandFailure("cannot write the progress lines to \(path): \(error.localizedDescription)")
        }
    }

    // MARK: - Callbacks

    func trainingWillStart(_ training: TrainingSession) throws {
        start = clock.now
        lastLine = start
        startSteps = training.steps
    }

    func stepDidEnd(_ training: TrainingSession) throws -> TrainingDecision {
        // CheckpointCallback (an earlier callback) has just saved at this step.
        if let checkpoints, training.steps % checkpoints.interval == 0 {
            let name = "checkpoint-\(training.steps).safetensors"
            if FileManager.default.fileExists(atPath: checkpoints.folder.appendingPathComponent(name).path) {
                try write(training, extra: ["checkpoint": (checkpoints.displayFolder as NSString).appendingPathComponent(name)])
            }
        }
        return .proceed
    }

    func episodeDidEnd(_ episode: TrainingProgress, in training: TrainingSession) throws -> TrainingDecision {
        latest = episode
        let tenth = Int(training.fractionDone * 10)
        if tenth > lastTenth || seconds(since: lastLine) >= Self.interval {
            lastTenth = tenth
            try write(training)
        }
        return .proceed
    }

    func trainingDidEnd(_ report: TrainingReport, in training: TrainingSession) throws {
        try write(training, extra: ["final": true])
    }

    // MARK: - Lines

    private func seconds(since instant: ContinuousClock.Instant) -> Double {
        let elapsed = clock.now - instant
        return Double(elapsed.components.seconds) + Double(elapsed.components.attoseconds) * 1e-18
    }

    private func write(_ training: TrainingSession, extra: [String: Any] = [:]) throws {
        let elapsed = seconds(since: start)
        var line: [String: Any] = [
            "steps": training.steps,
            "episodes": training.episodes,
            "seconds": elapsed,
            "steps_per_second": elapsed > 0 ? Double(training.steps - startSteps) / elapsed : 0,
        ]
        // JSON has no NaN or infinity: a figure that is not finite is left out.
        if training.meanReturn.isFinite { line["mean_return"] = training.meanReturn }
        if let latest {
            if latest.episodeReturn.isFinite { line["last_return"] = latest.episodeReturn }
            line["metrics"] = latest.metrics.filter(\.value.isFinite)
        }
        line.merge(extra) { _, new in new }
        let data: Data
        do {
            data = try JSONSerialization.data(withJSONObject: line, options: [.sortedKeys, .withoutEscapingSlashes])
        } catch {
            throw CommandFailure("cannot encode a progress line: \(error.localizedDescription)")
        }
        do {
            try output.write(contentsOf: data + Data("\n".utf8))
        } catch {
            throw CommandFailure("cannot write a progress line: \(error.localizedDescription)")
        }
        lastLine = clock.now
    }
}
