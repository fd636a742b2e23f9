import Foundation
import Testing
@testable import TensorCore

@Suite("Safetensors")
struct SafetensorsTests {
    static let fixture = URL(fileURLWithPath: #filePath)
        .deletingLastPathComponent().deletingLastPathComponent()
        .appendingPathComponent("Fixtures/reference.safetensors")

    /// A fresh empty folder for files a test writes.
    func temporaryFolder() throws -> URL {
        let folder = FileManager.default.temporaryDirectory.appendingPathComponent("safetensors-\(UUID().uuidString)")
        try FileManager.default.createDirectory(at: folder, withIntermediateDirectories: true)
        return folder
    }

    @Test func readsThePythonWrittenFixtureExactly() throws {
        let contents = try Safetensors.load(from: Self.fixture)
        #expect(contents.metadata == ["agent": "dqn", "environment": "CartPole-v1", "note": "fixture"])
        #expect(Set(contents.tensors.keys) == ["layers.0.weight", "layers.0.bias", "scalar"])
        #expect(contents.tensors["layers.0.weight"] == (try Tensor(shape: [3, 4], scalars: (0..<12).map { Float($0) / 8 })))
        #expect(contents.tensors["layers.0.bias"] == Tensor([-1.5, 0, 2.25]))
        #expect(contents.tensors["scalar"] == Tensor(3.5))
        #expect(contents.tensors["scalar"]?.shape == [])
    }

    @Test func writesTheSameBytesAsPython() throws {
        // Metadata first, tensors by name, compact JSON padded with spaces to 8 bytes: the
        // Python package's own output for these tensors, byte for byte.
        let contents = try Safetensors.load(from: Self.fixture)
        let encoded = try Safetensors.encode(contents.tensors, metadata: contents.metadata)
        #expect(encoded == (try Data(contentsOf: Self.fixture)))
    }

    @Test func roundTripsThroughAFile() throws {
        let folder = try temporaryFolder()
        defer { try? FileManager.default.removeItem(at: folder) }
        let url = folder.appendingPathComponent("model.safetensors")
        let tensors: [String: Tensor] = [
            "b": Tensor([1, -2, .infinity]), "a": try Tensor(shape: [2, 0], scalars: []),
            "weird \"name\"\n": Tensor(0.25), "matrix": try Tensor([[1, 2, 3], [4, 5, 6]]),
        ]
        let metadata = ["config": "{\"learningRate\": 0.001}", "environment": "CartPole-v1"]
        try Safetensors.save(tensors, metadata: metadata, to: url)
        let loaded = try Safetensors.load(from: url)
        #expect(loaded == Safetensors.Contents(tensors: tensors, metadata: metadata))
        // Saving again replaces the file and leaves no temporary file behind.
        try Safetensors.save(["only": Tensor([1])], to: url)
        #expect(try Safetensors.load(from: url).tensors.keys.sorted() == ["only"])
        #expect(try FileManager.default.contentsOfDirectory(atPath: folder.path) == ["model.safetensors"])
    }

    @Test func savingIntoAMissingFolderThrowsAndLeavesNothing() throws {
        let folder = try temporaryFolder()
        defer { try? FileManager.default.removeItem(at: folder) }
        let url = folder.appendingPathComponent("missing/model.safetensors")
        #expect(throws: TensorError.self) { try Safetensors.save(["a": Tensor([1])], to: url) }
        #expect(try FileManager.default.contentsOfDirectory(atPath: folder.path).isEmpty)
        #expect(throws: TensorError.self) { try Safetensors.save(["__metadata__": Tensor([1])], to: folder.appendingPathComponent("x")) }
    }

    @Test func missingFileIsAClearError() {
        #expect(throws: TensorError.invalidFile("/nonexistent/model.safetensors does not exist")) {
            try Safetensors.load(from: URL(fileURLWithPath: "/nonexistent/model.safetensors"))
        }
    }

    @Test func everyTruncationIsRejected() throws {
        let bytes = try Data(contentsOf: Self.fixture)
        for length in [0, 4, 7, 8, 20, 100, 287, 288, bytes.count - 1] {
            #expect(throws: TensorError.self, "truncated to \(length) bytes") { try Safetensors.decode(bytes.prefix(length)) }
        }
    }

    /// A file with `header` as its JSON and `dataLength` zero bytes of data.
    func file(header: String, dataLength: Int) -> Data {
        var data = Data()
        withUnsafeBytes(of: UInt64(header.utf8.count).littleEndian) { data.append(contentsOf: $0) }
        data.append(Data(header.utf8))
        data.append(Data(count: dataLength))
        return data
    }

