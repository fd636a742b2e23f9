import ArgumentParser
import Foundation
import RL

/// `rl train … --seeds 0-9`: the same run for each seed, as separate runs under one folder
/// (`seed-0/`, `seed-1/`, …), `--jobs` at a time (default: one per core), each an `rl train`
/// process of its own; then a table of every seed's final evaluation and their mean ± standard
/// deviation, median and interquartile mean (the mean of the middle half, as rliable
/// recommends: scipy's `trim_mean(x, 0.25)`).
struct SeedSweep {
    let command: TrainCommand
    let seeds: [UInt64]

    /// One seed's run, as its process reported it.
    struct Outcome {
        var seed: UInt64
        var summary: [String: Any]?
        var error: String?
        var status: Int32

        var evaluationMean: Double? { (summary?["evaluation"] as? [String: Any])?["mean_return"] as? Double }
        var steps: Int? { summary?["steps"] as? Int }
        var seconds: Double? { summary?["seconds"] as? Double }
        var successRate: Double? { (summary?["evaluation"] as? [String: Any])?["success_rate"] as? Double }
    }

    func run() throws {
        // The parent folder, and each seed's folder in it, checked before anything runs.
        let words = try TrainWords(command.words)
        let file = try command.config.map(RunConfiguration.init(contentsOf:))
        let agent = try AgentCatalog.standard.entry(named: words.agent ?? file?.agent ?? "").name
        let environment = try EnvironmentRegistry.standard.registration(named: words.environment ?? file?.environment ?? "").id
        let parent = command.outputPath ?? defaultParent(agent: agent, environment: environment)
        let folders = try seeds.map { seed -> RunFolder in
            let folder = try RunFolder(path: (parent as NSString).appendingPathComponent("seed-\(seed)"), agent: agent,
                                       environment: environment, seed: seed)
            try folder.checkFree(replacing: command.force)
            return folder
        }
        let jobs = min(command.jobs ?? ProcessInfo.processInfo.activeProcessorCount, seeds.count)
        if command.dryRun {
            print("\(agent) on \(environment), seeds \(seeds.map(String.init).joined(separator: ", ")), \(jobs) at a time, writing to \(parent)")
            for (seed, folder) in zip(seeds, folders) { print("  rl " + arguments(seed: seed, folder: folder.path).joined(separator: " ")) }
            return
        }
        if !command.quiet {
            StandardError.writeLine("training \(agent) on \(environment) for seeds \(seeds.map(String.init).joined(separator: ", ")), \(jobs) at a time → \(parent)")
        }

        // Run them, `jobs` at a time; a Ctrl-C reaches every child (same process group).
        Interruption.install()
        let outcomes = try runAll(folders: folders, jobs: jobs)
        Interruption.restoreDefault()

        let table = SeedTable(agent: agent, environment: environment, parent: parent, outcomes: outcomes)
        if command.json {
            print(try table.json())
        } else {
            print(table.text, terminator: "")
        }
        if let failed = outcomes.first(where: { $0.status != 0 }) {
            if failed.status == TrainCommand.interruptedExitCode { throw ExitCode(TrainCommand.interruptedExitCode) }
            throw CommandFailure("the run of seed \(failed.seed) failed: \(failed.error ?? "exit \(failed.status)")")
        }
    }

    private func defaultParent(agent: String, environment: String) -> String {
        let formatter = DateFormatter()
        formatter.locale = Locale(identifier: "en_US_POSIX")
        formatter.dateFormat = "yyyyMMdd-HHmmss"
        let range = seeds.count > 1 ? "seeds\(seeds.first ?? 0)-\(seeds.last ?? 0)" : "seed\(seeds.first ?? 0)"
        return (RunFolder.defaultParent as NSString).appendingPathComponent("\(agent)-\(environment)-\(range)-\(formatter.string(from: Date()))")
    }

    /// The child's command line: this one without `--seeds`, `--jobs`, `--out`, `--json` and
    /// `--quiet`, with the seed and the folder.
    func arguments(seed: UInt64, folder: String) -> [String] {
        var kept: [String] = []
        var index = 1
        let arguments = CommandLine.arguments
        let dropWithValue: Set = ["--seeds", "--jobs", "--out"]
        let drop: Set = ["--json", "--quiet"]
        while index < arguments.count {
            let argument = arguments[index]
            let name = argument.split(separator: "=", maxSplits: 1).first.map(String.init) ?? argument
            if dropWithValue.contains(name) {
                index += argument.contains("=") ? 1 : 2
                continue
            }
            if !drop.contains(argument) { kept.append(argument) }
            index += 1
        }
        return kept + ["--seed", "\(seed)", "--out", folder, "--json", "--quiet"]
    }

