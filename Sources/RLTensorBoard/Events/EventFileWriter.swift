#if canImport(Glibc)
import Glibc
#elseif canImport(Darwin)
import Darwin
#endif
import Dispatch
import Foundation
import Synchronization

/// Writes a TensorBoard event file: scalars and texts, each with its step and wall time, which
/// TensorBoard (and its Python reader, `EventAccumulator`) shows as a run.
///
/// ```swift
/// let writer = try EventFileWriter(directory: URL(fileURLWithPath: "runs/dqn-cartpole"))
/// try writer.addText("|param|value|\n|-|-|\n|seed|0|", tag: "hyperparameters", step: 0)
/// try writer.addScalar(21, tag: "charts/episodic_return", step: 21)
/// try writer.close()
/// ```
///
/// The file goes in `directory` (made when missing) under the name TensorBoard's own writers
/// give, `events.out.tfevents.<seconds>.<host>.<process>.<number><suffix>`; it starts with the
/// `brain.Event:2` version event. Each value is a TensorFlow `Event` protocol buffer (encoded
/// with swift-protobuf from `Protobuf/proto/*.proto`; `Protobuf/proto/generate.sh` says how to
/// regenerate the committed Swift code) framed as a TFRecord (``TFRecord``, with masked CRC-32C
/// checksums).
///
/// **When bytes reach the disk.** Values wait in memory and are written at least every
/// `flushInterval` (a background timer), when a megabyte waits, on ``flush()`` and on
/// ``close()`` (also when the writer is released). The file is append-only and every write
/// ends at a record boundary, so a process killed at any moment leaves a readable file: at
/// worst the values of the last `flushInterval` are missing, and the last record is torn,
/// which TensorBoard's reader skips without an error.
///
/// A writer is meant for one thread (the training loop); its timer flushes from another,
/// under a lock.
public final class EventFileWriter {
    /// The version string of the first event (TensorFlow's current event format).
    public static let fileVersion = "brain.Event:2"
    /// The name written as the file's `source_metadata.writer`.
    static let writerName = "swift-rl RLTensorBoard"
    /// The TensorBoard plugin that shows texts.
    static let textPluginName = "text"
    /// What ``addText(_:tag:step:wallTime:)`` appends to a text's tag, as PyTorch's `add_text`.
    public static let textTagSuffix = "/text_summary"

    /// The event file.
    public let url: URL
    /// The longest time a value waits in memory before it is written.
    public let flushInterval: Duration

    private let file: AppendOnlyFile
    private let timer: DispatchSourceTimer

    /// Creates the folder if needed and a new event file in it, and writes the version event.
    ///
    /// - Parameters:
    ///   - directory: the run's folder; TensorBoard shows each folder holding event files as
    ///     one run (`tensorboard --logdir` its parent).
    ///   - flushInterval: the longest time values wait in memory (default one second; more than 0).
    ///   - fileNameSuffix: appended to the file name (PyTorch's `filename_suffix`).
    /// - Throws: ``TensorBoardError/cannotWrite(_:)`` when the folder or file cannot be made,
    ///   ``TensorBoardError/invalidArgument(_:)`` for an interval of 0 or less or a suffix with
    ///   a `/`.
    public init(directory: URL, flushInterval: Duration = .seconds(1), fileNameSuffix: String = "") throws {
        guard flushInterval > .zero else {
            throw TensorBoardError.invalidArgument("the flush interval must be more than 0, got \(flushInterval)")
        }
        guard !fileNameSuffix.contains("/") else {
            throw TensorBoardError.invalidArgument("an event file name suffix cannot contain '/', got '\(fileNameSuffix)'")
        }
        do {
            try FileManager.default.createDirectory(at: directory, withIntermediateDirectories: true)
        } catch {
            throw TensorBoardError.cannotWrite(
                "cannot create the TensorBoard folder \(directory.path): \(Self.obstacle(to: directory) ?? error.localizedDescription)")
        }
        let wallTime = Date().timeIntervalSince1970
        (url, file) = try Self.createFile(in: directory, seconds: wallTime, suffix: fileNameSuffix)
        self.flushInterval = flushInterval

        timer = DispatchSource.makeTimerSource(queue: .global(qos: .utility))
        let nanoseconds = flushInterval.components.seconds * 1_000_000_000
            + flushInterval.components.attoseconds / 1_000_000_000
        let period = DispatchTimeInterval.nanoseconds(Int(clamping: max(nanoseconds, 1)))
        timer.schedule(deadline: .now() + period, repeating: period)
        timer.setEventHandler { [weak file] in file?.flushQuietly() }
        timer.resume()

        try append(.fileVersion(wallTime: wallTime))
        try flush()
    }

    deinit {
        try? close()
    }

    // MARK: - Values

    /// Adds a scalar to the series `tag` (TensorBoard's `simple_value`, a 32-bit float).
    ///
    /// - Parameters:
    ///   - wallTime: seconds since 1970 (default: now).
    /// - Throws: ``TensorBoardError/invalidArgument(_:)`` for an empty tag or a closed writer,
    ///   ``TensorBoardError/cannotWrite(_:)`` when writing failed.
    public func addScalar(_ value: Double, tag: String, step: Int, wallTime: Double? = nil) throws {
        try checkTag(tag)
        try append(Tensorboard_Event(
            wallTime: wallTime ?? Date().timeIntervalSince1970, step: step,
            value: .scalar(Float(value), tag: tag)))
    }

