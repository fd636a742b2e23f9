import ArgumentParser
import Foundation
import RL

/// `rl train AGENT ENV`: trains an agent, saves its checkpoint and metrics, and evaluates it.
///
/// Everything is checked before training starts (agent, environment and options, whether the
/// agent fits, hyperparameter ranges, the output folder), and the run folder is created only
/// when there is something to save. Ctrl-C ends training after the current episode; the
/// checkpoint and metrics are still saved and the command exits with code 130.
struct TrainCommand: ParsableCommand {
    static let configuration = CommandConfiguration(
        commandName: "train",
        abstract: "Train an agent on an environment.",
        discussion: """
            Hyperparameters left out take the agent's recommended configuration for the environment \
            (the help shows the general defaults; --dry-run prints the values a run would use). \
            The run folder receives checkpoint.safetensors and metrics.csv (one row per episode: \
            episode, steps, return, length, epsilon, loss, seconds). Progress goes to standard \
            error, the summary to standard output. Ctrl-C stops training after the current episode \
            and still saves (exit code 130).

            Examples:
              rl train dqn cartpole
              rl train qtable frozenlake --no-slippery --preset dummy
              rl train reinforce cartpole --seed 3 --json
            """
    )

    /// The exit code of a run stopped with Ctrl-C (128 + SIGINT, as shells report it).
    static let interruptedExitCode: Int32 = 130

    @Argument(help: ArgumentHelp(
        "The agent: \(AgentKind.allCases.map { ([$0.rawValue] + $0.aliases).joined(separator: " or ") }.joined(separator: ", ")).",
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

    @OptionGroup(title: "Agent options (each names the agents that have it; the others refuse it)")
    var hyperparameters: HyperparameterOptions

    func validate() throws {
        if episodes != nil && steps != nil {
            throw ValidationError("give either --episodes or --steps, not both")
        }
        if let episodes, episodes < 1 { throw ValidationError("--episodes must be at least 1, got \(episodes)") }
        if let steps, steps < 1 { throw ValidationError("--steps must be at least 1, got \(steps)") }
        if evalEpisodes < 0 { throw ValidationError("--eval-episodes must be 0 or more, got \(evalEpisodes)") }
    }

    /// The budget asked for, if any.
    private var budget: TrainingBudget? {
        episodes.map(TrainingBudget.episodes) ?? steps.map(TrainingBudget.steps)
    }

    func run() throws {
        // 1. Check everything before anything is written.
        let kind = try AgentKind.named(agentName)
        var made = try environmentOptions.makeEnvironment(environmentName)
        let setup = try AgentSetup.recommended(for: kind, environmentID: made.id)
            .applying(hyperparameters)
            .with(seed: seed, budget: budget)
        let agent = try setup.makeAgent(for: made.environment)
        let folder = try RunFolder(path: outputPath, agent: kind, environment: made.id, seed: seed)
        if dryRun {
            print("\(kind.rawValue) on \(made.title), writing to \(folder.path)")
            print(setup.settings.map { "  " + $0.commandLine }.joined(separator: "\n"))
            return
        }

        // 2. Train, stopping cleanly on Ctrl-C.
        let display = ProgressDisplay(style: ProgressDisplay.style(quiet: quiet), budget: setup.configuration.budget)
        Interruption.install()
        if !quiet {
            StandardError.writeLine("training \(kind.rawValue) on \(made.title) for \(Self.text(of: setup.configuration.budget)), seed \(seed) → \(folder.path)")
        }
        let report = try Self.train(agent, on: &made.environment) { progress in
            display.update(progress)
            return Interruption.isRequested ? .stop : .proceed
        }
        display.finish()

        // 3. Save, then evaluate (a Ctrl-C from here on ends the process: the files are safe).
        try folder.save(agent: agent, environment: made.reference, report: report)
        Interruption.restoreDefault()
        let interrupted = report.stoppedEarly
        let evaluation = interrupted || evalEpisodes == 0
            ? nil : try GreedyEvaluation.run(agent, on: made.environment, episodes: evalEpisodes, seed: seed)

        let summary = RunSummary(
            agent: kind, environment: made, settings: setup.settings, seed: seed, report: report,
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
    private static func train(_ agent: any Agent, on environment: inout any Environment, progress: @escaping ProgressHandler)
        throws -> TrainingReport {
        func train<A: Agent, E: Environment>(_ agent: A, _ environment: inout E) throws -> TrainingReport {
            try agent.train(on: &environment, progress: progress)
        }
        return try train(agent, &environment)
    }

    /// A budget for people: `100,000 steps`.
    private static func text(of budget: TrainingBudget) -> String {
        switch budget {
        case .episodes(let count): "\(NumberText.count(count)) episodes"
        case .steps(let count): "\(NumberText.count(count)) steps"
        }
    }

    /// Each agent's default budget, for the help.
    private static var budgetDefaults: String {
        AgentKind.allCases.map { "\($0.rawValue) \(text(of: AgentSetup.defaultSetup(for: $0).configuration.budget))" }
            .joined(separator: ", ")
    }
}
