import ArgumentParser
import Foundation
import RL

/// Training a run into its folder, the same for a new run and a resumed one: progress on
/// standard error, metrics written as training goes, periodic evaluations and checkpoints when
/// asked, Ctrl-C handled at every step, then the checkpoint (with its training state), the final
/// evaluation and the summary.
struct RunExecution {
    var agent: any Agent
    var environment: MadeEnvironment
    let folder: RunFolder
    /// The settings that reproduce the run, for the summary.
    let settings: [HyperparameterSetting]
    let seed: UInt64
    /// The budget of this call.
    let budget: TrainingBudget
    let evaluationInterval: Int?
    let evaluationEpisodes: Int
    let saveInterval: Int?
    /// Whether the run continues one whose files are in the folder.
    let appending: Bool
    let quiet: Bool
    let json: Bool
    /// Callbacks made before anything was written (TensorBoard's), run after the run's own.
    var extraCallbacks: [any TrainingCallback] = []

    /// The seed of the periodic evaluations' environment: a stream of its own.
    static let evaluationSeedOffset: UInt64 = 10_000

    mutating func run() throws {
        let display = ProgressDisplay(style: ProgressDisplay.style(quiet: quiet), budget: budget,
                                      startSteps: agent.trainingState.steps, startEpisodes: agent.trainingState.episodes)
        Interruption.install()
        if !quiet {
            let verb = appending ? "resuming" : "training"
            StandardError.writeLine("\(verb) \(type(of: agent).name) on \(environment.title) for \(TrainCommand.text(of: budget)), seed \(seed) → \(folder.path)")
        }

        // Callbacks: progress, Ctrl-C, metrics as they come, and what was asked for.
        let metrics = try MetricsFile(url: folder.metrics, appending: appending, episodes: agent.trainingState.episodes)
        var callbacks: [any TrainingCallback] = [display, InterruptionCallback { display.stopping() }, metrics]
        if let evaluationInterval {
            let evaluations = try EvaluationsFile(url: folder.evaluations, appending: appending, steps: agent.trainingState.steps)
            let evaluation = try EvaluationCallback(
                environment: try MadeEnvironment(environment.id, options: environment.options).environment,
                every: evaluationInterval, episodes: evaluationEpisodes, seed: seed &+ Self.evaluationSeedOffset,
                bestCheckpoint: folder.best, environmentReference: environment.reference)
            // A resumed run's evaluations compete with those it continues (kept in the file).
            if appending { evaluation.previousBestMeanReturn = EvaluationsFile.bestMeanReturn(in: folder.evaluations) }
            evaluation.willEvaluate = { display.stage("evaluating") }
            evaluation.onEvaluation = { result in
                try evaluations.append(result)
                display.note(ProgressDisplay.evaluationLine(result))
            }
            callbacks.append(evaluation)
        }
        if let saveInterval {
            let checkpoints = try CheckpointCallback(every: saveInterval, folder: folder.checkpoints, environmentReference: environment.reference)
            checkpoints.willSave = { display.stage("saving") }
            callbacks.append(checkpoints)
        }

        callbacks += extraCallbacks

        // Train, then save at once; Ctrl-C cannot cut the save short (it says so and waits).
        let report = try train(callbacks: callbacks)
        try Interruption.whileSaving(liveLine: display.isLive) {
            try metrics.flush()
            display.stage("saving")
            try save()
        }
        display.finish()
        Interruption.restoreDefault()

        let interrupted = report.stoppedEarly && Interruption.isRequested
        let evaluation = interrupted || evaluationEpisodes == 0
            ? nil : try GreedyEvaluation.run(agent, on: environment.environment, episodes: evaluationEpisodes, seed: seed)
        let summary = RunSummary(
            agent: type(of: agent).name, environment: environment, settings: settings, seed: seed, report: report,
            evaluation: evaluation, folder: folder, totalSteps: agent.trainingState.steps,
            totalEpisodes: agent.trainingState.episodes)
        if json {
            try JSONOutput.print(summary)
        } else {
            print(summary.text, terminator: "")
        }
        if interrupted {
            StandardError.writeLine("interrupted: training stopped after \(NumberText.count(report.steps)) steps; the checkpoint and metrics are saved (--resume \(folder.path) continues)")
            throw ExitCode(TrainCommand.interruptedExitCode)
        }
    }

    /// Trains the agent on the environment (opening both existentials), streaming the episodes
    /// instead of keeping them.
    private mutating func train(callbacks: [any TrainingCallback]) throws -> TrainingReport {
        let budget = self.budget
        func train<A: Agent, E: Environment>(_ agent: A, _ environment: inout E) throws -> TrainingReport {
            try agent.train(on: &environment, for: budget, callbacks: callbacks, recordingEpisodes: false)
        }
        let agent = self.agent
        return try train(agent, &environment.environment)
    }

    /// Saves the checkpoint with the training state of the agent and the environment.
    private func save() throws {
        func save<A: Agent, E: Environment>(_ agent: A, _ environment: E) throws {
            try folder.saveCheckpoint(agent, environment: self.environment.reference, training: environment)
        }
        try save(agent, environment.environment)
    }
}
