import Foundation
import RL
import Testing

#if canImport(Glibc)
import Glibc
#elseif canImport(Darwin)
import Darwin
#endif

@Suite("rl train")
struct TrainCommandTests {
    @Test("writes the checkpoint and one metrics row per episode, and reports a greedy evaluation as JSON")
    func qTableRun() throws {
        let folder = try TemporaryFolder()
        let result = try RLProcess.run(TrainedRuns.qTableArguments(out: "run") + ["--json"], in: folder.url)
        #expect(result.status == 0, "\(result.standardError)")

        let json = try result.json()
        #expect(json["agent"] as? String == "qtable")
        #expect(json["environment"] as? String == "FrozenLake-v1")
        #expect(json["environment_options"] as? [String: String] == ["slippery": "false"])
        #expect(json["seed"] as? Int == 0)
        #expect(json["episodes"] as? Int == 300)
        #expect(json["stopped"] as? String == "budget")
        let steps = try #require(json["steps"] as? Int)
        #expect(steps >= 300 * 6)
        #expect((json["seconds"] as? Double).map { $0 > 0 } == true)
        #expect(json["training_success_rate"] is Double)
        let evaluation = try #require(json["evaluation"] as? [String: Any])
        #expect(evaluation["episodes"] as? Int == 20)
        // The dummy rule learns the deterministic lake: the greedy path is the shortest, 6 steps.
        #expect(evaluation["success_rate"] as? Double == 1)
        #expect(evaluation["mean_return"] as? Double == 1)
        #expect(evaluation["mean_length"] as? Double == 6)
        #expect(evaluation["std_return"] as? Double == 0)
        let hyperparameters = try #require(json["hyperparameters"] as? [String: String])
        #expect(hyperparameters["learning-rate"] == "1" && hyperparameters["discount"] == "1" && hyperparameters["exploration"] == "none")
        #expect(json["checkpoint"] as? String == "run/checkpoint.safetensors")
        #expect(json["metrics"] as? String == "run/metrics.csv")

        #expect(try folder.contents("run") == ["checkpoint.safetensors", "config.yaml", "metrics.csv"])
        let rows = try folder.text("run/metrics.csv").split(separator: "\n")
        // The Q-table's metric is ε (empty here: the dummy rule does not explore).
        #expect(rows.first == "episode,steps,return,length,epsilon,seconds")
        #expect(rows.count == 301)
        #expect(rows.last?.hasPrefix("300,\(steps),") == true)
    }

    @Test("a neural agent's metrics carry ε and the loss; summary text names the files")
    func tinyDQNRun() throws {
        let folder = try TemporaryFolder()
        let result = try RLProcess.run(TrainedRuns.tinyDQNArguments + ["--out", "dqn", "--quiet"], in: folder.url)
        #expect(result.status == 0, "\(result.standardError)")
        #expect(result.standardError.isEmpty)
        let summary = result.standardOutput
        #expect(summary.contains("Trained dqn on CartPole-v1, seed 0"))
        #expect(summary.contains("Greedy evaluation, 2 episodes, seed 0"))
        #expect(summary.contains("dqn/checkpoint.safetensors") && summary.contains("dqn/metrics.csv"))

        let rows = try folder.text("dqn/metrics.csv").split(separator: "\n").dropFirst().map { $0.split(separator: ",", omittingEmptySubsequences: false) }
        #expect(!rows.isEmpty)
        // ε is recorded every episode; the loss once updates have started (after 100 steps).
        #expect(rows.allSatisfy { Double($0[4]) != nil })
        #expect(rows.contains { Double($0[5]) != nil })
        #expect(rows.last.map { Int($0[1])! <= 300 } == true)
    }

    @Test("every agent trains from the command line, aliases included", arguments: [
        ["random", "frozenlake", "--episodes", "20"],
        ["qnetwork", "frozenlake", "--episodes", "20"],
        ["pg", "cartpole", "--episodes", "5"],
        ["qtable", "cliffwalking", "--episodes", "20"],
    ])
    func everyAgent(arguments: [String]) throws {
        let folder = try TemporaryFolder()
        let result = try RLProcess.run(["train"] + arguments + ["--eval-episodes", "1", "--json", "--quiet", "--out", "run"], in: folder.url)
        #expect(result.status == 0, "\(result.standardError)")
        let json = try result.json()
        let expected = arguments[0] == "pg" ? "reinforce" : arguments[0]
        #expect(json["agent"] as? String == expected)
        #expect(json["episodes"] as? Int == Int(arguments[3]))
        #expect(folder.exists("run/checkpoint.safetensors"))
    }

