import Foundation
import Testing
import RLTensorBoard

@Suite("Event files")
struct EventFileWriterTests {
    @Test("a written file reads back: the version first, then every value with its step and wall time")
    func roundTrip() throws {
        let folder = try temporaryFolder()
        defer { try? FileManager.default.removeItem(at: folder) }
        let writer = try EventFileWriter(directory: folder.appendingPathComponent("run"))
        try writer.addText("|param|value|\n|-|-|\n|seed|3|", tag: "hyperparameters", step: 0, wallTime: 100)
        for step in 1...50 {
            try writer.addScalar(Double(step) * 0.5, tag: "charts/episodic_return", step: step * 10, wallTime: 100 + Double(step))
        }
        try writer.addScalar(.pi, tag: "losses/td_loss", step: 512, wallTime: 200)
        try writer.addScalars([("losses/td_loss", 1.5), ("charts/learning_rate", 0.001)], step: 768, wallTime: 300)
        try writer.close()

        let file = try EventFile(contentsOf: writer.url)
        #expect(file.tornBytes == 0)
        #expect(file.events.count == 55)
        #expect(file.events.first?.content == .fileVersion("brain.Event:2"))
        #expect(file.events.first?.step == 0)
        #expect(file.events[1] == TensorBoardEvent(
            wallTime: 100, step: 0, content: .text(tag: "hyperparameters/text_summary", text: "|param|value|\n|-|-|\n|seed|3|")))
        #expect(file.scalars(tag: "charts/episodic_return").map(\.step) == (1...50).map { $0 * 10 })
        #expect(file.scalars(tag: "charts/episodic_return").map(\.value) == (1...50).map { Float($0) * 0.5 })
        #expect(file.events[52] == TensorBoardEvent(wallTime: 200, step: 512, content: .scalar(tag: "losses/td_loss", value: Float(Double.pi))))
        // Values added together share one event, and read back one by one.
        #expect(file.events.suffix(2) == [
            TensorBoardEvent(wallTime: 300, step: 768, content: .scalar(tag: "losses/td_loss", value: 1.5)),
            TensorBoardEvent(wallTime: 300, step: 768, content: .scalar(tag: "charts/learning_rate", value: 0.001)),
        ])
        #expect(file.scalarTags == ["charts/episodic_return", "losses/td_loss", "charts/learning_rate"])
    }

    @Test("the file has TensorBoard's name and is the only one in its folder")
    func fileName() throws {
        let folder = try temporaryFolder()
        defer { try? FileManager.default.removeItem(at: folder) }
        let before = Int(Date().timeIntervalSince1970)
        let writer = try EventFileWriter(directory: folder, fileNameSuffix: ".rl")
        try writer.close()
        let parts = writer.url.lastPathComponent.split(separator: ".", omittingEmptySubsequences: false)
        #expect(parts.count >= 8)
        #expect(parts.prefix(3) == ["events", "out", "tfevents"])
        #expect(parts[3].count == 10 && (Int(parts[3]) ?? 0) >= before)
        #expect(parts[parts.count - 3] == "\(ProcessInfo.processInfo.processIdentifier)")
        #expect(parts.last == "rl")
        #expect(try EventFile.urls(in: folder) == [writer.url])
    }

    @Test("two writers on one folder in the same second write two files")
    func twoWriters() throws {
        let folder = try temporaryFolder()
        defer { try? FileManager.default.removeItem(at: folder) }
        let first = try EventFileWriter(directory: folder)
        let second = try EventFileWriter(directory: folder)
        try first.addScalar(1, tag: "a", step: 1)
        try second.addScalar(2, tag: "a", step: 1)
        try first.close()
        try second.close()
        #expect(first.url != second.url)
        #expect(try EventFile.urls(in: folder).count == 2)
        #expect(try EventFile(contentsOf: second.url).scalars(tag: "a").map(\.value) == [2])
    }

    @Test("values reach the disk within the flush interval, without flush or close")
    func timedFlush() async throws {
        let folder = try temporaryFolder()
        defer { try? FileManager.default.removeItem(at: folder) }
        let writer = try EventFileWriter(directory: folder, flushInterval: .milliseconds(50))
        try writer.addScalar(7, tag: "charts/SPS", step: 100)
        // The background timer writes it; wait for it (generously: the machine may be busy).
        var seen: [Float] = []
        for _ in 0..<200 where seen.isEmpty {
            try await Task.sleep(for: .milliseconds(25))
            seen = try EventFile(contentsOf: writer.url).scalars(tag: "charts/SPS").map(\.value)
        }
        #expect(seen == [7])
        try writer.close()
    }

    @Test("a file cut anywhere inside its last record still reads, without that record")
    func killedWriter() throws {
        let folder = try temporaryFolder()
        defer { try? FileManager.default.removeItem(at: folder) }
        let writer = try EventFileWriter(directory: folder)
        try writer.addScalar(1, tag: "x", step: 1)
        try writer.flush()
        let kept = try Data(contentsOf: writer.url).count
        try writer.addScalar(2, tag: "x", step: 2)
        try writer.close()
        let whole = try Data(contentsOf: writer.url)
        for end in [kept + 1, kept + 12, whole.count - 1] {
            let cut = folder.appendingPathComponent("cut.tfevents")
            try whole.prefix(end).write(to: cut)
            let file = try EventFile(contentsOf: cut)
            #expect(file.scalars(tag: "x").map(\.value) == [1])
            #expect(file.tornBytes == end - kept)
        }
    }

    @Test("bad input is a clear error")
    func errors() throws {
        let folder = try temporaryFolder()
        defer { try? FileManager.default.removeItem(at: folder) }
        let blocker = folder.appendingPathComponent("a-file")
        try Data("not a folder".utf8).write(to: blocker)
        #expect {
            try EventFileWriter(directory: blocker.appendingPathComponent("run"))
        } throws: { error in
            guard case TensorBoardError.cannotWrite(let message) = error else { return false }
            return message == "cannot create the TensorBoard folder \(blocker.path)/run: \(blocker.path) is a file, not a folder"
        }
        #expect(throws: TensorBoardError.invalidArgument("the flush interval must be more than 0, got 0.0 seconds")) {
            try EventFileWriter(directory: folder, flushInterval: .zero)
        }
        let writer = try EventFileWriter(directory: folder)
        #expect(throws: TensorBoardError.invalidArgument("a TensorBoard tag cannot be empty")) {
            try writer.addScalar(1, tag: "", step: 0)
        }
        try writer.close()
        try writer.close()
        #expect(throws: TensorBoardError.invalidArgument("the event file \(writer.url.path) is closed")) {
            try writer.addScalar(1, tag: "late", step: 0)
        }
        let garbage = folder.appendingPathComponent("garbage.tfevents")
        try Data(repeating: 0x41, count: 40).write(to: garbage)
        #expect(throws: TensorBoardError.invalidFile("\(garbage.path): the length of the record at byte 0 does not match its checksum")) {
            try EventFile(contentsOf: garbage)
        }
    }
}

/// A fresh folder for files a test writes.
func temporaryFolder() throws -> URL {
    let folder = FileManager.default.temporaryDirectory.appendingPathComponent("tensorboard-tests-\(UUID().uuidString)")
    try FileManager.default.createDirectory(at: folder, withIntermediateDirectories: true)
    return folder
}