    @Test(arguments: [
        ("{\"a\":{\"dtype\":\"F64\",\"shape\":[2],\"data_offsets\":[0,16]}}", 16, "dtype F64"),
        ("{\"a\":{\"dtype\":\"F32\",\"shape\":[2],\"data_offsets\":[0,12]}}", 12, "needs 8 bytes"),
        ("{\"a\":{\"dtype\":\"F32\",\"shape\":[4],\"data_offsets\":[0,16]}}", 8, "truncated"),
        ("{\"a\":{\"dtype\":\"F32\",\"shape\":[1],\"data_offsets\":[0,4]},\"b\":{\"dtype\":\"F32\",\"shape\":[1],\"data_offsets\":[2,6]}}", 6, "overlaps"),
        ("{\"a\":{\"dtype\":\"F32\",\"shape\":[1],\"data_offsets\":[0,4]},\"b\":{\"dtype\":\"F32\",\"shape\":[1],\"data_offsets\":[0,4]}}", 4, "overlaps"),
        ("{\"a\":{\"dtype\":\"F32\",\"shape\":[1],\"data_offsets\":[4,8]}}", 8, "belong to no tensor"),
        ("{\"a\":{\"dtype\":\"F32\",\"shape\":[1],\"data_offsets\":[0,4]}}", 8, "cover"),
        ("{\"a\":{\"dtype\":\"F32\",\"shape\":[-1],\"data_offsets\":[0,4]}}", 4, "shape"),
        ("{\"a\":{\"dtype\":\"F32\",\"shape\":[1],\"data_offsets\":[4,0]}}", 4, "data_offsets"),
        ("{\"a\":{\"dtype\":\"F32\",\"shape\":[true],\"data_offsets\":[0,4]}}", 4, "shape"),
        ("{\"__metadata__\":{\"x\":1}}", 0, "not a string"),
        ("{\"a\":[1,2]}", 0, "not an object"),
        ("[1,2]", 0, "not a JSON object"),
        ("{not json", 0, "not valid JSON"),
        // Issue 13, item 1: shapes whose size overflows are refused, not a trap.
        ("{\"a\":{\"dtype\":\"F32\",\"shape\":[4611686018427387904],\"data_offsets\":[0,0]}}", 0, "more bytes than a file can hold"),
        ("{\"a\":{\"dtype\":\"F32\",\"shape\":[4611686018427387904],\"data_offsets\":[0,8]}}", 8, "more bytes than a file can hold"),
        ("{\"a\":{\"dtype\":\"F32\",\"shape\":[2305843009213693952],\"data_offsets\":[0,8]}}", 8, "more bytes than a file can hold"),
        ("{\"a\":{\"dtype\":\"F32\",\"shape\":[4294967296,4294967296],\"data_offsets\":[0,8]}}", 8, "more bytes than a file can hold"),
        ("{\"a\":{\"dtype\":\"F32\",\"shape\":[4294967296,4294967296,0],\"data_offsets\":[0,0]}}", 0, "more bytes than a file can hold"),
        ("{\"a\":{\"dtype\":\"F32\",\"shape\":[1],\"data_offsets\":[0,9223372036854775807]}}", 4, "truncated"),
    ])
    func headersThatLieAreRejectedWithAReason(header: String, dataLength: Int, reason: String) {
        do {
            _ = try Safetensors.decode(file(header: header, dataLength: dataLength))
            Issue.record("accepted a bad header: \(header)")
        } catch let error as TensorError {
            #expect("\(error)".contains(reason), "\(error)")
        } catch {
            Issue.record("unexpected error \(error)")
        }
    }

    @Test func headerLengthBeyondTheFileIsRejected() {
        var data = Data()
        withUnsafeBytes(of: UInt64(1 << 40).littleEndian) { data.append(contentsOf: $0) }
        data.append(Data("{}".utf8))
        #expect(throws: TensorError.self) { try Safetensors.decode(data) }
    }

    // MARK: - What a load reads

    @Test func onlyRegularFilesAreRead() throws {
        let folder = try temporaryFolder()
        defer { try? FileManager.default.removeItem(at: folder) }
        // A folder, a pipe and an endless device: refused without reading (a pipe would block).
        let pipe = folder.appendingPathComponent("pipe.safetensors")
        #expect(mkfifo(pipe.path, 0o600) == 0)
        for (path, reason) in [(folder.path, "is a folder"), (pipe.path, "is not a regular file"), ("/dev/zero", "is not a regular file")] {
            #expect(throws: TensorError.invalidFile("\(path) \(reason)")) { try Safetensors.load(from: URL(fileURLWithPath: path)) }
        }
    }
}

/// Atomic writes (issue 13, items 12 and 15): nothing but a regular file is replaced, links are
/// written through, and no temporary file outlives a write.
@Suite("AtomicFile")
struct AtomicFileTests {
    func temporaryFolder() throws -> URL {
        let folder = FileManager.default.temporaryDirectory.appendingPathComponent("atomic-\(UUID().uuidString)")
        try FileManager.default.createDirectory(at: folder, withIntermediateDirectories: true)
        return folder
    }

