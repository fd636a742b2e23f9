import ArgumentParser
import Foundation
import RL

/// `rl plot METRICS.csv -o FILE.svg`: draws a run's learning curve as SVG.
struct PlotCommand: ParsableCommand {
    static let configuration = CommandConfiguration(
        commandName: "plot",
        abstract: "Draw a learning curve from a metrics.csv as SVG.",
        discussion: """
            Plots the return of every episode (faint) and its trailing mean (bold). When the CSV \
            sits in a run folder next to its checkpoint, the title names the agent and environment \
            and a dashed line marks the return at which the task counts as solved.
            """
    )

    /// What the x axis counts.
    enum XAxis: String, CaseIterable, ExpressibleByArgument {
        case episode, steps
    }

    @Argument(help: ArgumentHelp("The metrics.csv of a run (or the run folder).", valueName: "metrics.csv"))
    var metricsPath: String

    @Option(name: [.short, .customLong("output")], help: ArgumentHelp("The SVG file to write.", valueName: "file.svg"))
    var outputPath: String

    @Option(parsing: .unconditional, help: ArgumentHelp("Episodes in the trailing mean.", valueName: "n"))
    var window = 100

    @Option(help: "What the x axis counts: episode or steps (total environment steps).")
    var x: XAxis = .episode

    @Option(help: ArgumentHelp("The title (default: the agent and environment from the run folder's checkpoint, else the folder's name).", valueName: "text"))
    var title: String?

    func validate() throws {
        if window < 1 { throw ValidationError("--window must be at least 1, got \(window)") }
    }

    func run() throws {
        var isDirectory: ObjCBool = false
        let exists = FileManager.default.fileExists(atPath: metricsPath, isDirectory: &isDirectory)
        let csvPath = exists && isDirectory.boolValue ? (metricsPath as NSString).appendingPathComponent(RunFolder.metricsName) : metricsPath
        let table = try MetricsTable(contentsOf: csvPath)
        let run = RunDescription(metricsPath: csvPath)
        let plot = LearningCurveSVG(
            x: x == .episode ? table.episodes : table.steps, returns: table.returns, window: window,
            title: title ?? run.title, xLabel: x == .episode ? "episode" : "environment steps", threshold: run.threshold)
        let folder = URL(fileURLWithPath: outputPath).deletingLastPathComponent()
        var folderIsDirectory: ObjCBool = false
        guard FileManager.default.fileExists(atPath: folder.path, isDirectory: &folderIsDirectory), folderIsDirectory.boolValue else {
            throw CommandFailure("cannot write \(outputPath): the folder \(folder.path) does not exist")
        }
        // Never over an input: the metrics, or the checkpoint the title comes from.
        let inputs = [csvPath, RunDescription.checkpointPath(besideMetrics: csvPath)]
        if let input = inputs.first(where: { AtomicFile.isSameFile($0, outputPath) }) {
            throw CommandFailure("refusing to write the plot over \(input), which it reads; give another -o", exitCode: .validationFailure)
        }
        do {
            try AtomicFile.write(Data(plot.document.utf8), to: URL(fileURLWithPath: outputPath))
        } catch let error as TensorError {
            throw CommandFailure("\(error)")
        }
        print("wrote \(outputPath): \(NumberText.count(table.returns.count)) episodes, \(run.title)")
    }
}

/// What the run folder around a metrics file says about the run: the agent and environment from
/// its checkpoint, if there is a readable one.
private struct RunDescription {
    /// `dqn on CartPole-v1`, or the folder's name when there is no checkpoint.
    var title: String
    /// The environment's solved threshold, when known and the task is the registered one.
    var threshold: Double?

    /// The checkpoint of the run folder around a metrics file.
    static func checkpointPath(besideMetrics metricsPath: String) -> String {
        URL(fileURLWithPath: metricsPath).deletingLastPathComponent().appendingPathComponent(RunFolder.checkpointName).path
    }

    init(metricsPath: String) {
        let folder = URL(fileURLWithPath: metricsPath).deletingLastPathComponent()
        let checkpointURL = URL(fileURLWithPath: Self.checkpointPath(besideMetrics: metricsPath))
        guard let checkpoint = try? Checkpoint.load(from: checkpointURL), let environment = checkpoint.environment else {
            title = "learning curve: " + folder.lastPathComponent
            return
        }
        let registration = try? EnvironmentRegistry.standard.registration(named: environment.id)
        title = "\(checkpoint.agent) on " + MadeEnvironment.title(id: environment.id, options: environment.options)
        // The registered threshold is for the registered task; options may change its rewards.
        threshold = environment.options.isEmpty ? registration?.rewardThreshold : nil
    }
}