    private func runAll(folders: [RunFolder], jobs: Int) throws -> [Outcome] {
        let executable = SelfExecutable.url
        var outcomes = [Outcome?](repeating: nil, count: seeds.count)
        var running: [(index: Int, process: Process, output: Pipe, error: Pipe)] = []
        var next = 0
        while next < seeds.count || !running.isEmpty {
            while running.count < jobs && next < seeds.count {
                let process = Process()
                process.executableURL = executable
                process.arguments = arguments(seed: seeds[next], folder: folders[next].path)
                let (output, error) = (Pipe(), Pipe())
                process.standardOutput = output
                process.standardError = error
                do {
                    try process.run()
                } catch {
                    throw CommandFailure("cannot start \(executable.path) for seed \(seeds[next]): \(FileErrorText.reason(error))")
                }
                running.append((next, process, output, error))
                next += 1
            }
            // Wait for the first to end; its output is small (one JSON line, errors).
            guard let finished = running.first(where: { !$0.process.isRunning }) ?? waitForOne(running) else { continue }
            running.removeAll { $0.index == finished.index }
            let data = finished.output.fileHandleForReading.readDataToEndOfFile()
            let errors = String(decoding: finished.error.fileHandleForReading.readDataToEndOfFile(), as: UTF8.self)
            finished.process.waitUntilExit()
            let summary = (try? JSONSerialization.jsonObject(with: data)) as? [String: Any]
            let seed = seeds[finished.index]
            let errorLine = errors.split(whereSeparator: \.isNewline).last.map(String.init)
            outcomes[finished.index] = Outcome(seed: seed, summary: summary, error: errorLine, status: finished.process.terminationStatus)
            if !command.quiet {
                let outcome = outcomes[finished.index]
                let result = outcome?.evaluationMean.map { "evaluation \(NumberText.fixed($0, 2))" } ?? (errorLine ?? "failed")
                StandardError.writeLine("seed \(seed) done: \(result)")
            }
        }
        return outcomes.compactMap { $0 }
    }

    /// Polls until one of `running` has ended.
    private func waitForOne(_ running: [(index: Int, process: Process, output: Pipe, error: Pipe)])
        -> (index: Int, process: Process, output: Pipe, error: Pipe)? {
        while true {
            if let done = running.first(where: { !$0.process.isRunning }) { return done }
            usleep(20_000)
        }
    }
}

/// The table `--seeds` prints: each seed's run, then the statistics of the final evaluations.
struct SeedTable {
    let agent: String
    let environment: String
    let parent: String
    let outcomes: [SeedSweep.Outcome]

    /// The final evaluations' mean returns of the runs that have one.
    var means: [Double] { outcomes.compactMap(\.evaluationMean) }

    var text: String {
        var table = TextTable("SEED", "STEPS", "SECONDS", "EVALUATION", "SUCCESS", "FOLDER")
        for outcome in outcomes {
            table.add(
                "\(outcome.seed)", outcome.steps.map(NumberText.count) ?? "-", outcome.seconds.map { NumberText.fixed($0, 2) } ?? "-",
                outcome.evaluationMean.map { NumberText.fixed($0, 2) } ?? (outcome.error ?? "failed"),
                outcome.successRate.map(NumberText.percent) ?? "-", (parent as NSString).appendingPathComponent("seed-\(outcome.seed)"))
        }
        var text = "\(agent) on \(environment), \(outcomes.count) seeds\n" + table.text()
        if let statistics = SeedStatistics(means) {
            text += "final evaluation over \(means.count) seeds: mean \(NumberText.fixed(statistics.mean, 2)) ± \(NumberText.fixed(statistics.standardDeviation, 2)),"
                + " median \(NumberText.fixed(statistics.median, 2)), IQM \(NumberText.fixed(statistics.interquartileMean, 2))\n"
        }
        return text
    }

    func json() throws -> String {
        var object: [String: Any] = [
            "agent": agent, "environment": environment, "folder": parent,
            "runs": outcomes.map { $0.summary ?? ["seed": $0.seed, "error": $0.error ?? "failed"] },
        ]
        if let statistics = SeedStatistics(means) {
            object["evaluation"] = [
                "mean": statistics.mean, "std": statistics.standardDeviation, "median": statistics.median,
                "iqm": statistics.interquartileMean, "seeds": means.count,
            ]
        }
        let data = try JSONSerialization.data(withJSONObject: object, options: [.sortedKeys, .withoutEscapingSlashes])
        return String(decoding: data, as: UTF8.self)
    }
}

/// Mean, population standard deviation, median and interquartile mean of a set of returns.
struct SeedStatistics: Equatable {
    var mean: Double
    var standardDeviation: Double
    var median: Double
    /// The mean of the middle half: ⌊n/4⌋ values cut from each end (scipy's `trim_mean(x, 0.25)`,
    /// which rliable's IQM is).
    var interquartileMean: Double

    /// The statistics of `values`, or `nil` for none.
    init?(_ values: [Double]) {
        guard !values.isEmpty else { return nil }
        let sorted = values.sorted()
        let count = Double(values.count)
        mean = values.reduce(0, +) / count
        let mean = self.mean
        standardDeviation = (values.map { ($0 - mean) * ($0 - mean) }.reduce(0, +) / count).squareRoot()
        median = sorted.count % 2 == 1 ? sorted[sorted.count / 2] : (sorted[sorted.count / 2 - 1] + sorted[sorted.count / 2]) / 2
        let cut = values.count / 4
        let middle = sorted[cut..<(sorted.count - cut)]
        interquartileMean = middle.reduce(0, +) / Double(middle.count)
    }
}

/// The running `rl` executable, for starting copies of it.
enum SelfExecutable {
    static var url: URL {
        #if os(Linux)
        if let path = try? FileManager.default.destinationOfSymbolicLink(atPath: "/proc/self/exe") {
            return URL(fileURLWithPath: path)
        }
        #endif
        return URL(fileURLWithPath: CommandLine.arguments[0]).standardizedFileURL
    }
}