    /// Adds scalars of one step to their series, in one event (what TensorFlow's own summary
    /// writers do; TensorBoard reads each value as if it had its own event). Cheaper than a call
    /// of ``addScalar(_:tag:step:wallTime:)`` per value.
    ///
    /// - Throws: ``TensorBoardError/invalidArgument(_:)`` for an empty tag or a closed writer,
    ///   ``TensorBoardError/cannotWrite(_:)`` when writing failed.
    public func addScalars(_ values: [(tag: String, value: Double)], step: Int, wallTime: Double? = nil) throws {
        guard !values.isEmpty else { return }
        for (tag, _) in values { try checkTag(tag) }
        try append(Tensorboard_Event(
            wallTime: wallTime ?? Date().timeIntervalSince1970, step: step,
            values: values.map { .scalar(Float($0.value), tag: $0.tag) }))
    }

    /// Adds a text (markdown) for TensorBoard's text dashboard, as PyTorch's
    /// `SummaryWriter.add_text` does: under the tag `tag + "/text_summary"`.
    ///
    /// - Throws: ``TensorBoardError/invalidArgument(_:)`` for an empty tag or a closed writer,
    ///   ``TensorBoardError/cannotWrite(_:)`` when writing failed.
    public func addText(_ text: String, tag: String, step: Int, wallTime: Double? = nil) throws {
        try checkTag(tag)
        try append(Tensorboard_Event(
            wallTime: wallTime ?? Date().timeIntervalSince1970, step: step,
            value: .text(text, tag: tag + Self.textTagSuffix)))
    }

    /// Writes the values waiting in memory.
    ///
    /// - Throws: ``TensorBoardError/cannotWrite(_:)`` when writing failed (now or earlier).
    public func flush() throws {
        try file.flush()
    }

    /// Writes the values waiting in memory and closes the file; later values are refused.
    /// Closing again does nothing.
    ///
    /// - Throws: ``TensorBoardError/cannotWrite(_:)`` when writing failed (now or earlier).
    public func close() throws {
        timer.cancel()
        try file.close()
    }

    private func checkTag(_ tag: String) throws {
        guard !tag.isEmpty else { throw TensorBoardError.invalidArgument("a TensorBoard tag cannot be empty") }
    }

    private func append(_ event: Tensorboard_Event) throws {
        var record: [UInt8] = []
        TFRecord.append(try event.serializedBytes() as [UInt8], to: &record)
        try file.append(record, writingAfter: flushInterval)
    }

    // MARK: - The file's name

    /// Numbers the files of this process (PyTorch's `_global_uid`).
    private static let counter = Mutex(0)

    private static func nextNumber() -> Int {
        counter.withLock { number in
            defer { number += 1 }
            return number
        }
    }

    /// Why `directory` cannot be made, in words (Foundation's own message is a bare error
    /// number on Linux): the nearest path on the way that exists is a file, or not writable.
    private static func obstacle(to directory: URL) -> String? {
        var ancestor = directory
        var isDirectory: ObjCBool = false
        while !FileManager.default.fileExists(atPath: ancestor.path, isDirectory: &isDirectory) {
            let parent = ancestor.deletingLastPathComponent()
            if parent.path == ancestor.path { return nil }
            ancestor = parent
        }
        if !isDirectory.boolValue { return "\(ancestor.path) is a file, not a folder" }
        if !FileManager.default.isWritableFile(atPath: ancestor.path) { return "\(ancestor.path) is not writable" }
        return nil
    }

    /// Creates a new event file in `directory`. Two writers of one process opened in the same
    /// second get different numbers; the loop also steps over a file another process left
    /// under the same name.
    private static func createFile(in directory: URL, seconds: Double, suffix: String) throws -> (URL, AppendOnlyFile) {
        for _ in 0..<1_000 {
            let url = directory.appendingPathComponent(fileName(seconds: seconds, number: nextNumber(), suffix: suffix))
            if let file = try AppendOnlyFile(creating: url.path) { return (url, file) }
        }
        throw TensorBoardError.cannotWrite("cannot create an event file in \(directory.path): every name is taken")
    }

    /// `events.out.tfevents.<seconds, 10 digits>.<host>.<process>.<number><suffix>`, as
    /// TensorBoard's `EventFileWriter` names files (its readers look for `tfevents` in the name).
    static func fileName(seconds: Double, number: Int, suffix: String) -> String {
        let digits = String(Int(seconds))
        let padded = String(repeating: "0", count: max(0, 10 - digits.count)) + digits
        return "events.out.tfevents.\(padded).\(hostName).\(ProcessInfo.processInfo.processIdentifier).\(number)\(suffix)"
    }

    /// The machine's name (`gethostname`), with any `/` replaced so it stays one path component.
    static var hostName: String {
        var buffer = [CChar](repeating: 0, count: 256)
        guard gethostname(&buffer, buffer.count - 1) == 0 else { return "localhost" }
        let bytes = buffer.prefix { $0 != 0 }.map { UInt8(bitPattern: $0) }
        let name = String(decoding: bytes, as: UTF8.self).replacingOccurrences(of: "/", with: "_")
        return name.isEmpty ? "localhost" : name
    }

}
