import Foundation
import RL

/// What `rl train` reports at the end: the run, its greedy evaluation and where it was saved.
///
/// As text, a few aligned blocks; with `--json`, one object with the keys `agent`,
/// `environment`, `environment_options`, `seed`, `episodes`, `steps`, `seconds`, `stopped`
/// (`budget`, `solved` or `interrupted`), `final_mean_return` (the last 100 training
/// episodes), `training_success_rate` (`null` without a goal), `evaluation` (see
/// ``EvaluationSummary``; `null` when skipped), `hyperparameters`, `run_folder`, `checkpoint`
/// and `metrics`.
struct RunSummary: Encodable {
    var agent: String
    var environment: MadeEnvironment
    var settings: [HyperparameterSetting]
    var seed: UInt64
    var report: TrainingReport
    var evaluation: EvaluationSummary?
    var folder: RunFolder
    /// Steps over all calls (more than this report's for a resumed run).
    var totalSteps: Int
    /// Episodes over all calls.
    var totalEpisodes: Int

    /// Why training ended.
    var stopReason: String {
        report.stoppedEarly ? "interrupted" : report.solved ? "solved" : "budget"
    }

    var text: String {
        let rate = report.seconds > 0 ? Double(report.steps) / report.seconds : 0
        var training = LabeledLines("Trained \(agent) on \(environment.title), seed \(seed)")
        let resumed = totalSteps != report.steps
        training.add("episodes", NumberText.count(report.episodeCount) + (resumed ? " (\(NumberText.count(totalEpisodes)) in all)" : ""))
        training.add("steps", NumberText.count(report.steps) + (resumed ? " (\(NumberText.count(totalSteps)) in all)" : ""))
        training.add("time", "\(NumberText.seconds(report.seconds)) (\(NumberText.count(Int(rate.rounded()))) steps/s)")
        let stopped = switch stopReason {
        case "interrupted": "interrupted (Ctrl-C)"
        case "solved": "solved: the greedy policy reached the solved threshold"
        default: "budget spent"
        }
        training.add("stopped", stopped)
        training.add("mean return", "\(NumberText.fixed(report.finalMeanReturn, 3)) (last \(min(100, report.episodeCount)) episodes)")
        if let successRate = report.successRate {
            training.add("success rate", "\(NumberText.percent(successRate)) (all training episodes)")
        }
        var text = training.text
        if let evaluation {
            text += evaluation.lines(heading: "Greedy evaluation, \(evaluation.report.episodes) episodes, seed \(evaluation.seed)").text
        }
        var saved = LabeledLines("Saved")
        saved.add("checkpoint", folder.checkpointPath)
        saved.add("metrics", folder.metricsPath)
        return text + saved.text
    }

    private enum CodingKeys: String, CodingKey {
        case agent, environment, environmentOptions = "environment_options", seed, episodes, steps, seconds, stopped
        case totalSteps = "total_steps", totalEpisodes = "total_episodes"
        case finalMeanReturn = "final_mean_return", trainingSuccessRate = "training_success_rate", evaluation
        case hyperparameters, runFolder = "run_folder", checkpoint, metrics
    }

    func encode(to encoder: Encoder) throws {
        var container = encoder.container(keyedBy: CodingKeys.self)
        try container.encode(agent, forKey: .agent)
        try container.encode(environment.id, forKey: .environment)
        try container.encode(environment.options, forKey: .environmentOptions)
        try container.encode(seed, forKey: .seed)
        try container.encode(report.episodeCount, forKey: .episodes)
        try container.encode(report.steps, forKey: .steps)
        try container.encode(totalSteps, forKey: .totalSteps)
        try container.encode(totalEpisodes, forKey: .totalEpisodes)
        try container.encode(report.seconds, forKey: .seconds)
        try container.encode(stopReason, forKey: .stopped)
        try container.encode(report.finalMeanReturn, forKey: .finalMeanReturn)
        try container.encode(report.successRate, forKey: .trainingSuccessRate)
        try container.encode(evaluation, forKey: .evaluation)
        try container.encode(
            Dictionary(uniqueKeysWithValues: settings.map { ($0.name, $0.value) }), forKey: .hyperparameters)
        try container.encode(folder.path, forKey: .runFolder)
        try container.encode(folder.checkpointPath, forKey: .checkpoint)
        try container.encode(folder.metricsPath, forKey: .metrics)
    }
}
