import Foundation
import Testing

#if canImport(Glibc)
import Glibc
#elseif canImport(Darwin)
import Darwin
#endif

/// The workflow around runs (issue 17): configuration files, exact resume, many seeds,
/// periodic evaluation, metrics kept by killed runs, progress on a terminal.
@Suite("runs")
struct RunManagementTests {
    /// Every column of a metrics file but the wall-clock `seconds`.
    func figures(_ folder: TemporaryFolder, _ run: String) throws -> [String] {
        try folder.text(run + "/metrics.csv").split(separator: "\n").map {
            $0.split(separator: ",", omittingEmptySubsequences: false).dropLast().joined(separator: ",")
        }
    }

    func run(_ arguments: [String], in folder: TemporaryFolder) throws {
        let result = try RLProcess.run(arguments, in: folder.url)
        #expect(result.status == 0, "rl \(arguments.joined(separator: " ")): \(result.standardError)")
    }

    @Test("N steps, then --resume for N more, leave the same metrics as 2N steps at once", arguments: [
        ["random", "cartpole"],
        ["qtable", "frozenlake"],
        ["esarsa", "cliffwalking"],
        ["qnetwork", "frozenlake"],
        ["dqn", "cartpole", "--learning-starts", "100", "--train-frequency", "50", "--gradient-steps", "4", "--solved-threshold", "none"],
        ["reinforce", "cartpole", "--solved-threshold", "none"],
        ["sac", "pendulum", "--hidden", "16", "--critic-hidden", "16", "--learning-starts", "100", "--batch-size", "32"],
        ["td3", "pendulum", "--hidden", "16", "--critic-hidden", "16", "--learning-starts", "100", "--batch-size", "32"],
        // 4 copies: 300 steps are 75 whole vector steps, stopping mid-rollout. (Constant rates:
        // a schedule over the training reads the budget, which differs between the two runs.)
        ["ppo", "cartpole", "--copies", "4", "--rollout-steps", "16", "--batch-size", "32", "--solved-threshold", "none",
         "--normalize-observations", "--normalize-rewards", "--learning-rate", "0.001", "--clip-range", "0.2"],
        ["a2c", "pendulum", "--copies", "1", "--hidden", "16", "--critic-hidden", "16", "--learning-rate", "0.001"],
    ])
    func resumeIsExact(_ words: [String]) throws {
        let folder = try TemporaryFolder()
        let quiet = ["--quiet", "--eval-episodes", "0"]
        try run(["train"] + words + ["--steps", "600", "--out", "whole"] + quiet, in: folder)
        try run(["train"] + words + ["--steps", "300", "--out", "halves"] + quiet, in: folder)
        try run(["train", "--resume", "halves", "--steps", "300"] + quiet, in: folder)
        #expect(try figures(folder, "whole") == figures(folder, "halves"))
        #expect(try figures(folder, "whole").count > 1)
        // The checkpoint says it can be resumed, and has trained 600 steps.
        let info = try RLProcess.run(["info", folder.path("halves"), "--json"]).json()
        #expect(info["resumable"] as? Bool == true && info["steps"] as? Int == 600)
    }

    @Test("a resumed run's evaluations compete with the ones before it: evaluations.csv equals one run's, best flags included")
    func resumedEvaluationsKeepTheBest() throws {
        let folder = try TemporaryFolder()
        // DQN on CartPole: greedy means move up and down, so later evaluations are often not the best.
        let words = ["train", "dqn", "cartpole", "--hidden", "16,16", "--learning-starts", "200", "--train-frequency", "4",
                     "--gradient-steps", "1", "--seed", "2", "--eval-every", "500", "--eval-episodes", "3", "--quiet"]
        try run(words + ["--steps", "6000", "--out", "whole"], in: folder)
        try run(words + ["--steps", "3000", "--out", "halves"], in: folder)
        try run(["train", "--resume", "halves", "--steps", "3000", "--quiet"], in: folder)
        let whole = try folder.text("whole/evaluations.csv")
        #expect(whole == (try folder.text("halves/evaluations.csv")))
        // The check means something: some evaluation after the first in the second half is not the best.
        let secondHalf = whole.split(separator: "\n").dropFirst(7)
        #expect(secondHalf.contains { $0.hasSuffix(",0") })
    }