    @Test("without --out, a new folder under runs/ named for agent, environment and seed")
    func defaultRunFolder() throws {
        let folder = try TemporaryFolder()
        let arguments = ["train", "random", "cartpole", "--episodes", "3", "--seed", "7", "--eval-episodes", "1", "--quiet"]
        let first = try RLProcess.run(arguments, in: folder.url)
        let second = try RLProcess.run(arguments, in: folder.url)
        #expect(first.status == 0 && second.status == 0)
        let runs = try folder.contents("runs")
        #expect(runs.count == 2)
        for run in runs {
            #expect(run.hasPrefix("random-CartPole-v1-seed7-"))
            #expect(try folder.contents("runs/" + run) == ["checkpoint.safetensors", "config.yaml", "metrics.csv"])
        }
    }

    @Test("the same seed gives the same run, metric for metric")
    func reproducible() throws {
        let folder = try TemporaryFolder()
        for name in ["a", "b"] {
            let result = try RLProcess.run(
                ["train", "qnetwork", "frozenlake", "--episodes", "40", "--seed", "3", "--eval-episodes", "1", "--quiet", "--out", name],
                in: folder.url)
            #expect(result.status == 0)
        }
        // Everything but the wall-clock column.
        func figures(_ name: String) throws -> [String] {
            try folder.text(name + "/metrics.csv").split(separator: "\n").map { $0.split(separator: ",", omittingEmptySubsequences: false).dropLast().joined(separator: ",") }
        }
        #expect(try figures("a") == figures("b"))
        #expect(try figures("a").count == 41)
    }

    @Test("progress: plain lines on a pipe, nothing with --quiet")
    func progressLines() throws {
        let folder = try TemporaryFolder()
        let loud = try RLProcess.run(["train", "qtable", "frozenlake", "--episodes", "200", "--eval-episodes", "1", "--out", "a"], in: folder.url)
        #expect(loud.status == 0)
        let lines = loud.errorLines
        #expect(lines.first?.hasPrefix("training qtable on FrozenLake-v1 for 200 episodes, seed 0") == true)
        let progress = lines.dropFirst()
        // One line per tenth of the budget, the last at 100%, then the final save.
        let figures = progress.filter { $0.hasSuffix("%") || $0.contains("% ") }
        #expect(figures.count >= 10)
        #expect(figures.allSatisfy { $0.contains("/s") && $0.contains("return ") && $0.contains("ε ") && $0.contains("steps ") })
        #expect(figures.last?.hasPrefix("100%") == true)
        #expect(progress.last == "saving…")
        // No carriage returns or escape codes when standard error is not a terminal.
        #expect(!loud.standardError.contains("\r") && !loud.standardError.contains("\u{1B}"))

        let quiet = try RLProcess.run(["train", "qtable", "frozenlake", "--episodes", "200", "--eval-episodes", "1", "--quiet", "--out", "b"], in: folder.url)
        #expect(quiet.status == 0)
        #expect(quiet.standardError.isEmpty)
    }

    @Test("--dry-run shows the recommended configuration with the options applied, and writes nothing")
    func dryRun() throws {
        let folder = try TemporaryFolder()
        let result = try RLProcess.run(["train", "dqn", "cartpole", "--dry-run", "--batch-size", "32", "--no-double-dqn", "--epsilon", "linear:1,0.1,500"], in: folder.url)
        #expect(result.status == 0, "\(result.standardError)")
        let lines = result.standardOutput.split(separator: "\n").map { $0.trimmingCharacters(in: .whitespaces) }
        #expect(lines.first?.hasPrefix("dqn on CartPole-v1, writing to runs/dqn-CartPole-v1-seed0-") == true)
        // Given options, and the recommended ones for CartPole (its solved check).
        for expected in ["--batch-size 32", "--no-double-dqn", "--epsilon linear:1,0.1,500", "--solved-threshold 490",
                         "--hidden 64,64", "--learning-rate 0.0023", "--seed 0", "--steps 100000"] {
            #expect(lines.contains(expected), "missing \(expected)")
        }
        #expect(try folder.contents().isEmpty)

        let preset = try RLProcess.run(["train", "qtable", "frozenlake", "--dry-run", "--preset", "exploration", "--exploration", "noise"])
        let presetLines = preset.standardOutput.split(separator: "\n").map { $0.trimmingCharacters(in: .whitespaces) }
        for expected in ["--episodes 2000", "--learning-rate 1", "--discount 0.99", "--exploration noise", "--noise-scale 1"] {
            #expect(presetLines.contains(expected), "missing \(expected)")
        }
    }

