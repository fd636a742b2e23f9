import Foundation
import Testing

@Suite("rl plot")
struct PlotCommandTests {
    @Test("draws a valid SVG learning curve titled with the run's agent and environment")
    func runFolderPlot() throws {
        let folder = try TemporaryFolder()
        let run = try TrainedRuns.qTable(in: folder)
        let result = try RLProcess.run(["plot", run + "/metrics.csv", "-o", folder.path("curve.svg"), "--window", "20"])
        #expect(result.status == 0, "\(result.standardError)")
        #expect(result.standardOutput.contains("300 episodes"))

        let svg = try SVGDocument(contentsOf: folder.url.appendingPathComponent("curve.svg"))
        #expect(svg.root == "svg")
        #expect(svg.attributes.first?["xmlns"] == "http://www.w3.org/2000/svg")
        // The faint series and the bold mean, both with one point per episode.
        let polylines = zip(svg.elements, svg.attributes).filter { $0.0 == "polyline" }.map { $0.1 }
        #expect(polylines.count == 2)
        for polyline in polylines {
            #expect(polyline["points"]?.split(separator: " ").count == 300)
        }
        #expect(Set(polylines.map { $0["stroke-width"] }) == ["1", "2.5"])
        #expect(svg.texts.contains("qtable on FrozenLake-v1 (slippery=false)"))
        #expect(svg.texts.contains("episode") && svg.texts.contains("return"))
        #expect(svg.texts.contains("mean of the last 20"))
        // Ticks: episodes 100 to 300 along x (the axis ends at the last episode), returns 0 to 1 along y.
        #expect(["100", "200", "300"].allSatisfy(svg.texts.contains))
        #expect(!svg.texts.contains("400"))
        #expect(["0.0", "0.2", "0.4", "0.6", "0.8", "1.0"].allSatisfy(svg.texts.contains))
    }

    @Test("without a checkpoint beside it the title is the folder's name; long runs stay small")
    func bareMetricsFile() throws {
        let folder = try TemporaryFolder()
        // 20,000 episodes of returns rising from 0 to 200.
        var csv = "episode,steps,return,length,epsilon,loss,seconds\n"
        var steps = 0
        for episode in 1...20_000 {
            let length = 10 + episode / 100
            steps += length
            csv += "\(episode),\(steps),\(Double(episode % 7) + Double(episode) / 100),\(length),,,0.0\n"
        }
        try FileManager.default.createDirectory(atPath: folder.path("mine"), withIntermediateDirectories: true)
        try csv.write(toFile: folder.path("mine/metrics.csv"), atomically: true, encoding: .utf8)
        let result = try RLProcess.run(["plot", folder.path("mine"), "-o", folder.path("long.svg"), "--x", "steps", "--title", "rising <fast> & steady"])
        #expect(result.status == 0, "\(result.standardError)")
        let svg = try SVGDocument(contentsOf: folder.url.appendingPathComponent("long.svg"))
        #expect(svg.texts.contains("rising <fast> & steady"))
        #expect(svg.texts.contains("environment steps"))
        // The faint series is drawn per pixel column, not per episode.
        #expect(svg.count(of: "path") == 1)
        let size = try #require(try FileManager.default.attributesOfItem(atPath: folder.path("long.svg"))[.size] as? Int)
        #expect(size < 200_000)

        let untitled = try RLProcess.run(["plot", folder.path("mine/metrics.csv"), "-o", folder.path("untitled.svg")])
        #expect(untitled.status == 0)
        #expect(try SVGDocument(contentsOf: folder.url.appendingPathComponent("untitled.svg")).texts.contains("learning curve: mine"))
    }

    @Test("refuses a malformed CSV with the line at fault, and writes no SVG")
    func malformed() throws {
        let folder = try TemporaryFolder()
        try "episode,steps,return\n1,5,1.0\n2,9,oops\n".write(toFile: folder.path("bad.csv"), atomically: true, encoding: .utf8)
        let result = try RLProcess.run(["plot", folder.path("bad.csv"), "-o", folder.path("bad.svg")])
        #expect(result.status == 1)
        #expect(result.errorLines == ["rl: error: \(folder.path("bad.csv")) line 3: 'return' is not a number"])
        #expect(!folder.exists("bad.svg"))
    }

    // MARK: - Several runs

    /// Writes a metrics file of `returns`, one episode each, ending at `steps` (default: 10 steps
    /// an episode), into `folder/name/metrics.csv`.
    func writeRun(_ folder: TemporaryFolder, _ name: String, returns: [Double], steps: [Int]? = nil) throws {
        try FileManager.default.createDirectory(atPath: folder.path(name), withIntermediateDirectories: true)
        let ends = steps ?? returns.indices.map { ($0 + 1) * 10 }
        let rows = zip(returns, ends).enumerated().map { "\($0.offset + 1),\($0.element.1),\($0.element.0),10" }
        try (["episode,steps,return,length"] + rows).joined(separator: "\n")
            .write(toFile: folder.path(name + "/metrics.csv"), atomically: true, encoding: .utf8)
    }