    @Test("--resume refuses a spent budget, a folder without a run, and options that would change the run")
    func resumeRefusals() throws {
        let folder = try TemporaryFolder()
        try run(["train", "random", "cartpole", "--steps", "50", "--out", "run", "--quiet", "--eval-episodes", "0"], in: folder)
        for (arguments, message) in [
            (["train", "--resume", "run"], "rl: error: run has spent its budget of 50 steps; give --steps N or --episodes N to train more"),
            (["train", "--resume", "nothing"], "rl: error: nothing holds no run to resume"),
            (["train", "--resume", "run", "--seed", "3"], "rl: error: --resume continues a run as it was"),
            (["train", "--resume", "run", "dqn"], "rl: error: --resume continues the run as its config.yaml says"),
        ] {
            let result = try RLProcess.run(arguments, in: folder.url)
            #expect(result.status != 0 && result.errorLines.count == 1)
            #expect(result.errorLines.first?.hasPrefix(message) == true, "\(result.standardError)")
        }
    }

    @Test("config.yaml repeats a run metric for metric; options on the command line override it; bad keys name their line")
    func configurationFiles() throws {
        let folder = try TemporaryFolder()
        try run(["train", "dqn", "cartpole", "--steps", "400", "--learning-starts", "100", "--train-frequency", "50",
                 "--hidden", "16,16", "--seed", "4", "--out", "first", "--quiet", "--eval-episodes", "0"], in: folder)
        let yaml = try folder.text("first/config.yaml")
        #expect(yaml.contains("agent: dqn") && yaml.contains("seed: 4") && yaml.contains("hidden: 16,16") && yaml.contains("double-dqn: true"))
        try run(["train", "--config", "first/config.yaml", "--out", "again", "--quiet", "--eval-episodes", "0"], in: folder)
        #expect(try figures(folder, "first") == figures(folder, "again"))
        try run(["train", "--config", "first/config.yaml", "--seed", "5", "--out", "other", "--quiet", "--eval-episodes", "0"], in: folder)
        #expect(try figures(folder, "first") != figures(folder, "other"))
        #expect(try folder.text("other/config.yaml").contains("seed: 5"))

        // JSON is read too.
        try #"{"agent": "random", "environment": "cartpole", "steps": 30, "seed": 1}"#
            .write(toFile: folder.path("run.json"), atomically: true, encoding: .utf8)
        try run(["train", "--config", "run.json", "--out", "json", "--quiet", "--eval-episodes", "0"], in: folder)

        for (text, message) in [
            ("agent: dqn\nenvironment: cartpole\nlearning-rate: 0.1\n", "rl: error: bad.yaml line 3: unknown key 'learning-rate'"),
            ("agent: dqn\nenvironment: cartpole\nhyperparameters:\n  batch-size: 0\n", "rl: error: bad.yaml line 4: --batch-size must be a whole number from 1 to 1048576, got 0"),
            ("agent: dqn\nenvironment: cartpole\nhyperparameters:\n  lr: 0.1\n", "rl: error: bad.yaml line 4: dqn has no option --lr; did you mean --learning-rate?"),
            ("agent: dqn\nsteps: many\n", "rl: error: bad.yaml line 2: steps must be a whole number ≥ 1, got many"),
            ("environment: cartpole\n", "rl: error: bad.yaml line 1: the key 'agent' is missing"),
            ("agent: [dqn\n", "rl: error: bad.yaml: not valid YAML or JSON"),
        ] {
            try text.write(toFile: folder.path("bad.yaml"), atomically: true, encoding: .utf8)
            let result = try RLProcess.run(["train", "--config", "bad.yaml", "--quiet"], in: folder.url)
            #expect(result.status == 64 && result.errorLines.count == 1, "\(result.standardError)")
            #expect(result.errorLines.first?.hasPrefix(message) == true, "\(result.standardError)")
        }
    }

