import ArgumentParser
import Foundation
import RL

/// One `rl train` run: the configuration file and the command line resolved into a run, checked
/// completely, then trained into its run folder (see ``RunExecution``).
struct TrainingRun {
    let command: TrainCommand

    func run() throws {
        // 1. The run as asked: a configuration file, then the command line over it.
        let file = try command.config.map(RunConfiguration.init(contentsOf:))
        let words = try TrainWords(command.words)
        guard let agentName = words.agent ?? file?.agent, let environmentName = words.environment ?? file?.environment else {
            throw CommandFailure("rl train needs an agent and an environment: rl train AGENT ENV, or --config FILE",
                                 exitCode: .validationFailure)
        }
        var options = file?.options ?? [:]
        for (name, value) in try command.environmentOptions.registryOptions() { options[name] = value }
        let made = try MadeEnvironment(environmentName, options: options)
        let entry = try AgentCatalog.standard.entry(named: agentName)
        let commandLineSettings = try AgentArguments.settings(from: words.agentArguments, for: entry)
        let seed = command.seed ?? file?.seed ?? 0
        let setup: AgentSetup
        do {
            setup = try AgentSetup(
                entry: entry, environmentID: made.id, settings: (file?.hyperparameters ?? []) + commandLineSettings,
                seed: seed, budget: command.budget ?? file?.budget)
        } catch {
            // A value from the file is named with its line.
            let givenHere = commandLineSettings.map(\.name)
            throw file.map { file in givenHere.contains { "\(error)".contains("--\($0)") } ? error : file.locate(error) } ?? error
        }
        let agent = try setup.makeAgent(for: made.environment)
        let evaluationEpisodes = command.evalEpisodes ?? file?.evaluationEpisodes ?? 100
        let evaluationInterval = command.evalEvery ?? file?.evaluationInterval
        if evaluationInterval != nil && evaluationEpisodes == 0 {
            throw CommandFailure("--eval-every needs --eval-episodes of 1 or more", exitCode: .validationFailure)
        }
        let saveInterval = command.saveEvery ?? file?.saveInterval
        let folder = try RunFolder(path: command.outputPath, agent: setup.name, environment: made.id, seed: seed)
        try folder.checkFree(replacing: command.force)

        var configuration = RunConfiguration(
            agent: entry.name, environment: made.id, options: made.options, seed: seed,
            budget: setup.configuration.budget, hyperparameters: entry.settings(of: setup.configuration))
        configuration.evaluationInterval = evaluationInterval
        configuration.evaluationEpisodes = command.evalEpisodes ?? file?.evaluationEpisodes
        configuration.saveInterval = saveInterval
        if command.dryRun {
            print("\(setup.name) on \(made.title), writing to \(folder.path)")
            print(setup.commandLines.map { "  " + $0 }.joined(separator: "\n"))
            return
        }

        let tensorBoard = try TensorBoardOption.callbacks(
            path: command.tensorBoardPath, runFolder: folder,
            settings: [HyperparameterSetting("agent", setup.name), HyperparameterSetting("environment", made.title)] + setup.settings)
        let progressLines = try ProgressJSONLines.callbacks(
            path: command.progressJSONLinesPath, runFolder: folder, saveInterval: saveInterval, appending: false)

        // 2. The run folder, its configuration, then training.
        try folder.prepare(replacing: command.force)
        try folder.write(configuration)
        var execution = RunExecution(
            agent: agent, environment: made, folder: folder, settings: setup.settings, seed: seed,
            budget: setup.configuration.budget, evaluationInterval: evaluationInterval,
            evaluationEpisodes: evaluationEpisodes, saveInterval: saveInterval, appending: false,
            quiet: command.quiet, json: command.json, extraCallbacks: tensorBoard + progressLines)
        try execution.run()
    }
}

/// An `rl train --resume FOLDER` run: the agent, its training state and its environment read
/// back from the folder, trained for more, appending to the folder's metrics.
struct ResumedRun {
    let command: TrainCommand
    let folder: String

    func run() throws {
        guard TrainWords.isEmpty(command.words) else {
            throw CommandFailure("--resume continues the run as its config.yaml says; it takes no agent, environment or hyperparameters",
                                 exitCode: .validationFailure)
        }
        guard try command.environmentOptions.registryOptions().isEmpty else {
            throw CommandFailure("--resume continues the run in its own environment; leave out the environment options",
                                 exitCode: .validationFailure)
        }
        let runFolder = try RunFolder(path: folder, agent: "", environment: "", seed: 0)
        guard FileManager.default.fileExists(atPath: runFolder.configuration.path),
              FileManager.default.fileExists(atPath: runFolder.checkpoint.path) else {
            throw CommandFailure("\(folder) holds no run to resume (it needs config.yaml and checkpoint.safetensors)")
        }
        let configuration = try RunConfiguration(contentsOf: runFolder.configuration.path)
        let checkpoint = try Checkpoint.load(from: runFolder.checkpoint)
        var made = try MadeEnvironment(for: checkpoint, at: runFolder.checkpointPath)
        let agent = try AgentCatalog.standard.load(checkpoint, environment: made.environment)
        func restore<A: Agent, E: Environment>(_ agent: A, _ environment: inout E) throws {
            try agent.resumeTraining(from: checkpoint, at: runFolder.checkpoint, environment: &environment)
        }
        try restore(agent, &made.environment)

        // The budget: as much as asked, or what is left of the run's own.
        let state = agent.trainingState
        let budget: TrainingBudget
        if let asked = command.budget {
            budget = asked
        } else {
            let planned = configuration.budget ?? agent.configuration.budget
            let left = switch planned {
            case .steps(let count): count - state.steps
            case .episodes(let count): count - state.episodes
            }
            guard left > 0 else {
                throw CommandFailure(
                    "\(folder) has spent its budget of \(TrainCommand.text(of: planned)); give --steps N or --episodes N to train more",
                    exitCode: .validationFailure)
            }
            budget = planned.with(count: left)
        }
        let entry = try AgentCatalog.standard.entry(named: checkpoint.agent)
        let seed = agent.configuration.seed
        let settings = [HyperparameterSetting("seed", "\(seed)")] + entry.settings(of: agent.configuration)
        var execution = RunExecution(
            agent: agent, environment: made, folder: runFolder, settings: settings, seed: seed, budget: budget,
            evaluationInterval: configuration.evaluationInterval,
            evaluationEpisodes: command.evalEpisodes ?? configuration.evaluationEpisodes ?? 100,
            saveInterval: configuration.saveInterval, appending: true, quiet: command.quiet, json: command.json,
            extraCallbacks: try TensorBoardOption.callbacks(
                path: command.tensorBoardPath, runFolder: runFolder,
                settings: [HyperparameterSetting("agent", entry.name), HyperparameterSetting("environment", made.title)] + settings)
                + ProgressJSONLines.callbacks(
                    path: command.progressJSONLinesPath, runFolder: runFolder, saveInterval: configuration.saveInterval, appending: true))
        try execution.run()
    }
}

extension TrainWords {
    /// Whether no words were given.
    static func isEmpty(_ words: [String]) -> Bool { words.isEmpty }
}

extension TrainingBudget {
    /// The same kind of budget with another count.
    func with(count: Int) -> TrainingBudget {
        switch self {
        case .steps: .steps(count)
        case .episodes: .episodes(count)
        }
    }
}
