import Foundation

/// An event file read back: every value in it, in the order written.
///
/// The reader checks the framing and both checksums of every record (``TFRecord``) and decodes
/// each as a TensorFlow `Event`. Like TensorBoard's reader it accepts a torn last record (a
/// writer killed mid-write) and reports its size in ``tornBytes``.
///
/// ```swift
/// for url in try EventFile.urls(in: runFolder) {
///     let file = try EventFile(contentsOf: url)
///     for event in file.events { print(event.step, event.content) }
/// }
/// ```
public struct EventFile: Equatable, Sendable {
    /// The values, in the order they were written (the version event first).
    public var events: [TensorBoardEvent]
    /// The bytes of a torn last record (0 for a file closed normally).
    public var tornBytes: Int

    /// Reads the event file at `url`.
    ///
    /// - Throws: ``TensorBoardError/invalidFile(_:)`` when the file cannot be read, a record's
    ///   checksum is wrong, or a record is not an `Event`.
    public init(contentsOf url: URL) throws {
        let bytes: [UInt8]
        do {
            bytes = [UInt8](try Data(contentsOf: url))
        } catch {
            throw TensorBoardError.invalidFile("cannot read the event file \(url.path): \(error.localizedDescription)")
        }
        let contents: TFRecord.Contents
        do {
            contents = try TFRecord.records(in: bytes)
        } catch let error as TensorBoardError {
            throw TensorBoardError.invalidFile("\(url.path): \(error)")
        }
        var events: [TensorBoardEvent] = []
        for (index, record) in contents.records.enumerated() {
            do {
                events += try Tensorboard_Event(serializedBytes: record).events
            } catch {
                throw TensorBoardError.invalidFile("\(url.path): record \(index + 1) is not a TensorBoard event")
            }
        }
        self.events = events
        tornBytes = contents.tornBytes
    }

    /// The scalars of the series `tag`, in order, with their steps.
    public func scalars(tag: String) -> [(step: Int, value: Float)] {
        events.compactMap { event in
            guard case .scalar(tag, let value) = event.content else { return nil }
            return (event.step, value)
        }
    }

    /// The tags of the file's scalars, each once, in the order they first appear.
    public var scalarTags: [String] {
        var seen = Set<String>()
        return events.compactMap { event in
            guard case .scalar(let tag, _) = event.content, seen.insert(tag).inserted else { return nil }
            return tag
        }
    }

    /// The event files in `directory` (names containing `tfevents`, as TensorBoard looks for
    /// them), sorted by name, which orders them by creation time.
    ///
    /// - Throws: ``TensorBoardError/invalidFile(_:)`` when the folder cannot be listed.
    public static func urls(in directory: URL) throws -> [URL] {
        let names: [String]
        do {
            names = try FileManager.default.contentsOfDirectory(atPath: directory.path)
        } catch {
            throw TensorBoardError.invalidFile("cannot list \(directory.path): \(error.localizedDescription)")
        }
        return names.filter { $0.contains("tfevents") }.sorted().map { directory.appendingPathComponent($0) }
    }
}