    @Test("--seeds runs each seed as a run of its own, in parallel, and prints the table with mean, median and IQM")
    func manySeeds() throws {
        let folder = try TemporaryFolder()
        let result = try RLProcess.run(
            ["train", "qtable", "frozenlake", "--no-slippery", "--episodes", "300", "--seeds", "0-3", "--jobs", "2",
             "--eval-episodes", "10", "--out", "sweep", "--json"], in: folder.url)
        #expect(result.status == 0, "\(result.standardError)")
        let json = try result.json()
        let runs = try #require(json["runs"] as? [[String: Any]])
        #expect(runs.compactMap { $0["seed"] as? Int }.sorted() == [0, 1, 2, 3])
        let evaluation = try #require(json["evaluation"] as? [String: Any])
        #expect(evaluation["seeds"] as? Int == 4 && evaluation["iqm"] is Double && evaluation["median"] is Double)
        #expect(try folder.contents("sweep") == ["seed-0", "seed-1", "seed-2", "seed-3"])
        // The same seed as a run of its own gives the same figures.
        try run(["train", "qtable", "frozenlake", "--no-slippery", "--episodes", "300", "--seed", "2", "--out", "alone",
                 "--quiet", "--eval-episodes", "0"], in: folder)
        #expect(try figures(folder, "alone") == figures(folder, "sweep/seed-2"))

        let text = try RLProcess.run(
            ["train", "random", "cartpole", "--episodes", "5", "--seeds", "0,7", "--eval-episodes", "3", "--out", "table"],
            in: folder.url)
        #expect(text.status == 0)
        #expect(text.standardOutput.contains("SEED") && text.standardOutput.contains("IQM"))
    }

