import ArgumentParser
import Foundation
import RL

/// `rl train AGENT ENV`: trains an agent, saves its checkpoint and metrics, and evaluates it.
///
/// Everything is checked before training starts (agent, environment and options, whether the
/// agent fits, hyperparameter ranges, the output folder); the run folder is made only then.
/// Metrics are written as training goes; Ctrl-C ends training at the next step, the checkpoint
/// is still saved, and the command exits with code 130. `--config` reads the run from a file,
/// `--resume` continues a run exactly, `--seeds` runs several seeds in parallel.
struct TrainCommand: ParsableCommand {
    static let configuration = CommandConfiguration(
        commandName: "train",
        abstract: "Train an agent on an environment.",
        usage: """
            rl train AGENT ENV [options] [--NAME VALUE ...]
            rl train --config FILE [options] [--NAME VALUE ...]
            rl train --resume RUN_FOLDER [--steps N | --episodes N]
            """,
        discussion: """
            Agent options: every hyperparameter the agent declares is an option, --NAME VALUE \
            (--NAME / --no-NAME for on/off ones), given after AGENT ENV; `rl list AGENT` lists them \
            with their values and defaults. Hyperparameters left out take the agent's recommended \
            configuration for the environment; --dry-run prints the values a run would use.

            The run folder receives config.yaml (`rl train --config` repeats the run from it), \
            checkpoint.safetensors (with the training state, for --resume), metrics.csv (one row \
            per episode, written as training goes: episode, steps, return, length, the agent's \
            metrics, seconds), and with --eval-every evaluations.csv and best.safetensors, with \
            --save-every checkpoints/. Progress goes to standard error, the summary to standard \
            output. Ctrl-C stops training at the next step and still saves (exit code 130).

            --tensorboard DIR also writes TensorBoard event files to DIR/RUN (RUN: the run \
            folder's name) with CleanRL's tags (charts/episodic_return, charts/SPS, \
            losses/td_loss, ...) and the hyperparameters as text; `tensorboard --logdir DIR` shows \
            them. A resumed run adds a new event file beside the first.

            --progress-jsonl FILE (or - for standard output) writes the progress as JSON Lines \
            for programs that follow the run (a Ray Tune trainable): steps, episodes, last and \
            mean return, the agent's metrics, steps/s, intermediate checkpoints, and a final line.

            Examples:
              rl train dqn cartpole
              rl train dqn cartpole --learning-rate 0.001 --hidden 128,128 --no-double-dqn
              rl train ppo cartpole --seeds 0-9
              rl train --config runs/dqn-CartPole-v1-seed0-…/config.yaml --seed 3
              rl train --resume runs/dqn-run --steps 50000
              rl train qtable frozenlake --no-slippery --preset dummy
              rl train dqn cartpole --tensorboard runs/tensorboard
            """
    )

    /// The exit code of a run stopped with Ctrl-C (128 + SIGINT, as shells report it).
    static let interruptedExitCode: Int32 = 130

    @Argument(parsing: .allUnrecognized, help: ArgumentHelp(
        "The agent (\(AgentCatalog.standard.entries.map { $0.names.joined(separator: " or ") }.joined(separator: ", "))) "
            + "and the environment (id or alias, `rl list` shows them), then the agent's hyperparameters as --NAME VALUE.",
        valueName: "agent env [--NAME VALUE ...]"), completion: NameCompletion.agentThenEnvironment)
    var words: [String] = []

    @Option(help: ArgumentHelp("Read the run (agent, environment, options, seed, budget, hyperparameters) from a YAML or JSON file; options given here override it.",
                               valueName: "file"), completion: .file(extensions: ["yaml", "yml", "json"]))
    var config: String?

    @Option(help: ArgumentHelp("Continue the run in this folder exactly where its checkpoint stopped, for --steps or --episodes more (default: what is left of its budget), appending to its metrics.",
                               valueName: "run-folder"), completion: .directory)
    var resume: String?

    @Option(parsing: .unconditional, help: "The seed of the whole run: resets, exploration, weights, sampling (default 0).")
    var seed: UInt64?

    @Option(help: ArgumentHelp("Run several seeds as separate runs in parallel, under one folder, and print a table: 0-9 or 0,3,7.",
                               valueName: "seeds"))
    var seeds: SeedList?

    @Option(parsing: .unconditional, help: ArgumentHelp("Runs at a time with --seeds (default: the number of cores).", valueName: "n"))
    var jobs: Int?

    @Option(parsing: .unconditional, help: ArgumentHelp("Train for this many episodes (default: the agent's; \(Self.budgetDefaults)).", valueName: "n"))
    var episodes: Int?

    @Option(parsing: .unconditional, help: ArgumentHelp("Train for this many environment steps instead of episodes.", valueName: "n"))
    var steps: Int?

    @Option(name: .customLong("out"), help: ArgumentHelp(
        "The run folder (default: a new folder runs/AGENT-ENV-seedS-TIME).", valueName: "dir"), completion: .directory)
    var outputPath: String?

    @Flag(help: "Replace the run already in the --out folder.")
    var force = false

    @Option(parsing: .unconditional, help: ArgumentHelp("Deterministic evaluation episodes after training (and per periodic evaluation), 0 to skip.", valueName: "n"))
    var evalEpisodes: Int?

