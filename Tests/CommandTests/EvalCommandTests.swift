import Foundation
import Testing

@Suite("rl eval")
struct EvalCommandTests {
    @Test("evaluates a checkpoint in its own environment and matches the evaluation training printed")
    func matchesTraining() throws {
        let folder = try TemporaryFolder()
        let trained = try RLProcess.run(
            ["train", "qtable", "frozenlake", "--episodes", "3000", "--seed", "2", "--eval-episodes", "50", "--json", "--quiet", "--out", "run"],
            in: folder.url)
        #expect(trained.status == 0, "\(trained.standardError)")
        let trainingEvaluation = try #require(try trained.json()["evaluation"] as? [String: Any])

        // The default seed is the training seed, so the figures are the same.
        let result = try RLProcess.run(["eval", folder.path("run/checkpoint.safetensors"), "--episodes", "50", "--json"])
        #expect(result.status == 0, "\(result.standardError)")
        let json = try result.json()
        #expect(json["agent"] as? String == "qtable")
        #expect(json["environment"] as? String == "FrozenLake-v1")
        #expect(json["seed"] as? Int == 2)
        #expect(json["episodes"] as? Int == 50)
        for key in ["mean_return", "std_return", "mean_length", "success_rate"] {
            #expect((json[key] as? Double) != nil, "missing \(key)")
            #expect(json[key] as? Double == trainingEvaluation[key] as? Double, "\(key) differs")
        }
    }

    @Test("takes a run folder, an episode count and a seed; prints the figures as text")
    func options() throws {
        let folder = try TemporaryFolder()
        let run = try TrainedRuns.qTable(in: folder)
        let result = try RLProcess.run(["eval", run, "--episodes", "7", "--seed", "5"])
        #expect(result.status == 0)
        let text = result.standardOutput
        #expect(text.hasPrefix("Greedy evaluation of qtable on FrozenLake-v1 (slippery=false), 7 episodes, seed 5"))
        #expect(text.contains("\n  mean return    1.000 ± 0.000\n"))
        #expect(text.contains("\n  mean length    6.0\n"))
        #expect(text.contains("\n  success rate   100.0%\n"))
    }

    @Test("a run on a map file is evaluated from any folder")
    func mapFileRun() throws {
        let folder = try TemporaryFolder()
        try "SFH\nFFF\nHFG\n".write(toFile: folder.path("lake.txt"), atomically: true, encoding: .utf8)
        let trained = try RLProcess.run(
            ["train", "qtable", "frozenlake", "--map", "lake.txt", "--no-slippery", "--preset", "dummy", "--episodes", "200",
             "--eval-episodes", "0", "--quiet", "--out", "run"], in: folder.url)
        #expect(trained.status == 0, "\(trained.standardError)")
        let elsewhere = try TemporaryFolder()
        let result = try RLProcess.run(["eval", folder.path("run"), "--episodes", "5", "--json"], in: elsewhere.url)
        #expect(result.status == 0, "\(result.standardError)")
        let json = try result.json()
        let options = try #require(json["environment_options"] as? [String: String])
        // The checkpoint keeps the map's text, not the file's path (issue 13).
        #expect(options["map"] == "SFH\nFFF\nHFG\n")
        // Four steps from S to G on the 3x3 lake.
        #expect(json["mean_length"] as? Double == 4)
        #expect(json["success_rate"] as? Double == 1)
    }

    @Test("a task without a goal has no success rate: null in JSON, absent in text")
    func noSuccessRate() throws {
        let folder = try TemporaryFolder()
        let trained = try RLProcess.run(["train", "random", "cartpole", "--episodes", "2", "--eval-episodes", "0", "--quiet", "--out", "run"], in: folder.url)
        #expect(trained.status == 0)
        let json = try RLProcess.run(["eval", folder.path("run"), "--episodes", "3", "--json"]).json()
        #expect(json["success_rate"] is NSNull)
        let text = try RLProcess.run(["eval", folder.path("run"), "--episodes", "3"]).standardOutput
        #expect(!text.contains("success rate"))
    }
}
