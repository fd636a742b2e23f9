import ArgumentParser
import Foundation
import RL
import RLTensorBoard

/// `rl train AGENT ENV`: trains an agent, saves its checkpoint and metrics, and evaluates it.
///
/// Everything is checked before training starts (agent, environment and options, whether the
/// agent fits, hyperparameter ranges, the output folder), and the run folder is created only
/// when there is something to save. Ctrl-C ends training after the current step; the
/// checkpoint and metrics are still saved and the command exits with code 130.
struct TrainCommand: ParsableCommand {
    static let configuration = CommandConfiguration(
        commandName: "train",
        abstract: "Train an agent on an environment.",
        discussion: """
            Agent options: every hyperparameter the agent declares is an option, --NAME VALUE \
            (--NAME / --no-NAME for on/off ones); `rl list AGENT` lists them with their values and \
            defaults. Hyperparameters left out take the agent's recommended configuration for the \
            environment; --dry-run prints the values a run would use. The run folder receives \
            checkpoint.safetensors and metrics.csv (one row per episode: episode, steps, return, \
            length, the agent's metrics such as epsilon and loss, seconds). Progress goes to standard \
            error, the summary to standard output. Ctrl-C stops training after the current step and \
            still saves (exit code 130). --tensorboard DIR also writes TensorBoard event files to \
            DIR/RUN (RUN: the run folder's name) with CleanRL's tags (charts/episodic_return, \
            charts/SPS, losses/td_loss, ...) and the hyperparameters as text.

            Examples:
              rl train dqn cartpole
              rl train dqn cartpole --learning-rate 0.001 --hidden 128,128 --no-double-dqn
              rl train qtable frozenlake --no-slippery --preset dummy
              rl train reinforce cartpole --seed 3 --json
              rl train dqn cartpole --tensorboard runs/tensorboard
            """
    )

    /// The exit code of a run stopped with Ctrl-C (128 + SIGINT, as shells report it).
    static let interruptedExitCode: Int32 = 130

    @Argument(help: ArgumentHelp(
        "The agent: \(AgentCatalog.standard.entries.map { $0.names.joined(separator: " or ") }.joined(separator: ", ")).",
        valueName: "agent"))
    var agentName: String

    @Argument(help: ArgumentHelp("The environment, by id or alias (`rl list` shows them).", valueName: "env"))
    var environmentName: String

    @Option(parsing: .unconditional, help: "The seed of the whole run: resets, exploration, weights, sampling.")
    var seed: UInt64 = 0

    @Option(parsing: .unconditional, help: ArgumentHelp("Train for this many episodes (default: the agent's; \(Self.budgetDefaults)).", valueName: "n"))
    var episodes: Int?

    @Option(parsing: .unconditional, help: ArgumentHelp("Train for this many environment steps instead of episodes.", valueName: "n"))
    var steps: Int?

    @Option(name: .customLong("out"), help: ArgumentHelp(
        "The run folder (default: a new folder runs/AGENT-ENV-seedS-TIME).", valueName: "dir"))
    var outputPath: String?

    @Option(name: .customLong("tensorboard"), help: ArgumentHelp(
        "Also write TensorBoard event files, to DIR/<run folder name> (tensorboard --logdir DIR).", valueName: "dir"))
    var tensorBoardPath: String?

    @Option(parsing: .unconditional, help: ArgumentHelp("Greedy evaluation episodes after training, 0 to skip.", valueName: "n"))
    var evalEpisodes: Int = 100

    @Flag(help: "Print the summary as one JSON object on standard output.")
    var json = false

    @Flag(help: "Show no progress while training.")
    var quiet = false

    @Flag(help: "Check everything and print the configuration the run would use, without training or writing anything.")
    var dryRun = false

    @OptionGroup(title: "Environment options")
    var environmentOptions: EnvironmentOptionGroup