    /// The value a y pixel stands for, from the y axis's tick labels.
    func yValue(_ pixel: Double, in svg: SVGDocument) throws -> Double {
        let texts = zip(svg.elements, svg.attributes).filter { $0.0 == "text" }.map(\.1)
        // The y ticks are the labels anchored at their end; each sits 4 px below its tick.
        let ticks = zip(texts, svg.texts).compactMap { attributes, text -> (value: Double, pixel: Double)? in
            guard attributes["text-anchor"] == "end", let value = Double(text), let y = attributes["y"].flatMap(Double.init) else { return nil }
            return (value, y - 4)
        }
        let (first, last) = (try #require(ticks.first), try #require(ticks.last))
        try #require(first.value != last.value)
        return first.value + (first.pixel - pixel) * (last.value - first.value) / (first.pixel - last.pixel)
    }

    /// The y values of a polyline's or polygon's points.
    func yValues(_ points: String?, in svg: SVGDocument) throws -> [Double] {
        try (points ?? "").split(separator: " ").map { try yValue(Double(String($0.split(separator: ",")[1])) ?? .nan, in: svg) }
    }

    @Test("several runs, or a folder of runs: a line per run in its own colour, named in the legend")
    func severalRuns() throws {
        let folder = try TemporaryFolder()
        let sweep = try RLProcess.run(
            ["train", "qtable", "frozenlake", "--no-slippery", "--episodes", "200", "--seeds", "0-2", "--eval-episodes", "0",
             "--out", "sweep", "--quiet"], in: folder.url)
        try #require(sweep.status == 0, "\(sweep.standardError)")

        let result = try RLProcess.run(["plot", "sweep", "-o", "seeds.svg"], in: folder.url)
        #expect(result.status == 0, "\(result.standardError)")
        #expect(result.standardOutput == "wrote seeds.svg: 3 runs (seed-0, seed-1, seed-2), 600 episodes, qtable on FrozenLake-v1 (slippery=false)\n")
        let svg = try SVGDocument(contentsOf: folder.url.appendingPathComponent("seeds.svg"))
        let polylines = zip(svg.elements, svg.attributes).filter { $0.0 == "polyline" }.map(\.1)
        #expect(polylines.count == 3)
        #expect(polylines.allSatisfy { $0["points"]?.split(separator: " ").count == 200 })
        #expect(Set(polylines.compactMap { $0["stroke"] }).count == 3)
        #expect(["seed-0", "seed-1", "seed-2"].allSatisfy(svg.texts.contains))
        #expect(svg.texts.contains("qtable on FrozenLake-v1 (slippery=false), 3 runs"))
        #expect(svg.texts.contains("return, mean of the last 100 episodes"))
        // The registered threshold is for slippery ice; these runs' option changes the task.
        #expect(!svg.texts.contains { $0.hasPrefix("solved") })

        // Files and run folders mixed; a run named twice is drawn once.
        let mixed = try RLProcess.run(["plot", "sweep/seed-0", "sweep/seed-2/metrics.csv", "sweep/seed-0/metrics.csv", "-o", "two.svg"],
                                      in: folder.url)
        #expect(mixed.status == 0, "\(mixed.standardError)")
        #expect(mixed.standardOutput.hasPrefix("wrote two.svg: 2 runs (seed-0, seed-2), 400 episodes"))
        #expect(try SVGDocument(contentsOf: folder.url.appendingPathComponent("two.svg")).count(of: "polyline") == 2)
    }

    @Test("--aggregate draws the runs' mean with a ±1 std or min–max band, over the episodes or steps every run covers")
    func aggregate() throws {
        let folder = try TemporaryFolder()
        // Three runs of constant returns 0, 0 and 3: mean 1, std √2, range 0 to 3; the third run
        // is longer, so the average stops at episode 10.
        try writeRun(folder, "runs/a", returns: Array(repeating: 0, count: 10))
        try writeRun(folder, "runs/b", returns: Array(repeating: 0, count: 10))
        try writeRun(folder, "runs/c", returns: Array(repeating: 3, count: 14))
        try "notes".write(toFile: folder.path("runs/README"), atomically: true, encoding: .utf8)

        for band in ["std", "range"] {
            let result = try RLProcess.run(["plot", "runs", "--aggregate", "--band", band, "--window", "1", "-o", "\(band).svg"], in: folder.url)
            #expect(result.status == 0, "\(result.standardError)")
            let bandText = band == "std" ? "±1 std across runs" : "min–max across runs"
            #expect(result.standardOutput == "wrote \(band).svg: mean of 3 runs, band \(bandText), episodes 1 to 10 (what every run covers)\n")
            let svg = try SVGDocument(contentsOf: folder.url.appendingPathComponent("\(band).svg"))
            #expect(svg.texts.contains("mean of 3 runs") && svg.texts.contains(bandText))
            let mean = try yValues(try #require(zip(svg.elements, svg.attributes).first { $0.0 == "polyline" }?.1["points"]), in: svg)
            #expect(mean.count == 10)
            #expect(mean.allSatisfy { abs($0 - 1) < 0.01 }, "\(mean)")
            let outline = try yValues(try #require(zip(svg.elements, svg.attributes).first { $0.0 == "polygon" }?.1["points"]), in: svg)
            let (upper, lower) = (Array(outline.prefix(10)), Array(outline.suffix(10)))
            let expected = band == "std" ? (1 + 2.0.squareRoot(), 1 - 2.0.squareRoot()) : (3.0, 0.0)
            #expect(upper.allSatisfy { abs($0 - expected.0) < 0.01 } && lower.allSatisfy { abs($0 - expected.1) < 0.01 }, "\(outline)")
        }

        // Against steps, each run is interpolated onto a common grid: a run rising by 1 a step
        // from step 10 to 30, and one at 0 from step 5 to 35, average (s - 10) / 2 from step 10 to 30.
        try writeRun(folder, "steps/rising", returns: [0, 10, 20], steps: [10, 20, 30])
        try writeRun(folder, "steps/flat", returns: [0, 0, 0, 0], steps: [5, 15, 25, 35])
        let steps = try RLProcess.run(["plot", "steps", "--aggregate", "--x", "steps", "--window", "1", "-o", "steps.svg"], in: folder.url)
        #expect(steps.status == 0, "\(steps.standardError)")
        #expect(steps.standardOutput == "wrote steps.svg: mean of 2 runs, band ±1 std across runs, steps 10 to 30 (what every run covers)\n")
        let svg = try SVGDocument(contentsOf: folder.url.appendingPathComponent("steps.svg"))
        #expect(svg.texts.contains("environment steps"))
        let mean = try yValues(try #require(zip(svg.elements, svg.attributes).first { $0.0 == "polyline" }?.1["points"]), in: svg)
        #expect(mean.count == 21)
        for (index, value) in mean.enumerated() {
            #expect(abs(value - Double(index) / 2) < 0.01, "step \(10 + index): \(value)")
        }
    }

    @Test("bad inputs end with one line and no file: a folder without runs, a file that is not metrics, runs that cannot be averaged, an output not named .svg")
    func refusals() throws {
        let folder = try TemporaryFolder()
        try writeRun(folder, "runs/a", returns: [1, 2, 3])
        try writeRun(folder, "late/b", returns: [1, 2], steps: [100, 200])
        try writeRun(folder, "back/c", returns: [1, 2, 3], steps: [10, 30, 20])
        try FileManager.default.createDirectory(atPath: folder.path("empty/logs"), withIntermediateDirectories: true)
        try "name,score\nx,1\n".write(toFile: folder.path("scores.csv"), atomically: true, encoding: .utf8)
        for (arguments, status, message) in [
            (["empty"], 1, "empty holds no runs: there is no metrics.csv in it or in its subfolders"),
            (["runs", "scores.csv"], 1, "scores.csv has no 'episode' column; expected a metrics CSV"),
            (["runs/a", "late/b", "--aggregate", "--x", "steps"], 1, "the runs share no range of steps to average over"),
            (["runs/a", "back/c", "--aggregate", "--x", "steps"], 1, "cannot average c: its steps go down at row 3 of its metrics"),
            (["runs", "--aggregate"], 64, "--aggregate needs two runs or more; runs holds 1"),
            (["runs", "late", "--band", "range"], 64, "--band applies with --aggregate"),
        ] as [([String], Int32, String)] {
            let result = try RLProcess.run(["plot"] + arguments + ["-o", "plot.svg"], in: folder.url)
            try expectOneLineError(result, status, message)
            #expect(!folder.exists("plot.svg"))
        }
        // SVG only: a .png (or any other name) is refused rather than filled with SVG text.
        for name in ["plot.png", "plot.PNG", "plot.pdf", "plot"] {
            let result = try RLProcess.run(["plot", "runs", "-o", name], in: folder.url)
            try expectOneLineError(result, 64, "rl plot writes SVG; name the output file .svg (got \(name))")
            #expect(!folder.exists(name))
        }
        #expect(try RLProcess.run(["plot", "runs", "-o", "plot.SVG"], in: folder.url).status == 0)
    }
}
