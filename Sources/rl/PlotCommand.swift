import ArgumentParser
import Foundation
import RL

/// `rl plot METRICS.csv… -o FILE.svg`: draws learning curves as SVG, of one run or several.
struct PlotCommand: ParsableCommand {
    static let configuration = CommandConfiguration(
        commandName: "plot",
        abstract: "Draw learning curves from metrics.csv files as SVG.",
        discussion: """
            One run: the return of every episode (faint) and its trailing mean (bold). Several runs \
            (several files or run folders, or a folder of runs such as `rl train --seeds` makes): \
            each run's trailing mean as a line of its own colour, named in the legend; with \
            --aggregate, their mean with a band (--band std: ±1 standard deviation across the runs \
            at each x; range: lowest to highest run) over the range of episodes or steps every run \
            covers, each run interpolated linearly onto a common grid. When a CSV sits in a run \
            folder next to its checkpoint, the title names the agent and environment and a dashed \
            line marks the return at which the task counts as solved.

            Examples:
              rl plot runs/dqn-CartPole-v1-seed0-…/metrics.csv -o curve.svg
              rl plot runs/ppo-CartPole-v1-seeds0-4-… -o seeds.svg
              rl plot runs/ppo-CartPole-v1-seeds0-4-… --aggregate --x steps -o mean.svg
            """
    )

    /// What the x axis counts.
    enum XAxis: String, CaseIterable, ExpressibleByArgument {
        case episode, steps

        /// The axis's label.
        var label: String { self == .episode ? "episode" : "environment steps" }
        /// The values' name in sentences: `episodes`, `steps`.
        var plural: String { self == .episode ? "episodes" : "steps" }
        /// A run's x values.
        func values(of table: MetricsTable) -> [Double] { self == .episode ? table.episodes : table.steps }
    }

    @Argument(help: ArgumentHelp("Runs: metrics.csv files, run folders, or folders of runs (such as --seeds makes).",
                                 valueName: "metrics.csv | run-folder"),
              completion: .file(extensions: ["csv"]))
    var metricsPaths: [String] = []

    @Option(name: [.short, .customLong("output")], help: ArgumentHelp("The SVG file to write (its name must end in .svg).", valueName: "file.svg"))
    var outputPath: String

    @Option(parsing: .unconditional, help: ArgumentHelp("Episodes in the trailing mean.", valueName: "n"))
    var window = 100

    @Option(help: "What the x axis counts: episode or steps (total environment steps).")
    var x: XAxis = .episode

    @Flag(help: "With several runs: draw their mean and a band (--band) instead of a line per run.")
    var aggregate = false

    @Option(help: "The band around the mean with --aggregate: std (±1 standard deviation across the runs, the default) or range (lowest to highest run).")
    var band: RunAggregate.Band?

    @Option(help: ArgumentHelp("The title (default: the agent and environment from the run folder's checkpoint, else the folder's name).", valueName: "text"))
    var title: String?

    func validate() throws {
        if metricsPaths.isEmpty { throw ValidationError("give a metrics.csv, a run folder or a folder of runs to plot") }
        if window < 1 { throw ValidationError("--window must be at least 1, got \(window)") }
        if band != nil && !aggregate { throw ValidationError("--band applies with --aggregate") }
        // SVG only: a .png (or any other name) would hold SVG text its viewers cannot read.
        if URL(fileURLWithPath: outputPath).pathExtension.lowercased() != "svg" {
            throw ValidationError("rl plot writes SVG; name the output file .svg (got \(outputPath))")
        }
    }

    func run() throws {
        let runs = try PlottedRun.runs(from: metricsPaths)
        if aggregate && runs.count < 2 {
            throw CommandFailure("--aggregate needs two runs or more; \(metricsPaths.joined(separator: " ")) holds \(runs.count)",
                                 exitCode: .validationFailure)
        }
        let plot: LearningCurveSVG
        let summary: String
        if let run = runs.first, runs.count == 1 {
            plot = LearningCurveSVG(
                x: x.values(of: run.table), returns: run.table.returns, window: window,
                title: title ?? run.description.title, xLabel: x.label, threshold: run.description.threshold)
            summary = "\(NumberText.count(run.table.returns.count)) episodes, \(run.description.title)"
        } else {
            let several = SeveralRunsPlot(runs: runs, x: x, window: window)
            let subject = several.commonSubject.map { ", " + $0 } ?? ""
            if aggregate {
                let band = band ?? .std
                let (aggregatePlot, aggregate) = try several.aggregate(band: band, title: title)
                plot = aggregatePlot
                let range = [aggregate.x.first, aggregate.x.last].compactMap { $0.map(Self.text) }.joined(separator: " to ")
                summary = "mean of \(runs.count) runs, band \(band.legendLabel), \(x.plural) \(range) (what every run covers)\(subject)"
            } else {
                plot = several.separate(title: title)
                let episodes = NumberText.count(runs.map(\.table.returns.count).reduce(0, +))
                let labels = runs.count <= 6 ? runs.map(\.label) : runs.prefix(3).map(\.label) + ["…", runs[runs.count - 1].label]
                summary = "\(runs.count) runs (\(labels.joined(separator: ", "))), \(episodes) episodes\(subject)"
            }
        }

        let folder = URL(fileURLWithPath: outputPath).deletingLastPathComponent()
        var folderIsDirectory: ObjCBool = false
        guard FileManager.default.fileExists(atPath: folder.path, isDirectory: &folderIsDirectory), folderIsDirectory.boolValue else {
            throw CommandFailure("cannot write \(outputPath): the folder \(folder.path) does not exist")
        }
        // Never over an input: the metrics, or the checkpoints the titles come from.
        let inputs = runs.flatMap { [$0.metricsPath, RunDescription.checkpointPath(besideMetrics: $0.metricsPath)] }
        if let input = inputs.first(where: { AtomicFile.isSameFile($0, outputPath) }) {
            throw CommandFailure("refusing to write the plot over \(input), which it reads; give another -o", exitCode: .validationFailure)
        }
        do {
            try AtomicFile.write(Data(plot.document.utf8), to: URL(fileURLWithPath: outputPath))
        } catch let error as TensorError {
            throw CommandFailure("\(error)")
        }
        print("wrote \(outputPath): \(summary)")
    }

    /// An x value for people: `300`, `100,000`, or `1e+18` beyond what a count shows.
    private static func text(_ value: Double) -> String {
        abs(value) < AxisScale.largestPlainLabel && value == value.rounded() ? NumberText.count(Int(value)) : NumberText.plain(value)
    }
}