    @Test("periodic evaluation writes evaluations.csv and best.safetensors; --save-every keeps checkpoints; --out refuses a run without --force")
    func evaluationsAndSafety() throws {
        let folder = try TemporaryFolder()
        let arguments = ["train", "qtable", "frozenlake", "--no-slippery", "--episodes", "400", "--eval-every", "500",
                         "--eval-episodes", "5", "--save-every", "1000", "--out", "run", "--quiet"]
        try run(arguments, in: folder)
        #expect(try folder.contents("run") == ["best.safetensors", "checkpoint.safetensors", "checkpoints", "config.yaml",
                                               "evaluations.csv", "metrics.csv"])
        let rows = try folder.text("run/evaluations.csv").split(separator: "\n")
        #expect(rows.first == "steps,episodes,mean_return,std_return,mean_length,success_rate,best")
        #expect(rows.count >= 3 && rows.dropFirst().allSatisfy { $0.split(separator: ",").count == 7 })
        #expect(try folder.contents("run/checkpoints").first == "checkpoint-1000.safetensors")

        let again = try RLProcess.run(arguments, in: folder.url)
        #expect(again.status == 64 && again.errorLines == ["rl: error: run already holds a run; give another --out, --force to replace it, or --resume run to continue it"])
        try run(arguments + ["--force"], in: folder)
    }

    @Test("a killed run keeps the metrics of the episodes it finished")
    func killedRunKeepsMetrics() throws {
        let folder = try TemporaryFolder()
        let running = try RLProcess.start(
            ["train", "qtable", "frozenlake", "--episodes", "5000000", "--out", "run"], in: folder.url)
        #expect(running.wait(upTo: 30) { running.standardErrorSoFar.contains("%") })
        sleep(2)
        kill(running.process.processIdentifier, SIGKILL)
        _ = try running.finish(within: 30)
        let lines = try folder.text("run/metrics.csv").split(separator: "\n", omittingEmptySubsequences: false)
        #expect(lines.first == "episode,steps,return,length,epsilon,seconds")
        #expect(lines.count > 100)
        // Whole rows only (a row is written at once), numbered from 1.
        let rows = lines.dropFirst().filter { !$0.isEmpty }
        #expect(rows.allSatisfy { $0.split(separator: ",", omittingEmptySubsequences: false).count == 6 })
        #expect(rows.first?.hasPrefix("1,") == true)
    }

    @Test("Ctrl-C while the checkpoint is written does not cut it short: each press says so, the save finishes, exit 130")
    func interruptWhileSaving() throws {
        let folder = try TemporaryFolder()
        // A 2048-2048 network: its 67 MB checkpoint takes seconds to write in a debug build, time
        // for two more presses. Learning starts after the budget, so training steps stay cheap.
        let running = try RLProcess.start(
            ["train", "dqn", "cartpole", "--hidden", "2048,2048", "--learning-starts", "1000000", "--steps", "1000000",
             "--eval-episodes", "0", "--out", "run", "--json"], in: folder.url)
        let process = running.process.processIdentifier
        #expect(running.wait(upTo: 60) { running.standardErrorSoFar.contains("training dqn") })
        usleep(300_000)
        kill(process, SIGINT)
        // "saving…" is written once the save has begun, where Ctrl-C no longer ends the process.
        #expect(running.wait(upTo: 60) { running.standardErrorSoFar.split(separator: "\n").contains("saving…") })
        kill(process, SIGINT)
        usleep(50_000)
        kill(process, SIGTERM)
        let result = try running.finish(within: 120)
        #expect(running.process.terminationReason == .exit, "ended by a signal: \(result.standardError)")
        #expect(result.status == 130)
        let note = "still saving… (Ctrl-C is ignored until the checkpoint is written)"
        #expect(result.errorLines.filter { $0 == note }.count == 2, "\(result.standardError)")
        #expect(result.errorLines.last?.hasPrefix("interrupted: training stopped after") == true)
        let steps = try #require(try result.json()["steps"] as? Int)
        let info = try RLProcess.run(["info", folder.path("run"), "--json"]).json()
        #expect(info["steps"] as? Int == steps && info["resumable"] as? Bool == true)
    }

    @Test("on a terminal the progress line fits 80 columns; colour only without NO_COLOR")
    func progressOnATerminal() throws {
        guard FileManager.default.isExecutableFile(atPath: "/usr/bin/script") else { return }
        let folder = try TemporaryFolder()
        func capture(_ environment: [String: String], _ out: String) throws -> String {
            let process = Process()
            process.executableURL = URL(fileURLWithPath: "/usr/bin/script")
            let command = "stty cols 80; '\(RLProcess.executable.path)' train qtable frozenlake --episodes 20000 --out \(out) --eval-episodes 0"
            process.arguments = ["-q", "-c", command, "/dev/null"]
            process.currentDirectoryURL = folder.url
            var values = ProcessInfo.processInfo.environment
            values.removeValue(forKey: "NO_COLOR")
            for (key, value) in environment { values[key] = value }
            values["TERM"] = values["TERM"] ?? "xterm"
            process.environment = values
            let pipe = Pipe()
            process.standardOutput = pipe
            try process.run()
            let data = pipe.fileHandleForReading.readDataToEndOfFile()
            process.waitUntilExit()
            return String(decoding: data, as: UTF8.self)
        }
        let colored = try capture([:], "a")
        let redraws = colored.replacingOccurrences(of: "\n", with: "\r").split(separator: "\r").map {
            $0.replacingOccurrences(of: #"\x1B\[[0-9;]*[A-Za-z]"#, with: "", options: .regularExpression)
        }
        #expect(redraws.contains { $0.contains("%  steps") })
        #expect(redraws.allSatisfy { $0.count <= 80 })
        #expect(colored.contains("\u{1B}[1m"))
        let plain = try capture(["NO_COLOR": "1"], "b")
        #expect(!plain.contains("\u{1B}[1m") && plain.contains("%  steps"))
        let dumb = try capture(["TERM": "dumb"], "c")
        #expect(!dumb.contains("\u{1B}[1m"))
    }
}