    @Argument(parsing: .allUnrecognized, help: ArgumentHelp(
        "The agent's hyperparameters, --NAME VALUE (`rl list AGENT` lists them).", valueName: "agent-options"))
    var agentArguments: [String] = []

    func validate() throws {
        if episodes != nil && steps != nil {
            throw ValidationError("give either --episodes or --steps, not both")
        }
        if let episodes, episodes < 1 { throw ValidationError("--episodes must be at least 1, got \(episodes)") }
        if let steps, steps < 1 { throw ValidationError("--steps must be at least 1, got \(steps)") }
        if evalEpisodes < 0 { throw ValidationError("--eval-episodes must be 0 or more, got \(evalEpisodes)") }
        if tensorBoardPath?.isEmpty == true { throw ValidationError("--tensorboard needs a folder") }
    }

    /// The budget asked for, if any.
    private var budget: TrainingBudget? {
        episodes.map(TrainingBudget.episodes) ?? steps.map(TrainingBudget.steps)
    }

    func run() throws {
        // 1. Check everything before anything is written.
        var made = try environmentOptions.makeEnvironment(environmentName)
        let setup = try AgentSetup(
            agent: agentName, environmentID: made.id, arguments: agentArguments, seed: seed, budget: budget)
        let agent = try setup.makeAgent(for: made.environment)
        let folder = try RunFolder(path: outputPath, agent: setup.name, environment: made.id, seed: seed)
        if dryRun {
            print("\(setup.name) on \(made.title), writing to \(folder.path)")
            print(setup.commandLines.map { "  " + $0 }.joined(separator: "\n"))
            return
        }

        // 2. Train, stopping cleanly on Ctrl-C (checked at every step).
        let tensorBoard = try tensorBoardPath.map { [try TensorBoardCallback(
            directory: URL(fileURLWithPath: $0).appendingPathComponent(folder.url.lastPathComponent),
            hyperparameters: [HyperparameterSetting("agent", setup.name), HyperparameterSetting("environment", made.title)]
                + setup.settings)] } ?? []
        let display = ProgressDisplay(style: ProgressDisplay.style(quiet: quiet), budget: setup.configuration.budget)
        Interruption.install()
        if !quiet {
            StandardError.writeLine("training \(setup.name) on \(made.title) for \(Self.text(of: setup.configuration.budget)), seed \(seed) → \(folder.path)")
        }
        let callbacks: [any TrainingCallback] = [ProgressCallback { display.update($0); return .proceed }, InterruptionCallback()] + tensorBoard
        let report = try Self.train(agent, on: &made.environment, callbacks: callbacks)
        display.finish()

        // 3. Save, then evaluate (a Ctrl-C from here on ends the process: the files are safe).
        try folder.save(agent: agent, environment: made.reference, report: report)
        Interruption.restoreDefault()
        let interrupted = report.stoppedEarly
        let evaluation = interrupted || evalEpisodes == 0
            ? nil : try GreedyEvaluation.run(agent, on: made.environment, episodes: evalEpisodes, seed: seed)

        let summary = RunSummary(
            agent: setup.name, environment: made, settings: setup.settings, seed: seed, report: report,
            evaluation: evaluation, folder: folder)
        if json {
            try JSONOutput.print(summary)
        } else {
            print(summary.text, terminator: "")
        }
        if interrupted {
            StandardError.writeLine("interrupted: training stopped after \(report.episodes.count) episodes; the checkpoint and metrics are saved")
            throw ExitCode(Self.interruptedExitCode)
        }
    }

    /// Trains any agent on any environment (opening both existentials).
    private static func train(_ agent: any Agent, on environment: inout any Environment, callbacks: [any TrainingCallback])
        throws -> TrainingReport {
        func train<A: Agent, E: Environment>(_ agent: A, _ environment: inout E) throws -> TrainingReport {
            try agent.train(on: &environment, callbacks: callbacks)
        }
        return try train(agent, &environment)
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
