import ArgumentParser
import Foundation
import RL

/// `rl list`: the environments and agents, as tables; `rl list ENV`: one environment in detail;
/// `rl list AGENT`: one agent and its hyperparameters.
struct ListCommand: ParsableCommand {
    static let configuration = CommandConfiguration(
        commandName: "list",
        abstract: "List the environments and agents, or describe one environment or agent.",
        discussion: """
            With an environment name, shows its spaces, actions, time limit and options. With an \
            agent name, shows what it fits and every hyperparameter: the option, its default, the \
            values it takes and what it means (`rl train AGENT ENV --dry-run` shows the values a run \
            on a given environment would use).
            """
    )

    @Argument(help: ArgumentHelp("An environment (id or alias) or an agent to describe.", valueName: "env-or-agent"), completion: NameCompletion.environmentsAndAgents)
    var name: String?

    func run() throws {
        guard let name else {
            print(try Self.overview(), terminator: "")
            return
        }
        if let entry = try? AgentCatalog.standard.entry(named: name) {
            print(Self.details(of: entry), terminator: "")
            return
        }
        do {
            print(try Self.details(of: MadeEnvironment(name, options: [:])), terminator: "")
        } catch EnvironmentError.unknownEnvironment(let id, let known) {
            let agents = AgentCatalog.standard.names
            throw CommandFailure(
                "'\(id)' is neither an environment nor an agent\(NameSuggestion.hint(for: id, among: known + agents)); "
                    + "environments: \(known.joined(separator: ", ")); agents: \(agents.joined(separator: ", "))",
                exitCode: .validationFailure)
        }
    }

    // MARK: - Overview

    private static func overview() throws -> String {
        let registrations = EnvironmentRegistry.standard.registrations
        let environments = try registrations.map { try MadeEnvironment($0.id, options: [:]) }

        var environmentTable = TextTable("ID", "ALIASES", "OBSERVATIONS", "ACTIONS", "TIME LIMIT", "SOLVED AT")
        for made in environments {
            let registration = made.registration
            environmentTable.add(
                registration.id, registration.aliases.joined(separator: ", "),
                SpaceText.short(made.environment.observationSpace), SpaceText.short(made.environment.actionSpace),
                timeLimitColumn(made), registration.rewardThreshold.map(NumberText.plain) ?? "-")
        }

        var agentTable = TextTable("NAME", "ALIASES", "FITS", "TRAINS ON")
        for entry in AgentCatalog.standard.entries {
            // Each environment by its shortest name (its alias, or its id when it has none).
            let fitting = environments.filter { fits(entry, $0.environment) }.map { $0.registration.aliases.last ?? $0.registration.id }
            agentTable.add(
                entry.name, entry.aliases.isEmpty ? "-" : entry.aliases.joined(separator: ", "), entry.requirements.description,
                fitting.count == environments.count ? "all" : fitting.isEmpty ? "none" : fitting.joined(separator: ", "))
        }
        return "Environments\n" + environmentTable.text() + "\nAgents\n" + agentTable.text()
            + "\n`rl list ENV` describes an environment and its options; `rl list AGENT` an agent and its hyperparameters.\n"
    }

    /// Whether the agent can be built for the environment's spaces.
    private static func fits(_ entry: AgentCatalogEntry, _ environment: any Environment) -> Bool {
        (try? SpaceLayout(
            observationSpace: environment.observationSpace, actionSpace: environment.actionSpace,
            requirements: entry.requirements, agent: entry.name)) != nil
    }

    /// The time limit the environment is made with, and whether its map sets it.
    private static func timeLimit(_ made: MadeEnvironment) -> (steps: Int?, setByMap: Bool) {
        if let steps = made.registration.maxEpisodeSteps { return (steps, false) }
        // A grid world's map sets its own limit, inside the environment rather than the registry.
        if let gridWorld = made.environment as? GridWorld, let steps = gridWorld.map.stepLimit { return (steps, true) }
        return (nil, false)
    }

    /// The time limit for the overview's column: `100`, `100 (map)` or `none`.
    private static func timeLimitColumn(_ made: MadeEnvironment) -> String {
        let limit = timeLimit(made)
        return limit.steps.map { "\($0)" + (limit.setByMap ? " (map)" : "") } ?? "none"
    }

    // MARK: - One agent

    private static func details(of entry: AgentCatalogEntry) -> String {
        var lines = LabeledLines(entry.name + (entry.aliases.isEmpty ? "" : " (\(entry.aliases.joined(separator: ", ")))"))
        lines.add("agent", entry.summary)
        lines.add("fits", entry.requirements.description)
        lines.add("budget", "\(TrainCommand.text(of: entry.defaultConfiguration.budget)) by default (--episodes N or --steps N)")
        lines.add("metrics", entry.metrics.isEmpty ? "none" : entry.metrics.map(\.name).joined(separator: ", "))
        guard !entry.hyperparameters.isEmpty else {
            return lines.text + "\nIt has no hyperparameters besides --seed and the budget.\n"
        }
        var options = TextTable("OPTION", "DEFAULT", "VALUES", "MEANING")
        for parameter in entry.hyperparameters {
            options.add(
                parameter.isFlag ? "--\(parameter.name)/--no-\(parameter.name)" : "--\(parameter.name) \(parameter.valueName)",
                parameter.defaultValue ?? "-", parameter.accepts, parameter.summary)
        }
        var text = lines.text + "\nOptions (rl train \(entry.name) ENV --OPTION VALUE; on a registered environment the defaults "
            + "may start from tuned values: see --dry-run)\n" + options.text()
        if entry.hyperparameters.contains(where: { $0.accepts.hasPrefix("a schedule") }) {
            text += "\nSchedules are written \(Schedule.syntax).\n"
        }
        return text
    }

    // MARK: - One environment

    private static func details(of made: MadeEnvironment) throws -> String {
        let registration = made.registration
        let environment = made.environment
        var lines = LabeledLines(registration.id + (registration.aliases.isEmpty ? "" : " (\(registration.aliases.joined(separator: ", ")))"))
        lines.add("task", registration.summary)
        lines.add("observations", "\(environment.observationSpace)")
        var actions = "\(environment.actionSpace)"
        if let names = (environment as? ActionNaming)?.actionNames {
            actions += ": " + names.enumerated().map { "\($0.offset) \($0.element)" }.joined(separator: ", ")
        }
        lines.add("actions", actions)
        let limit = timeLimit(made)
        lines.add("time limit", limit.steps.map { "\($0) steps" + (limit.setByMap ? " (set by the map)" : "") } ?? "none")
        if let threshold = registration.rewardThreshold {
            lines.add("solved at", "a mean return of \(NumberText.plain(threshold)) over 100 episodes")
        }
        var options = TextTable("OPTION", "FLAG", "DEFAULT", "MEANING")
        for option in registration.allOptions {
            options.add(
                option.name, EnvironmentOptionGroup.flags[option.name] ?? "--option \(option.name)=…",
                option.defaultValue ?? "-", option.help)
        }
        return lines.text + "\nOptions\n" + options.text()
    }
}
