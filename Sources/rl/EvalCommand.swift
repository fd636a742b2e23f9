import ArgumentParser
import Foundation
import RL

/// `rl eval CHECKPOINT`: plays greedy episodes with a trained agent and reports how well it does.
struct EvalCommand: ParsableCommand {
    static let configuration = CommandConfiguration(
        commandName: "eval",
        abstract: "Evaluate a trained agent's greedy policy.",
        discussion: """
            The environment is made again from the checkpoint (its id and options). Reports the \
            mean and standard deviation of the return, the mean episode length and, for tasks with \
            a goal, the success rate. With the default seed the figures match the evaluation \
            `rl train` printed.
            """
    )

    @Argument(help: ArgumentHelp("A checkpoint.safetensors file, or the run folder holding one.", valueName: "checkpoint"), completion: NameCompletion.checkpoint)
    var checkpointPath: String

    @Option(parsing: .unconditional, help: ArgumentHelp("Episodes to play.", valueName: "n"))
    var episodes = 100

    @Option(parsing: .unconditional, help: "Seed of the first episode's reset (default: the seed the agent was trained with).")
    var seed: UInt64?

    @Flag(help: "Print the result as one JSON object on standard output.")
    var json = false

    func validate() throws {
        if episodes < 1 { throw ValidationError("--episodes must be at least 1, got \(episodes)") }
    }

    func run() throws {
        let loaded = try LoadedCheckpoint(path: checkpointPath)
        let seed = seed ?? loaded.trainingSeed
        let evaluation = try GreedyEvaluation.run(
            loaded.agent, on: loaded.environment.environment, episodes: episodes, seed: seed)
        if json {
            try JSONOutput.print(EvaluationResult(checkpoint: loaded, evaluation: evaluation))
        } else {
            let heading = "Greedy evaluation of \(loaded.agentName) on \(loaded.environment.title), \(episodes) episodes, seed \(seed)"
            print(evaluation.lines(heading: heading).text, terminator: "")
        }
    }
}

/// `rl eval --json`: the checkpoint, its agent and environment, and the evaluation's fields
/// (``EvaluationSummary``) in one object.
private struct EvaluationResult: Encodable {
    var checkpoint: LoadedCheckpoint
    var evaluation: EvaluationSummary

    private enum CodingKeys: String, CodingKey {
        case checkpoint, agent, environment, environmentOptions = "environment_options"
    }

    func encode(to encoder: Encoder) throws {
        var container = encoder.container(keyedBy: CodingKeys.self)
        try container.encode(checkpoint.path, forKey: .checkpoint)
        try container.encode(checkpoint.agentName, forKey: .agent)
        try container.encode(checkpoint.environment.id, forKey: .environment)
        try container.encode(checkpoint.environment.options, forKey: .environmentOptions)
        // The evaluation's keys go into the same object.
        try evaluation.encode(to: encoder)
    }
}
