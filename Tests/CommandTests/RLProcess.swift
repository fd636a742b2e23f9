import Foundation
import Testing

#if canImport(Glibc)
import Glibc
#elseif canImport(Darwin)
import Darwin
#endif

/// Runs the built `rl` executable, as a person or a script would, and captures what it does.
///
/// The executable is looked for, in order: at `$RL_BINARY`; next to the test bundle (where
/// `swift test` puts every product of the package, whatever `--scratch-path` says); in the
/// package's `.build/debug`. Standard output and error go to files rather than pipes, so a
/// chatty process can never block on a full pipe. The process gets no display (`DISPLAY` and
/// `WAYLAND_DISPLAY` are removed), so it never opens a window.
struct RLProcess {
    /// What a finished run did.
    struct Result {
        /// The exit code (or 128 + the signal's number when a signal ended it).
        var status: Int32
        var standardOutput: String
        var standardError: String

        /// Standard error's non-empty lines.
        var errorLines: [String] {
            standardError.split(whereSeparator: \.isNewline).map(String.init).filter { !$0.isEmpty }
        }

        /// Standard output parsed as one JSON object.
        func json() throws -> [String: Any] {
            let object = try JSONSerialization.jsonObject(with: Data(standardOutput.utf8))
            return try #require(object as? [String: Any], "standard output is not a JSON object: \(standardOutput)")
        }
    }

    /// The `rl` executable.
    static let executable: URL = {
        var candidates: [URL] = []
        if let path = ProcessInfo.processInfo.environment["RL_BINARY"] { candidates.append(URL(fileURLWithPath: path)) }
        // The test runner (Linux: the .xctest executable itself; macOS: inside the .xctest bundle).
        let runner = URL(fileURLWithPath: CommandLine.arguments[0]).resolvingSymlinksInPath()
        candidates.append(runner.deletingLastPathComponent().appendingPathComponent("rl"))
        for bundle in Bundle.allBundles where bundle.bundlePath.hasSuffix(".xctest") {
            candidates.append(bundle.bundleURL.deletingLastPathComponent().appendingPathComponent("rl"))
        }
        let packageRoot = URL(fileURLWithPath: #filePath).deletingLastPathComponent().deletingLastPathComponent()
            .deletingLastPathComponent()
        candidates.append(packageRoot.appendingPathComponent(".build/debug/rl"))
        guard let found = candidates.first(where: { FileManager.default.isExecutableFile(atPath: $0.path) }) else {
            fatalError("cannot find the rl executable; looked at \(candidates.map(\.path)); set RL_BINARY")
        }
        return found
    }()

    /// A started process, for tests that act on it while it runs (Ctrl-C).
    final class Running {
        let process: Process
        let outputFile: URL
        let errorFile: URL

        init(process: Process, outputFile: URL, errorFile: URL) {
            self.process = process
            self.outputFile = outputFile
            self.errorFile = errorFile
        }

        /// What the process has written to standard error so far.
        var standardErrorSoFar: String {
            (try? String(contentsOf: errorFile, encoding: .utf8)) ?? ""
        }

        /// What the process has written to standard output so far.
        var standardOutputSoFar: String {
            (try? String(contentsOf: outputFile, encoding: .utf8)) ?? ""
        }

        /// Waits up to `seconds` for `condition`, checking every 20 ms.
        func wait(upTo seconds: Double, until condition: () -> Bool) -> Bool {
            let deadline = Date().addingTimeInterval(seconds)
            while Date() < deadline {
                if condition() { return true }
                usleep(20_000)
            }
            return condition()
        }

        /// Waits for the process to end (killing it after `seconds`) and collects the result.
        func finish(within seconds: Double = 120) throws -> Result {
            if !wait(upTo: seconds, until: { !process.isRunning }) {
                // SIGKILL: a process that ignores or blocks other signals must not hang the tests.
                kill(process.processIdentifier, SIGKILL)
                Issue.record("rl did not finish within \(seconds) s")
            }
            process.waitUntilExit()
            let status = process.terminationReason == .uncaughtSignal ? 128 + process.terminationStatus : process.terminationStatus
            defer {
                try? FileManager.default.removeItem(at: outputFile)
                try? FileManager.default.removeItem(at: errorFile)
            }
            return Result(
                status: status,
                standardOutput: try String(contentsOf: outputFile, encoding: .utf8),
                standardError: try String(contentsOf: errorFile, encoding: .utf8))
        }
    }

    /// Starts `rl` with `arguments` in `directory`, with `input` as standard input (none: an
    /// empty input; `terminal`, the slave side of a pseudo-terminal, wins over both) and the
    /// test's environment changed by `environment` (a `nil` value removes the variable).
    static func start(
        _ arguments: [String], input: String? = nil, terminal: FileHandle? = nil, in directory: URL? = nil,
        environment changes: [String: String?] = [:]
    ) throws -> Running {
        let scratch = FileManager.default.temporaryDirectory
        let id = UUID().uuidString
        let outputFile = scratch.appendingPathComponent("rl-\(id).out")
        let errorFile = scratch.appendingPathComponent("rl-\(id).err")
        _ = FileManager.default.createFile(atPath: outputFile.path, contents: nil)
        _ = FileManager.default.createFile(atPath: errorFile.path, contents: nil)

        let process = Process()
        process.executableURL = executable
        process.arguments = arguments
        if let directory { process.currentDirectoryURL = directory }
        // No display: `rl watch` and `rl play` show text (and `--render sdl` fails) whether or not
        // the tests run under X, so their output is the same everywhere and no window opens.
        var environment = ProcessInfo.processInfo.environment
        environment["DISPLAY"] = nil
        environment["WAYLAND_DISPLAY"] = nil
        for (name, value) in changes { environment[name] = value }
        process.environment = environment
        process.standardOutput = try FileHandle(forWritingTo: outputFile)
        process.standardError = try FileHandle(forWritingTo: errorFile)
        if let terminal {
            process.standardInput = terminal
        } else if let input {
            let inputFile = scratch.appendingPathComponent("rl-\(id).in")
            try Data(input.utf8).write(to: inputFile)
            process.standardInput = try FileHandle(forReadingFrom: inputFile)
        } else {
            process.standardInput = FileHandle.nullDevice
        }
        try process.run()
        return Running(process: process, outputFile: outputFile, errorFile: errorFile)
    }

    /// Runs `rl` to the end.
    static func run(
        _ arguments: [String], input: String? = nil, in directory: URL? = nil, environment: [String: String?] = [:]
    ) throws -> Result {
        try start(arguments, input: input, in: directory, environment: environment).finish()
    }
}

/// Checks the shape every failure must have: exactly one line on standard error, `rl: error: `
/// and `message` at its start, the exit code, nothing on standard output, no usage block.
func expectOneLineError(_ result: RLProcess.Result, _ status: Int32, _ message: String,
                        sourceLocation: SourceLocation = #_sourceLocation) throws {
    #expect(result.status == status, "exit code", sourceLocation: sourceLocation)
    #expect(result.errorLines.count == 1, "\(result.standardError)", sourceLocation: sourceLocation)
    let line = try #require(result.errorLines.first, sourceLocation: sourceLocation)
    #expect(line.hasPrefix("rl: error: " + message), "\(line)", sourceLocation: sourceLocation)
    #expect(result.standardOutput.isEmpty, "\(result.standardOutput)", sourceLocation: sourceLocation)
    #expect(!result.standardError.contains("Usage") && !result.standardError.contains("USAGE"), sourceLocation: sourceLocation)
}