    @Option(parsing: .unconditional, help: ArgumentHelp(
        "Evaluate every this many environment steps on a separate copy of the environment (seed + 10000), into evaluations.csv, keeping best.safetensors.",
        valueName: "steps"))
    var evalEvery: Int?

    @Option(parsing: .unconditional, help: ArgumentHelp("Save an intermediate checkpoint every this many environment steps, into checkpoints/.", valueName: "steps"))
    var saveEvery: Int?

    @Option(name: .customLong("tensorboard"), help: ArgumentHelp(
        "Also write TensorBoard event files, to DIR/<run folder name> (tensorboard --logdir DIR).", valueName: "dir"), completion: .directory)
    var tensorBoardPath: String?

    @Option(name: .customLong("progress-jsonl"), help: ArgumentHelp(
        "Also write the progress as JSON Lines, one object per report (steps, episodes, returns, steps/s, checkpoints), to FILE or - (standard output).",
        valueName: "file"))
    var progressJSONLinesPath: String?

    @Flag(help: "Print the summary as one JSON object on standard output.")
    var json = false

    @Flag(help: "Show no progress while training.")
    var quiet = false

    @Flag(help: "Check everything and print the configuration the run would use, without training or writing anything.")
    var dryRun = false

    @OptionGroup(title: "Environment options")
    var environmentOptions: EnvironmentOptionGroup

    func validate() throws {
        if episodes != nil && steps != nil {
            throw ValidationError("give either --episodes or --steps, not both")
        }
        if let episodes, episodes < 1 { throw ValidationError("--episodes must be at least 1, got \(episodes)") }
        if let steps, steps < 1 { throw ValidationError("--steps must be at least 1, got \(steps)") }
        if let evalEpisodes, evalEpisodes < 0 { throw ValidationError("--eval-episodes must be 0 or more, got \(evalEpisodes)") }
        if let evalEvery, evalEvery < 1 { throw ValidationError("--eval-every must be at least 1, got \(evalEvery)") }
        if let saveEvery, saveEvery < 1 { throw ValidationError("--save-every must be at least 1, got \(saveEvery)") }
        if tensorBoardPath?.isEmpty == true { throw ValidationError("--tensorboard needs a folder") }
        if progressJSONLinesPath?.isEmpty == true { throw ValidationError("--progress-jsonl needs a file, or - for standard output") }
        if progressJSONLinesPath != nil && seeds != nil { throw ValidationError("--progress-jsonl follows one run; it does not apply with --seeds") }
        if let jobs, jobs < 1 { throw ValidationError("--jobs must be at least 1, got \(jobs)") }
        if jobs != nil && seeds == nil { throw ValidationError("--jobs applies with --seeds") }
        if seeds != nil && seed != nil { throw ValidationError("give either --seed or --seeds, not both") }
        if resume != nil && (config != nil || seeds != nil || seed != nil || force) {
            throw ValidationError("--resume continues a run as it was; it takes only --steps, --episodes, --eval-episodes, --tensorboard, --progress-jsonl, --json and --quiet")
        }
    }

    /// The budget asked for, if any.
    var budget: TrainingBudget? {
        episodes.map(TrainingBudget.episodes) ?? steps.map(TrainingBudget.steps)
    }

    func run() throws {
        if let resume {
            try ResumedRun(command: self, folder: resume).run()
        } else if let seeds {
            try SeedSweep(command: self, seeds: seeds.values).run()
        } else {
            try TrainingRun(command: self).run()
        }
    }

    /// A budget for people: `100,000 steps`.
    static func text(of budget: TrainingBudget) -> String {
        switch budget {
        case .episodes(let count): "\(NumberText.count(count)) episodes"
        case .steps(let count): "\(NumberText.count(count)) steps"
        }
    }

    /// Each agent's default budget, for the help.
    private static var budgetDefaults: String {
        AgentCatalog.standard.entries.map { "\($0.name) \(text(of: $0.defaultConfiguration.budget))" }
            .joined(separator: ", ")
    }
}

/// A list of seeds as `--seeds` takes it: `0-9`, `0,3,7`, or both (`0-4,10`).
struct SeedList: ExpressibleByArgument {
    /// The seeds, in the order given, without repeats.
    var values: [UInt64]

    /// The most seeds one command runs.
    static let maximumCount = 1_000

    init?(argument: String) {
        var values: [UInt64] = []
        for part in argument.split(separator: ",", omittingEmptySubsequences: false) {
            let bounds = part.split(separator: "-", maxSplits: 1, omittingEmptySubsequences: false).map { UInt64($0.trimmingCharacters(in: .whitespaces)) }
            switch bounds.count {
            case 1:
                guard let value = bounds[0] else { return nil }
                values.append(value)
            default:
                guard let low = bounds[0], let high = bounds[1], low <= high, high - low < UInt64(Self.maximumCount) else { return nil }
                values.append(contentsOf: low...high)
            }
        }
        var seen = Set<UInt64>()
        self.values = values.filter { seen.insert($0).inserted }
        guard !self.values.isEmpty, self.values.count <= Self.maximumCount else { return nil }
    }

    static var defaultValueDescription: String { "0-9" }
}
