import ArgumentParser
import Foundation
import RL

/// `rl list`: the environments and agents, as tables; `rl list ENV`: one environment in detail.
struct ListCommand: ParsableCommand {
    static let configuration = CommandConfiguration(
        commandName: "list",
        abstract: "List the environments and agents, or describe one environment.",
        discussion: "With an environment name, shows its spaces, actions, time limit and options."
    )

    @Argument(help: ArgumentHelp("An environment to describe (id or alias).", valueName: "env"))
    var environmentName: String?

    func run() throws {
        if let environmentName {
            print(try Self.details(of: MadeEnvironment(environmentName, options: [:])), terminator: "")
        } else {
            print(try Self.overview(), terminator: "")
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
        for kind in AgentKind.allCases {
            let fitting = environments.filter { fits(kind, $0.environment) }.map(\.registration.aliases)
            agentTable.add(
                kind.rawValue, kind.aliases.isEmpty ? "-" : kind.aliases.joined(separator: ", "), kind.fits,
                fitting.count == environments.count ? "all" : fitting.flatMap { $0 }.joined(separator: ", "))
        }
        return "Environments\n" + environmentTable.text() + "\nAgents\n" + agentTable.text()
            + "\n`rl list ENV` describes an environment and its options; `rl train --help` the agents' options.\n"
    }

    /// Whether the agent can be built for the environment's spaces.
    private static func fits(_ kind: AgentKind, _ environment: any Environment) -> Bool {
        (try? SpaceLayout(
            observationSpace: environment.observationSpace, actionSpace: environment.actionSpace,
            encoding: kind.agentType.observationEncoding, agent: kind.rawValue)) != nil
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
