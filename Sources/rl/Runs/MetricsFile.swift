import Foundation
import RL

/// `metrics.csv` written as training goes: one row per episode (see `MetricsCSV`), buffered
/// and flushed at least once a second and when training ends, so a run that is interrupted or
/// killed keeps the rows of every episode it finished (all but the last second's at worst).
///
/// A resumed run appends to the file it continues; the header must be the one the agent
/// writes, or the file is refused.
final class MetricsFile: TrainingCallback {
    /// The file.
    let url: URL
    /// How long rows may wait in memory.
    static let flushInterval: Duration = .seconds(1)

    private let handle: FileHandle
    private var buffer = ""
    private var columns: [String] = []
    private let appending: Bool
    private var lastFlush = ContinuousClock.now
    private(set) var rowsWritten = 0

    /// Opens `url`: a new file (replacing none: the run folder was checked to hold no run), or,
    /// when `appending` (a resumed run), the end of an existing one, after dropping the rows of
    /// episodes past `episodes`, the checkpoint's count (a run killed after its last save wrote
    /// rows its checkpoint does not have; resuming would repeat them).
    ///
    /// - Throws: ``CommandFailure`` when the file cannot be created, opened or cut.
    init(url: URL, appending: Bool, episodes: Int = 0) throws {
        self.url = url
        self.appending = appending
        if !appending || !FileManager.default.fileExists(atPath: url.path) {
            guard FileManager.default.createFile(atPath: url.path, contents: nil) else {
                throw CommandFailure("cannot create \(url.path)")
            }
        } else {
            try Self.dropRows(of: url, after: episodes)
        }
        do {
            handle = try FileHandle(forWritingTo: url)
            try handle.seekToEnd()
        } catch {
            throw CommandFailure("cannot open \(url.path) for writing")
        }
    }

    deinit {
        try? flush()
        try? handle.close()
    }

    func trainingWillStart(_ training: TrainingSession) throws {
        columns = training.metrics.map(\.name)
        let header = MetricsCSV.header(metrics: columns)
        let existing = (try? String(contentsOf: url, encoding: .utf8)) ?? ""
        if existing.isEmpty {
            buffer += header
        } else if !existing.hasPrefix(header) {
            throw CommandFailure("\(url.path) has other columns than this run writes (\(header.dropLast())); cannot append to it")
        }
        try flush()
    }

    func episodeDidEnd(_ episode: TrainingProgress, in training: TrainingSession) throws -> TrainingDecision {
        buffer += MetricsCSV.row(episode, metrics: columns)
        rowsWritten += 1
        if ContinuousClock.now - lastFlush >= Self.flushInterval || buffer.utf8.count > 1 << 16 { try flush() }
        return .proceed
    }

    func trainingDidEnd(_ report: TrainingReport, in training: TrainingSession) throws {
        try flush()
    }

    /// Cuts a CSV file after the last whole row whose first column (the episode, or the step
    /// of an evaluation) is at most `limit`; the header stays. Rows are in increasing order.
    ///
    /// - Throws: ``CommandFailure`` when the file cannot be read or cut.
    static func dropRows(of url: URL, after limit: Int) throws {
        do {
            let data = try Data(contentsOf: url)
            let newline = UInt8(ascii: "\n")
            let keep = data.withUnsafeBytes { (bytes: UnsafeRawBufferPointer) -> Int in
                guard let headerEnd = bytes.firstIndex(of: newline).map({ $0 + 1 }) else { return 0 }
                // A last line without its newline was cut short by a kill: it goes too.
                var end = (bytes.lastIndex(of: newline) ?? -1) + 1
                // From the end, since rows come in order and usually none is past the limit.
                while end > headerEnd {
                    let lineStart = (bytes[headerEnd..<(end - 1)].lastIndex(of: newline) ?? (headerEnd - 1)) + 1
                    let fieldEnd = bytes[lineStart..<(end - 1)].firstIndex(of: UInt8(ascii: ",")) ?? (end - 1)
                    let first = String(decoding: UnsafeRawBufferPointer(rebasing: bytes[lineStart..<fieldEnd]), as: UTF8.self)
                    if let value = Int(first), value > limit { end = lineStart } else { break }
                }
                return end
            }
            guard keep < data.count else { return }
            let handle = try FileHandle(forWritingTo: url)
            defer { try? handle.close() }
            try handle.truncate(atOffset: UInt64(keep))
        } catch {
            throw CommandFailure("cannot prepare \(url.path) for the resumed run: \(FileErrorText.reason(error))")
        }
    }

    /// Writes the buffered rows to the file.
    ///
    /// - Throws: ``CommandFailure`` when the write fails (a full disk).
    func flush() throws {
        lastFlush = ContinuousClock.now
        guard !buffer.isEmpty else { return }
        do {
            try handle.write(contentsOf: Data(buffer.utf8))
        } catch {
            throw CommandFailure("cannot write \(url.path): \(FileErrorText.reason(error))")
        }
        buffer = ""
    }
}

/// `evaluations.csv`: one row per periodic evaluation (`--eval-every`): the training steps and
/// episodes when it ran, its mean and standard deviation of the return, mean length, success
/// rate (empty without a goal), and whether it was the best so far (and saved as
/// `best.safetensors`).
final class EvaluationsFile {
    let url: URL
    private let handle: FileHandle

    /// The header line.
    static let header = "steps,episodes,mean_return,std_return,mean_length,success_rate,best\n"

    /// Opens `url`, new or (when `appending`) at its end, after dropping the rows of
    /// evaluations past `steps`, the checkpoint's count (see ``MetricsFile/init(url:appending:episodes:)``).
    ///
    /// - Throws: ``CommandFailure`` when it cannot be opened or cut.
    init(url: URL, appending: Bool, steps: Int = 0) throws {
        self.url = url
        let exists = FileManager.default.fileExists(atPath: url.path)
        if !appending || !exists {
            guard FileManager.default.createFile(atPath: url.path, contents: Data(Self.header.utf8)) else {
                throw CommandFailure("cannot create \(url.path)")
            }
        } else {
            try MetricsFile.dropRows(of: url, after: steps)
        }
        do {
            handle = try FileHandle(forWritingTo: url)
            try handle.seekToEnd()
        } catch {
            throw CommandFailure("cannot open \(url.path) for writing")
        }
    }

    deinit { try? handle.close() }

    /// The mean return of the last row marked best in the file at `url` (the best evaluation
    /// of the run so far, to 6 significant digits), or `nil` when there is none.
    static func bestMeanReturn(in url: URL) -> Double? {
        guard let text = try? String(contentsOf: url, encoding: .utf8) else { return nil }
        var best: Double?
        for line in text.split(separator: "\n").dropFirst() {
            let cells = line.split(separator: ",", omittingEmptySubsequences: false)
            if cells.count == 7, cells[6] == "1", let mean = Double(cells[2]) { best = mean }
        }
        return best
    }

    /// Writes one evaluation's row at once.
    func append(_ result: EvaluationCallback.Result) throws {
        let report = result.report
        let cells = [
            "\(result.steps)", "\(result.episodes)", String(format: "%.6g", report.meanReturn),
            String(format: "%.6g", report.standardDeviation), String(format: "%.6g", report.meanLength),
            report.successRate.map { String(format: "%.6g", $0) } ?? "", result.isBest ? "1" : "0",
        ]
        do {
            try handle.write(contentsOf: Data((cells.joined(separator: ",") + "\n").utf8))
        } catch {
            throw CommandFailure("cannot write \(url.path): \(FileErrorText.reason(error))")
        }
    }
}
