import Foundation
import RLTensorBoard
import Testing

@Suite("rl train --tensorboard")
struct TensorBoardOptionTests {
    @Test("writes one event file in DIR/<run name>: every episode of metrics.csv, and the hyperparameters")
    func writesEvents() throws {
        let folder = try TemporaryFolder()
        let result = try RLProcess.run(TrainedRuns.qTableArguments(out: "run") + ["--quiet", "--tensorboard", "tb"], in: folder.url)
        #expect(result.status == 0, "\(result.standardError)")
        let files = try EventFile.urls(in: folder.url.appendingPathComponent("tb/run"))
        #expect(files.count == 1)
        let events = try EventFile(contentsOf: try #require(files.first))

        // metrics.csv: episode,steps,return,length,…; TensorBoard has the same episodes.
        let rows = try folder.text("run/metrics.csv").split(separator: "\n").dropFirst()
            .map { $0.split(separator: ",", omittingEmptySubsequences: false).map(String.init) }
        #expect(rows.count == 300)
        #expect(events.scalars(tag: "charts/episodic_return").map(\.step) == rows.map { Int($0[1]) ?? -1 })
        #expect(events.scalars(tag: "charts/episodic_return").map(\.value) == rows.map { Float($0[2]) ?? .nan })
        #expect(events.scalars(tag: "charts/episodic_length").map(\.value) == rows.map { Float($0[3]) ?? .nan })

        let table = events.events.compactMap { event -> String? in
            guard case .text("hyperparameters/text_summary", let text) = event.content else { return nil }
            return text
        }
        #expect(table.count == 1)
        let lines = table.first?.split(separator: "\n").map(String.init) ?? []
        #expect(lines.prefix(6) == [
            "|param|value|", "|-|-|", "|agent|qtable|", "|environment|FrozenLake-v1 (slippery=false)|", "|seed|0|",
            "|episodes|300|",
        ])
        #expect(lines.contains("|learning-rate|1|"))
    }

    @Test("the run name is the default run folder's name")
    func defaultRunName() throws {
        let folder = try TemporaryFolder()
        let arguments = ["train", "random", "frozenlake", "--episodes", "5", "--eval-episodes", "0", "--quiet", "--tensorboard", "tb"]
        let result = try RLProcess.run(arguments, in: folder.url)
        #expect(result.status == 0, "\(result.standardError)")
        let runs = try folder.contents("runs")
        #expect(runs.count == 1 && runs.first?.hasPrefix("random-FrozenLake-v1-seed0-") == true)
        #expect(try folder.contents("tb") == runs)
    }

    @Test("a folder that cannot be made is one line and exit 1, before training writes anything")
    func unwritable() throws {
        let folder = try TemporaryFolder()
        try Data("a file".utf8).write(to: folder.url.appendingPathComponent("blocker"))
        let result = try RLProcess.run(TrainedRuns.qTableArguments(out: "run") + ["--tensorboard", "blocker/tb"], in: folder.url)
        #expect(result.status == 1)
        #expect(result.errorLines == [
            "rl: error: cannot create the TensorBoard folder \(folder.path("blocker/tb/run")): \(folder.path("blocker")) is a file, not a folder",
        ])
        #expect(!folder.exists("run"))

        let empty = try RLProcess.run(TrainedRuns.qTableArguments(out: "run") + ["--tensorboard", ""], in: folder.url)
        #expect(empty.status == 64)
        #expect(empty.errorLines == ["rl: error: --tensorboard needs a folder"])
    }

    @Test("--resume adds a second event file to the same run, its steps continuing the first's")
    func resumeContinues() throws {
        let folder = try TemporaryFolder()
        let quiet = ["--quiet", "--eval-episodes", "0", "--tensorboard", "tb"]
        let first = try RLProcess.run(["train", "random", "cartpole", "--steps", "300", "--out", "run"] + quiet, in: folder.url)
        #expect(first.status == 0, "\(first.standardError)")
        let resumed = try RLProcess.run(["train", "--resume", "run", "--steps", "300"] + quiet, in: folder.url)
        #expect(resumed.status == 0, "\(resumed.standardError)")
        let files = try EventFile.urls(in: folder.url.appendingPathComponent("tb/run"))
        #expect(files.count == 2)
        let steps = try files.map { try EventFile(contentsOf: $0).scalars(tag: "charts/episodic_return").map(\.step) }
        let rows = try folder.text("run/metrics.csv").split(separator: "\n").dropFirst()
            .map { Int($0.split(separator: ",")[1]) ?? -1 }
        #expect(steps.flatMap { $0 }.sorted() == rows)
        #expect((steps.first?.max() ?? 0) <= 300 && (steps.last?.min() ?? 0) > 300)
    }
}