    @Test func replacesARegularFileKeepingItsPermissions() throws {
        let folder = try temporaryFolder()
        defer { try? FileManager.default.removeItem(at: folder) }
        let file = folder.appendingPathComponent("data.txt")
        try Data("old".utf8).write(to: file)
        #expect(chmod(file.path, 0o640) == 0)
        try AtomicFile.write(Data("new".utf8), to: file)
        #expect(try String(contentsOf: file, encoding: .utf8) == "new")
        let mode = try FileManager.default.attributesOfItem(atPath: file.path)[.posixPermissions] as? Int
        #expect(mode == 0o640)
        #expect(try FileManager.default.contentsOfDirectory(atPath: folder.path) == ["data.txt"])
    }

    @Test func refusesToReplaceAnythingButARegularFile() throws {
        let folder = try temporaryFolder()
        defer { try? FileManager.default.removeItem(at: folder) }
        // A pipe stands for a device such as /dev/full (which a test run as root must not risk).
        let pipe = folder.appendingPathComponent("pipe")
        #expect(mkfifo(pipe.path, 0o600) == 0)
        let subfolder = folder.appendingPathComponent("sub")
        try FileManager.default.createDirectory(at: subfolder, withIntermediateDirectories: false)
        #expect(throws: TensorError.invalidFile("refusing to replace \(pipe.path): it is a pipe, not a regular file")) {
            try AtomicFile.write(Data("x".utf8), to: pipe)
        }
        #expect(throws: TensorError.invalidFile("refusing to replace \(subfolder.path): it is a folder, not a regular file")) {
            try AtomicFile.write(Data("x".utf8), to: subfolder)
        }
        var status = stat()
        #expect(lstat(pipe.path, &status) == 0 && status.st_mode & S_IFMT == S_IFIFO)
        #expect(try FileManager.default.contentsOfDirectory(atPath: folder.path).sorted() == ["pipe", "sub"])
    }

    @Test func writesThroughSymbolicLinks() throws {
        let folder = try temporaryFolder()
        defer { try? FileManager.default.removeItem(at: folder) }
        let target = folder.appendingPathComponent("target.txt")
        try Data("old".utf8).write(to: target)
        let link = folder.appendingPathComponent("link.txt")
        try FileManager.default.createSymbolicLink(atPath: link.path, withDestinationPath: "target.txt")
        try AtomicFile.write(Data("new".utf8), to: link)
        #expect(try String(contentsOf: target, encoding: .utf8) == "new")
        #expect(try FileManager.default.destinationOfSymbolicLink(atPath: link.path) == "target.txt")
        // A link to a missing file creates the file; a loop of links is an error.
        let dangling = folder.appendingPathComponent("dangling.txt")
        try FileManager.default.createSymbolicLink(atPath: dangling.path, withDestinationPath: "created.txt")
        try AtomicFile.write(Data("made".utf8), to: dangling)
        #expect(try String(contentsOf: folder.appendingPathComponent("created.txt"), encoding: .utf8) == "made")
        let loop = folder.appendingPathComponent("loop")
        try FileManager.default.createSymbolicLink(atPath: loop.path, withDestinationPath: "loop")
        #expect(throws: TensorError.self) { try AtomicFile.write(Data("x".utf8), to: loop) }
    }

    @Test func aFailedWriteLeavesNothing() throws {
        let folder = try temporaryFolder()
        defer { try? FileManager.default.removeItem(at: folder) }
        #expect(throws: TensorError.self) { try AtomicFile.write(Data("x".utf8), to: folder.appendingPathComponent("missing/file")) }
        #expect(try FileManager.default.contentsOfDirectory(atPath: folder.path).isEmpty)
    }

    @Test func temporaryFilesOfKilledWritersAreRemovedByTheNextWrite() throws {
        let folder = try temporaryFolder()
        defer { try? FileManager.default.removeItem(at: folder) }
        // A process id that runs no process (above Linux's pid_max of 2^22), the test's own (a
        // write in progress in this process) and another file's.
        let stale = ".model.safetensors.rl-99999999-1.tmp"
        let own = ".model.safetensors.rl-\(getpid())-999.tmp"
        let other = ".other.safetensors.rl-99999999-1.tmp"
        for name in [stale, own, other, "notes.txt"] {
            try Data("partial".utf8).write(to: folder.appendingPathComponent(name))
        }
        try AtomicFile.write(Data("x".utf8), to: folder.appendingPathComponent("model.safetensors"))
        #expect(try FileManager.default.contentsOfDirectory(atPath: folder.path).sorted()
            == [own, other, "model.safetensors", "notes.txt"].sorted())
        #expect(AtomicFile.writerProcess(of: stale, name: "model.safetensors") == 99_999_999)
        #expect(AtomicFile.writerProcess(of: ".model.safetensors.rl-x-1.tmp", name: "model.safetensors") == nil)
    }
}