    @Test("the help shows the run's options and points to `rl list AGENT` for the agent's")
    func helpShowsOptions() throws {
        let help = try RLProcess.run(["train", "--help"]).standardOutput
        // Help wraps lines; compare with white space folded.
        let folded = help.split(whereSeparator: \.isWhitespace).joined(separator: " ")
        for expected in ["`rl list AGENT` lists them", "--NAME VALUE", "--map <map>", "--slippery/--no-slippery",
                         "--max-episode-steps <steps>", "--seed <seed>", "--episodes <n>", "--steps <n>", "--out <dir>",
                         "--eval-episodes <n>", "--json", "--quiet", "random, qtable, expected-sarsa or esarsa, qnetwork, dqn, reinforce or pg, sac, td3"] {
            #expect(folded.contains(expected), "missing \(expected)")
        }
    }

    @Test("rl list AGENT shows every hyperparameter the agent declares, with its default, values and meaning")
    func listAgent() throws {
        for entry in AgentCatalog.standard.entries {
            let result = try RLProcess.run(["list", entry.name])
            #expect(result.status == 0)
            #expect(result.standardOutput.hasPrefix(entry.name))
            for parameter in entry.hyperparameters {
                let option = parameter.isFlag ? "--\(parameter.name)/--no-\(parameter.name)" : "--\(parameter.name) \(parameter.valueName)"
                let line = result.standardOutput.split(separator: "\n").first { $0.hasPrefix("  " + option + " ") }
                #expect(line != nil, "\(entry.name): no line for \(option)")
                if let line, let value = parameter.defaultValue { #expect(line.contains(value)) }
            }
        }
        let dqn = try RLProcess.run(["list", "dqn"]).standardOutput
        #expect(dqn.contains("--batch-size n") && dqn.contains("64") && dqn.contains("transitions per minibatch"))
        #expect(dqn.contains("--double-dqn/--no-double-dqn") && dqn.contains("fits      any observations, Discrete actions"))
    }

    @Test("--dry-run prints the resolved values of every hyperparameter, and a run repeats from them")
    func dryRunResolves() throws {
        let result = try RLProcess.run([
            "train", "dqn", "cartpole", "--dry-run", "--learning-rate", "lin_0.001", "--hidden", "32,32", "--no-double-dqn",
            "--batch-size=32", "--out", "x"])
        #expect(result.status == 0, "\(result.standardError)")
        let lines = result.standardOutput.split(separator: "\n").map { $0.trimmingCharacters(in: .whitespaces) }
        for expected in ["--seed 0", "--steps 100000", "--hidden 32,32", "--learning-rate progress:0.001,0", "--batch-size 32",
                         "--no-double-dqn", "--solved-threshold 490", "--gradient-steps 128"] {
            #expect(lines.contains(expected), "missing \(expected)")
        }
    }

    @Test("Ctrl-C stops training at the next step, saves the checkpoint and metrics, and exits 130")
    func interrupt() throws {
        let folder = try TemporaryFolder()
        // A budget of about a minute in a debug build, so the run ends even if Ctrl-C failed.
        let budget = 1_000_000
        let running = try RLProcess.start(
            ["train", "qtable", "frozenlake", "--episodes", "\(budget)", "--out", "run", "--json"], in: folder.url)
        // The first line comes once the Ctrl-C handler is in place.
        #expect(running.wait(upTo: 30) { running.standardErrorSoFar.contains("training qtable") })
        usleep(300_000)
        kill(running.process.processIdentifier, SIGINT)
        let result = try running.finish(within: 120)
        #expect(result.status == 130)
        #expect(result.errorLines.last?.hasPrefix("interrupted: training stopped after") == true)
        let json = try result.json()
        #expect(json["stopped"] as? String == "interrupted")
        #expect(json["evaluation"] is NSNull)
        let episodes = try #require(json["episodes"] as? Int)
        #expect(episodes > 0 && episodes < budget)
        #expect(try folder.contents("run") == ["checkpoint.safetensors", "config.yaml", "metrics.csv"])
        #expect(try folder.text("run/metrics.csv").split(separator: "\n").count == episodes + 1)
        #expect(result.errorLines.contains { $0.hasPrefix("stopping… saving") })

        // The interrupted run's checkpoint is a valid one.
        let evaluation = try RLProcess.run(["eval", folder.path("run"), "--episodes", "3"])
        #expect(evaluation.status == 0, "\(evaluation.standardError)")
    }
}
