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
}
