import Foundation
import RL
import Testing

#if canImport(Glibc)
import Glibc
#elseif canImport(Darwin)
import Darwin
#endif

/// Issue 13, through the built `rl`: every reproduction of the attack on version 1 — crafted
/// checkpoints, extreme options, hostile maps and output paths, kills during saves — ends with
/// one clear line and the documented exit code, or does the right thing.
@Suite("hostile input")
struct HostileInputTests {
    // MARK: - Checkpoints (items 2, 3, 9)

    /// A trained Q-table run's checkpoint rewritten with `change` applied to its contents, at
    /// `name` in `folder`.
    static func damagedCheckpoint(in folder: TemporaryFolder, named name: String,
                                  _ change: (inout Safetensors.Contents) throws -> Void) throws -> String {
        let run = try TrainedRuns.qTable(in: folder, named: "source-\(name)")
        var contents = try Safetensors.load(from: URL(fileURLWithPath: run + "/checkpoint.safetensors"))
        try change(&contents)
        try Safetensors.save(contents.tensors, metadata: contents.metadata, to: folder.url.appendingPathComponent(name))
        return folder.path(name)
    }

    @Test("a checkpoint whose layout holds -1, 0, 2^40 or 2^61 x 8 (item 2)", arguments: ["-1", "0", "1099511627776", "18446744073709551616"])
    func layouts(size: String) throws {
        let folder = try TemporaryFolder()
        let path = try Self.damagedCheckpoint(in: folder, named: "layout.safetensors") { contents in
            contents.metadata["layout"] = contents.metadata["layout"]?.replacingOccurrences(
                of: #""observationSize":\d+"#, with: "\"observationSize\":\(size)", options: .regularExpression)
        }
        for command in ["eval", "watch"] {
            try expectOneLineError(try RLProcess.run([command, path]), 1, "\(path) is not a swift-rl checkpoint: its 'layout' metadata is damaged: ")
        }
    }

    @Test("a 20 KB checkpoint asking for hidden layers of 100,000, or for more than its tensors hold (item 3)")
    func hugeNetworks() throws {
        let folder = try TemporaryFolder()
        let run = folder.path("dqn")
        let trained = try RLProcess.run(TrainedRuns.tinyDQNArguments + ["--out", run, "--quiet"])
        try #require(trained.status == 0, "\(trained.standardError)")
        var contents = try Safetensors.load(from: URL(fileURLWithPath: run + "/checkpoint.safetensors"))
        for (widths, message) in [("100000", "the checkpoint's dqn configuration is out of range: hidden layer widths must be at most 65536, got 100000"),
                                  ("8192,8192", "the checkpoint cannot be used: its configuration asks for the network 4-8192-8192-2 of 67174402 values (269 MB) but its tensors hold only 114")] {
            let configuration = try #require(contents.metadata["configuration"])
            contents.metadata["configuration"] = configuration.replacingOccurrences(
                of: #""hiddenLayers":\[[0-9,]*\]"#, with: "\"hiddenLayers\":[\(widths)]", options: .regularExpression)
            try Safetensors.save(contents.tensors, metadata: contents.metadata, to: URL(fileURLWithPath: run + "/checkpoint.safetensors"))
            try expectOneLineError(try RLProcess.run(["eval", run]), 1, message)
        }
    }

    @Test("a checkpoint with damaged environment_options is refused, not evaluated on the default environment (item 9)")
    func damagedEnvironmentOptions() throws {
        let folder = try TemporaryFolder()
        let path = try Self.damagedCheckpoint(in: folder, named: "options.safetensors") { contents in
            contents.metadata["environment_options"] = "{\"slippery\":\"false\""
        }
        try expectOneLineError(try RLProcess.run(["eval", path]), 1,
                               "\(path) is not a swift-rl checkpoint: its 'environment_options' metadata is damaged: it is not valid JSON")
    }

    @Test("a checkpoint configuration out of range is the file's fault: exit 1, not 64")
    func configurationOutOfRange() throws {
        let folder = try TemporaryFolder()
        let path = try Self.damagedCheckpoint(in: folder, named: "discount.safetensors") { contents in
            contents.metadata["configuration"] = contents.metadata["configuration"]?.replacingOccurrences(
                of: #""discount":[0-9.]+"#, with: "\"discount\":7", options: .regularExpression)
        }
        let result = try RLProcess.run(["eval", path])
        try expectOneLineError(result, 1, "the checkpoint's qtable configuration is out of range: discount must be in [0, 1], got 7")
        #expect(!result.standardError.contains("DecodingError") && !result.standardError.contains("Debug description"))
    }

    // MARK: - Options (items 4, 13 and the learning rate)

    @Test("extreme network and batch options are refused before anything is allocated (item 4)", arguments: [
        (["--hidden", "100000,100000"], "hidden layer widths must be at most 65536, got 100000"),
        (["--hidden", "4611686018427387904"], "hidden layer widths must be at most 65536, got 4611686018427387904"),
        (["--hidden", "16384,16384"], "the network 4-16384-16384-2 would have 268566530 parameters (1.07 GB as Float); at most 268435456 are allowed"),
        (["--batch-size", "1000000000"], "--batch-size must be a whole number from 1 to 1048576, got 1000000000"),
        (["--batch-size", "1048576", "--hidden", "65536"],
         "training 4-65536-2 at batch 1048576 would take about 1.65 TB of memory; at most 8.00 GB is allowed"),
        (["--learning-rate", "1e308"], "--learning-rate takes numbers up to 3.4e38 in size (the largest 32-bit float), got 1e308"),
    ])
    func extremeOptions(options: [String], message: String) throws {
        let folder = try TemporaryFolder()
        let result = try RLProcess.run(["train", "dqn", "cartpole"] + options + ["--dry-run"], in: folder.url)
        try expectOneLineError(result, 64, message)
        #expect(try folder.contents().isEmpty)
    }

    @Test("--out '' is refused instead of writing the run into the current folder (item 13)")
    func emptyOut() throws {
        let folder = try TemporaryFolder()
        let result = try RLProcess.run(["train", "random", "frozenlake", "--episodes", "1", "--out", ""], in: folder.url)
        try expectOneLineError(result, 64, "--out needs a folder, got an empty path")
        #expect(try folder.contents().isEmpty)
    }

    // MARK: - Plots (items 5, 15)

    @Test("returns of 1e18 plot with exponent labels instead of trapping (item 5)")
    func hugeRewards() throws {
        let folder = try TemporaryFolder()
        let trained = try RLProcess.run(["train", "qtable", "frozenlake", "--reward-schedule", "1e18,1e18,1e18", "--episodes", "100",
                                         "--eval-episodes", "0", "--out", "h", "--quiet"], in: folder.url)
        #expect(trained.status == 0, "\(trained.standardError)")
        let plot = try RLProcess.run(["plot", "h", "-o", "h.svg"], in: folder.url)
        #expect(plot.status == 0, "\(plot.standardError)")
        let svg = try SVGDocument(contentsOf: folder.url.appendingPathComponent("h.svg"))
        #expect(svg.texts.contains("1e+19"), "\(svg.texts)")
        // A flat series of 1e18 (adding 1 to it changes nothing), and values no axis can span.
        try "episode,steps,return\n1,5,1e18\n2,10,1e18\n".write(toFile: folder.path("flat.csv"), atomically: true, encoding: .utf8)
        #expect(try RLProcess.run(["plot", "flat.csv", "-o", "flat.svg"], in: folder.url).status == 0)
        try "episode,steps,return\n1,5,1e308\n2,10,-1e308\n".write(toFile: folder.path("wide.csv"), atomically: true, encoding: .utf8)
        try expectOneLineError(try RLProcess.run(["plot", "wide.csv", "-o", "wide.svg"], in: folder.url), 1,
                               "wide.csv line 2: 'return' is 1e+308, beyond the ±1e300 a plot can span")
    }

    @Test("-o never replaces a device, a pipe or an input, and writes through links (item 15)")
    func plotOutputs() throws {
        let folder = try TemporaryFolder()
        let run = try TrainedRuns.qTable(in: folder)
        // A pipe stands for a device such as /dev/full, which this test must not risk replacing as root.
        #expect(mkfifo(folder.path("pipe.svg"), 0o600) == 0)
        try expectOneLineError(try RLProcess.run(["plot", run, "-o", folder.path("pipe.svg")]), 1,
                               "refusing to replace \(folder.path("pipe.svg")): it is a pipe, not a regular file")
        // An input's own name is refused for not ending in .svg; through a link, for being an input.
        try expectOneLineError(try RLProcess.run(["plot", run, "-o", run + "/metrics.csv"]), 64,
                               "rl plot writes SVG; name the output file .svg (got \(run)/metrics.csv)")
        try FileManager.default.createSymbolicLink(atPath: folder.path("data-link.svg"), withDestinationPath: run + "/metrics.csv")
        try expectOneLineError(try RLProcess.run(["plot", run, "-o", folder.path("data-link.svg")]), 64,
                               "refusing to write the plot over \(run)/metrics.csv, which it reads; give another -o")
        try FileManager.default.createSymbolicLink(atPath: folder.path("checkpoint-link.svg"), withDestinationPath: run + "/checkpoint.safetensors")
        try expectOneLineError(try RLProcess.run(["plot", run, "-o", folder.path("checkpoint-link.svg")]), 64, "refusing to write the plot over")
        #expect(try folder.text("run/metrics.csv").hasPrefix("episode,"))
        // A link to an ordinary file is written through: the link stays, its target is the plot.
        try "old".write(toFile: folder.path("target.svg"), atomically: true, encoding: .utf8)
        try FileManager.default.createSymbolicLink(atPath: folder.path("link.svg"), withDestinationPath: "target.svg")
        #expect(try RLProcess.run(["plot", run, "-o", folder.path("link.svg")]).status == 0)
        #expect(try folder.text("target.svg").contains("<svg"))
        #expect(try FileManager.default.destinationOfSymbolicLink(atPath: folder.path("link.svg")) == "target.svg")
    }

    // MARK: - Frame rates, endless episodes, Ctrl-C (items 6, 10, 11)

    @Test("rl watch --fps 0 on an episode that never ends stops at 100,000 steps (item 11)")
    func endlessWatch() throws {
        let result = try RLProcess.run(["watch", "dqn", "cliffwalking", "--render", "ansi", "--fps", "0", "--episodes", "1"])
        #expect(result.status == 0, "\(result.standardError)")
        #expect(result.standardOutput.contains("step 100000  return -10000000  — cut after 100,000 steps"))
    }

    @Test("Ctrl-C stops an episode that never ends within seconds (item 10)")
    func interruptEndlessEpisode() throws {
        let folder = try TemporaryFolder()
        let running = try RLProcess.start(
            ["train", "dqn", "cliffwalking", "--epsilon", "0", "--learning-starts", "100000000", "--steps", "100000000",
             "--out", "run"], in: folder.url)
        #expect(running.wait(upTo: 30) { running.standardErrorSoFar.contains("training dqn") })
        usleep(500_000)
        kill(running.process.processIdentifier, SIGINT)
        let stopped = Date()
        #expect(running.wait(upTo: 10) { !running.process.isRunning }, "rl did not stop within 10 s of Ctrl-C")
        let result = try running.finish(within: 60)
        #expect(Date().timeIntervalSince(stopped) < 10)
        #expect(result.status == 130)
        #expect(result.errorLines.last?.hasPrefix("interrupted: training stopped after") == true)
        #expect(try folder.contents("run").contains("checkpoint.safetensors"))
    }

    // MARK: - Maps (items 7, 8 and the smaller ones)

    @Test("a 100 x 100 map of starts is checked at once, and a map over 1,000 a side is refused (items 7, 8)")
    func largeMaps() throws {
        let folder = try TemporaryFolder()
        let starts = (Array(repeating: String(repeating: "S", count: 100), count: 99) + [String(repeating: "S", count: 99) + "G"])
        try starts.joined(separator: "\n").write(toFile: folder.path("starts.txt"), atomically: true, encoding: .utf8)
        let dryRun = try RLProcess.run(["train", "qtable", "frozenlake", "--map", "starts.txt", "--dry-run"], in: folder.url)
        #expect(dryRun.status == 0, "\(dryRun.standardError)")
        try Array(repeating: "F", count: 1_001).joined(separator: "\n").write(toFile: folder.path("tall.txt"), atomically: true, encoding: .utf8)
        try expectOneLineError(try RLProcess.run(["train", "qtable", "frozenlake", "--map", "tall.txt"], in: folder.url), 1,
                               "map file 'tall.txt': the map has 1001 rows; at most 1000 are allowed")
    }

    @Test("unreadable map files exit 1; a NUL tile is named, not echoed")
    func unreadableMaps() throws {
        let folder = try TemporaryFolder()
        try FileManager.default.createDirectory(atPath: folder.path("maps"), withIntermediateDirectories: false)
        try Data([0x53, 0x46, 0xFF, 0x47]).write(to: folder.url.appendingPathComponent("binary.txt"))
        try "SF\u{0}G\n".write(toFile: folder.path("nul.txt"), atomically: true, encoding: .utf8)
        for (map, message) in [("maps", "cannot read the map file 'maps': it is a folder"),
                               ("/dev/zero", "cannot read the map file '/dev/zero': it is a device"),
                               ("binary.txt", "cannot read the map file 'binary.txt': it is not UTF-8 text"),
                               ("nul.txt", "map file 'nul.txt' line 1: unknown tile U+0000 in column 3; tiles are S (start), F (frozen), H (hole), G (goal)")] {
            let result = try RLProcess.run(["train", "qtable", "frozenlake", "--map", map], in: folder.url)
            try expectOneLineError(result, 1, message)
            #expect(!result.standardError.contains("\u{0}"))
        }
    }

    @Test("a run keeps its map's text: editing or deleting the map file changes nothing for rl eval")
    func mapTextInTheCheckpoint() throws {
        let folder = try TemporaryFolder()
        try "SFF\nFHF\nFFG\n".write(toFile: folder.path("lake.txt"), atomically: true, encoding: .utf8)
        let trained = try RLProcess.run(["train", "qtable", "frozenlake", "--map", "lake.txt", "--no-slippery", "--episodes", "300",
                                         "--eval-episodes", "10", "--out", "run", "--json", "--quiet"], in: folder.url)
        try #require(trained.status == 0, "\(trained.standardError)")
        let options = try #require(try trained.json()["environment_options"] as? [String: String])
        #expect(options["map"] == "SFF\nFHF\nFFG\n")
        try "SHG\n".write(toFile: folder.path("lake.txt"), atomically: true, encoding: .utf8)
        let edited = try RLProcess.run(["eval", "run", "--episodes", "10", "--json"], in: folder.url)
        try FileManager.default.removeItem(atPath: folder.path("lake.txt"))
        let deleted = try RLProcess.run(["eval", "run", "--episodes", "10", "--json"], in: folder.url)
        for result in [edited, deleted] {
            #expect(result.status == 0, "\(result.standardError)")
            #expect(try result.json()["success_rate"] as? Double == 1)
        }
        // config.yaml keeps the text too, so `rl train --config` repeats the run without the file.
        #expect(try folder.text("run/config.yaml").contains(#"map: "SFF\nFHF\nFFG\n""#))
        let repeated = try RLProcess.run(["train", "--config", "run/config.yaml", "--out", "again", "--json", "--quiet"], in: folder.url)
        #expect(repeated.status == 0, "\(repeated.standardError)")
        #expect(try repeated.json()["episodes"] as? Int == 300)
    }

    // MARK: - Saves (item 12 and the smaller ones)

    @Test("saves killed with SIGKILL leave loadable checkpoints; their temporary files go at the next start (item 12)")
    func killedSaves() throws {
        let folder = try TemporaryFolder()
        // Saves as often as possible: an intermediate checkpoint (with its replay buffer) every 20 steps.
        let arguments = TrainedRuns.tinyDQNArguments.map { $0 == "300" ? "3000" : $0 } + ["--save-every", "20", "--out", "run", "--quiet"]
        var generator = SystemRandomNumberGenerator()
        for round in 0..<3 {
            // The last round's intermediate checkpoints go first, so that the wait below sees
            // this round's (--force would remove them only once the process runs).
            try? FileManager.default.removeItem(atPath: folder.path("run/checkpoints"))
            let running = try RLProcess.start(arguments + (round > 0 ? ["--force"] : []), in: folder.url)
            #expect(running.wait(upTo: 30) { (try? folder.contents("run/checkpoints").count) ?? 0 > 2 })
            usleep(UInt32.random(in: 0..<200_000, using: &generator))
            kill(running.process.processIdentifier, SIGKILL)
            _ = try running.finish(within: 30)
            // Whatever the moment, every checkpoint under its real name is whole.
            for name in (try? folder.contents("run/checkpoints")) ?? [] where name.hasSuffix(".safetensors") && !name.hasPrefix(".") {
                #expect(throws: Never.self, "\(name)") { _ = try Checkpoint.load(from: folder.url.appendingPathComponent("run/checkpoints/\(name)")) }
            }
        }
        // Temporary files of writers that were killed, as a kill in the middle of a save leaves them.
        for name in [".checkpoint.safetensors.rl-99999999-1.tmp", ".config.yaml.rl-99999999-2.tmp"] {
            try "partial".write(toFile: folder.path("run/\(name)"), atomically: false, encoding: .utf8)
        }
        let complete = try RLProcess.run(arguments + ["--force"], in: folder.url)
        #expect(complete.status == 0, "\(complete.standardError)")
        let leftovers = try (folder.contents("run") + folder.contents("run/checkpoints")).filter { $0.hasSuffix(".tmp") }
        #expect(leftovers.isEmpty, "\(leftovers)")
        #expect(try RLProcess.run(["eval", folder.path("run"), "--episodes", "2"]).status == 0)
    }

    @Test("a run killed after its last save wrote rows its checkpoint lacks: --resume drops them rather than repeat them (item 12)")
    func resumeAfterAKill() throws {
        let folder = try TemporaryFolder()
        let run = try TrainedRuns.qTable(in: folder)
        // What a kill after the checkpoint leaves: rows of later episodes, the last one torn.
        let saved = try folder.text("run/metrics.csv")
        try (saved + "301,2000,1,6,0,1.5\n302,2006,1,6,0,1.6\n303,20").write(toFile: run + "/metrics.csv", atomically: false, encoding: .utf8)
        let resumed = try RLProcess.run(["train", "--resume", run, "--episodes", "5", "--quiet"])
        #expect(resumed.status == 0, "\(resumed.standardError)")
        let episodes = try folder.text("run/metrics.csv").split(separator: "\n").dropFirst().map { Int($0.split(separator: ",")[0]) }
        #expect(episodes == (1...305).map { $0 })
    }

    @Test("a save that fails says why in one line and keeps the metrics; nothing is left half-written")
    func failedSave() throws {
        let folder = try TemporaryFolder()
        try FileManager.default.createDirectory(atPath: folder.path("run"), withIntermediateDirectories: false)
        // The checkpoint's name leads into a folder that does not exist: the save fails.
        try FileManager.default.createSymbolicLink(atPath: folder.path("run/checkpoint.safetensors"), withDestinationPath: "missing/checkpoint.safetensors")
        let result = try RLProcess.run(["train", "qtable", "frozenlake", "--episodes", "50", "--out", "run", "--quiet"], in: folder.url)
        #expect(result.status == 1)
        #expect(result.errorLines == ["rl: error: cannot save the checkpoint: cannot write \(folder.path("run"))/checkpoint.safetensors: No such file or directory"])
        #expect(try folder.contents("run") == ["checkpoint.safetensors", "config.yaml", "metrics.csv"])
        #expect(try folder.text("run/metrics.csv").split(separator: "\n").count == 51)
    }

    @Test("a folder that cannot be made is reported in the system's words, not Foundation's error numbers")
    func unmakeableFolder() throws {
        let result = try RLProcess.run(["train", "random", "frozenlake", "--episodes", "1", "--out", "/proc/rl-test-run"])
        #expect(result.status == 1)
        #expect(result.errorLines.count == 1 && !result.standardError.contains("NSCocoaErrorDomain"), "\(result.standardError)")
    }

    @Test("results that cannot be written to standard output or errors end with exit 1, not 0 or a trap")
    func unwritableStandardStreams() throws {
        let full = try FileHandle(forWritingTo: URL(fileURLWithPath: "/dev/full"))
        let process = Process()
        process.executableURL = RLProcess.executable
        process.arguments = ["list"]
        process.standardOutput = full
        let errors = Pipe()
        process.standardError = errors
        try process.run()
        process.waitUntilExit()
        #expect(process.terminationStatus == 1)
        #expect(String(decoding: errors.fileHandleForReading.readDataToEndOfFile(), as: UTF8.self)
            == "rl: error: cannot write to standard output: No space left on device\n")
        // An error line that cannot be written: the exit code still says what happened.
        let failing = Process()
        failing.executableURL = RLProcess.executable
        failing.arguments = ["train", "dqn", "cartpol"]
        failing.standardError = full
        failing.standardOutput = FileHandle.nullDevice
        try failing.run()
        failing.waitUntilExit()
        #expect(failing.terminationReason == .exit && failing.terminationStatus == 64)
    }

    // MARK: - The README's claims (items 14, 16)

    @Test("the README's first command works as root without sudo, and no claim of reproducibility goes beyond the truth")
    func readme() throws {
        let root = URL(fileURLWithPath: #filePath).deletingLastPathComponent().deletingLastPathComponent().deletingLastPathComponent()
        let readme = try String(contentsOf: root.appendingPathComponent("README.md"), encoding: .utf8)
        let quickStart = try #require(readme.components(separatedBy: "<!-- section: quick-start").dropFirst().first?
            .components(separatedBy: "<!-- end: quick-start -->").first)
        let block = try #require(quickStart.components(separatedBy: "```sh\n").dropFirst().first?.components(separatedBy: "```").first)
        let firstCommand = try #require(block.split(separator: "\n").first.map(String.init))
        // A fresh Debian machine or container run as root has no sudo: every apt-get goes
        // through `$(command -v sudo)`, which is empty there.
        let aptGets = firstCommand.components(separatedBy: "apt-get").count - 1
        #expect(aptGets == 2)
        #expect(firstCommand.components(separatedBy: "$(command -v sudo) apt-get").count - 1 == aptGets, "\(firstCommand)")
        #expect(!firstCommand.contains("sudo apt-get") || firstCommand.contains("$(command -v sudo) apt-get"))
        // A seed gives the same run on one machine; across machines only with the same OpenBLAS kernel.
        #expect(!readme.contains("on any machine"))
    }
}
