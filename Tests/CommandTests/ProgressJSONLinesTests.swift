import Foundation
import Testing

@Suite("rl train --progress-jsonl")
struct ProgressJSONLinesTests {
    /// The JSON objects of `text`'s lines.
    static func objects(_ text: String) throws -> [[String: Any]] {
        try text.split(separator: "\n").map { line in
            try #require(try JSONSerialization.jsonObject(with: Data(line.utf8)) as? [String: Any], "not a JSON object: \(line)")
        }
    }

    @Test("- puts one JSON object per line on standard output, the last marked final, before the --json summary")
    func standardOutput() throws {
        let folder = try TemporaryFolder()
        let arguments = ["train", "random", "cartpole", "--steps", "3000", "--out", "run", "--eval-episodes", "0",
                         "--quiet", "--json", "--progress-jsonl", "-"]
        let result = try RLProcess.run(arguments, in: folder.url)
        #expect(result.status == 0, "\(result.standardError)")
        let lines = try Self.objects(result.standardOutput)
        let summary = try #require(lines.last)
        let progress = lines.dropLast()
        #expect(summary["run_folder"] as? String == "run")
        // A line per tenth of the budget at least (episodes end about every 22 random steps).
        #expect(progress.count >= 10)
        for line in progress {
            #expect(Set(line.keys).isSuperset(of: ["steps", "episodes", "mean_return", "seconds", "steps_per_second"]))
        }
        let steps = progress.compactMap { $0["steps"] as? Int }
        #expect(steps == steps.sorted() && steps.count == progress.count)
        let last = try #require(progress.last)
        #expect(last["final"] as? Bool == true)
        #expect(last["steps"] as? Int == 3000)
        #expect(last["episodes"] as? Int == summary["episodes"] as? Int)
        #expect(last["mean_return"] as? Double == summary["final_mean_return"] as? Double)
        // The last finished episode's return is the last row of metrics.csv.
        let lastRow = try #require(try folder.text("run/metrics.csv").split(separator: "\n").last?.split(separator: ","))
        #expect(last["last_return"] as? Double == Double(lastRow[2]))
    }

    @Test("a file gets a line naming each intermediate checkpoint as it is saved")
    func checkpoints() throws {
        let folder = try TemporaryFolder()
        let arguments = ["train", "random", "cartpole", "--steps", "3000", "--out", "run", "--eval-episodes", "0",
                         "--quiet", "--save-every", "1000", "--progress-jsonl", "progress.jsonl"]
        let result = try RLProcess.run(arguments, in: folder.url)
        #expect(result.status == 0, "\(result.standardError)")
        let lines = try Self.objects(try folder.text("progress.jsonl"))
        let saved = lines.filter { $0["checkpoint"] != nil }
        #expect(saved.compactMap { $0["checkpoint"] as? String } == (1...3).map { "run/checkpoints/checkpoint-\($0 * 1000).safetensors" })
        #expect(saved.compactMap { $0["steps"] as? Int } == [1000, 2000, 3000])
        for line in saved { #expect(folder.exists(line["checkpoint"] as? String ?? "")) }
    }

    @Test("--resume appends to the file, its steps and episodes continuing the first call's")
    func resumeAppends() throws {
        let folder = try TemporaryFolder()
        let common = ["--eval-episodes", "0", "--quiet", "--progress-jsonl", "progress.jsonl"]
        let first = try RLProcess.run(["train", "random", "cartpole", "--steps", "300", "--out", "run"] + common, in: folder.url)
        #expect(first.status == 0, "\(first.standardError)")
        let resumed = try RLProcess.run(["train", "--resume", "run", "--steps", "300"] + common, in: folder.url)
        #expect(resumed.status == 0, "\(resumed.standardError)")
        let lines = try Self.objects(try folder.text("progress.jsonl"))
        let ends = lines.enumerated().filter { $0.element["final"] as? Bool == true }
        #expect(ends.map { $0.element["steps"] as? Int } == [300, 600])
        let steps = lines.compactMap { $0["steps"] as? Int }
        #expect(steps == steps.sorted())
        let rows = try folder.text("run/metrics.csv").split(separator: "\n").count - 1
        #expect(lines.last?["episodes"] as? Int == rows)
    }

    @Test("bad paths are refused in one line before anything is written")
    func refusals() throws {
        let folder = try TemporaryFolder()
        try Data("a file".utf8).write(to: folder.url.appendingPathComponent("blocker"))
        let base = ["train", "random", "cartpole", "--steps", "100", "--out", "run", "--quiet"]
        let unwritable = try RLProcess.run(base + ["--progress-jsonl", "blocker/progress.jsonl"], in: folder.url)
        #expect(unwritable.status == 1)
        #expect(unwritable.errorLines == ["rl: error: cannot write the progress lines to blocker/progress.jsonl"])
        #expect(!folder.exists("run"))
        let empty = try RLProcess.run(base + ["--progress-jsonl", ""], in: folder.url)
        #expect(empty.status == 64 && empty.errorLines == ["rl: error: --progress-jsonl needs a file, or - for standard output"])
        let seeds = try RLProcess.run(["train", "random", "cartpole", "--steps", "100", "--seeds", "0-1", "--progress-jsonl", "p.jsonl"], in: folder.url)
        #expect(seeds.status == 64 && seeds.errorLines == ["rl: error: --progress-jsonl follows one run; it does not apply with --seeds"])
    }
}
