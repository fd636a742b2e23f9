import RLCore

/// One value given to a hyperparameter by name, as text: `learning-rate` = `0.001`.
public struct HyperparameterSetting: Equatable, Sendable, CustomStringConvertible {
    /// The hyperparameter's name (`learning-rate`).
    public var name: String
    /// The value as text (`0.001`, `64,64`, `on`).
    public var value: String

    /// A value for the hyperparameter `name`.
    public init(_ name: String, _ value: String) {
        self.name = name
        self.value = value
    }

    /// `--learning-rate 0.001`, or `--double-dqn` / `--no-double-dqn` for a flag.
    public func commandLine(isFlag: Bool) -> String {
        if isFlag { return value == "on" ? "--\(name)" : "--no-\(name)" }
        return "--\(name) \(value.contains(" ") ? "'\(value)'" : value)"
    }

    public var description: String { "\(name)=\(value)" }
}

/// What the catalog knows of one hyperparameter, whatever the agent: for listings and help.
public struct HyperparameterInfo: Sendable, Equatable {
    /// The name (`learning-rate`).
    public var name: String
    /// What it means.
    public var summary: String
    /// The values it takes.
    public var accepts: String
    /// The word for the value in usage lines.
    public var valueName: String
    /// Whether it is an on/off flag.
    public var isFlag: Bool
    /// The values it takes, when they are a closed set.
    public var choices: [String]
    /// The value in the agent's default configuration, as text; `nil` when it does not apply.
    public var defaultValue: String?
}

/// One agent of an ``AgentCatalog``: its declaration (``AgentDefinition``) with the agent's type
/// erased, so that code that does not know the agent (the `rl` command, configuration files,
/// checkpoint loading) can make, configure and load it by name.
public struct AgentCatalogEntry: Sendable {
    /// The agent's name (`dqn`).
    public let name: String
    /// Its other names.
    public let aliases: [String]
    /// One line saying what it is.
    public let summary: String
    /// The spaces it fits.
    public let requirements: SpaceRequirements
    /// Its hyperparameters, in order, with their default values.
    public let hyperparameters: [HyperparameterInfo]
    /// The metrics it records per episode.
    public let metrics: [Metric]
    /// The agent's type.
    public let agentType: any Agent.Type

    private let defaults: @Sendable () -> any AgentConfiguration
    private let recommended: @Sendable (String) -> any AgentConfiguration
    private let apply: @Sendable (any AgentConfiguration, [HyperparameterSetting]) throws -> any AgentConfiguration
    private let describe: @Sendable (any AgentConfiguration) -> [HyperparameterSetting]
    private let make: @Sendable (any AgentConfiguration, any Environment) throws -> any Agent
    private let loadCheckpoint: @Sendable (Checkpoint, (any Environment)?) throws -> any Agent

    /// The entry for an agent type, from its ``Agent/definition``.
    public init<A: Agent>(_ type: A.Type) {
        let definition = A.definition
        name = definition.name
        aliases = definition.aliases
        summary = definition.summary
        requirements = definition.requirements
        metrics = definition.metrics
        agentType = type
        hyperparameters = definition.hyperparameters.map { parameter in
            HyperparameterInfo(
                name: parameter.name, summary: parameter.summary, accepts: parameter.accepts,
                valueName: parameter.valueName, isFlag: parameter.isFlag, choices: parameter.choices,
                defaultValue: parameter.value(in: definition.defaults))
        }
        defaults = { definition.defaults }
        recommended = { definition.recommended($0) }
        apply = { configuration, settings in
            try Self.apply(settings, to: try Self.cast(configuration, to: A.self), definition: definition)
        }
        describe = { configuration in
            guard let configuration = configuration as? A.Configuration else { return [] }
            return definition.hyperparameters.compactMap { parameter in
                parameter.value(in: configuration).map { HyperparameterSetting(parameter.name, $0) }
            }
        }
        make = { configuration, environment in
            try A(configuration: try Self.cast(configuration, to: A.self), environment: environment)
        }
        loadCheckpoint = { checkpoint, environment in
            try A.load(checkpoint, environment: environment)
        }
    }

    /// Every name the agent answers to: its name, then its aliases.
    public var names: [String] { [name] + aliases }

    // MARK: - Configurations

    /// The agent's default configuration.
    public var defaultConfiguration: any AgentConfiguration { defaults() }

    /// The configuration tuned for a registered environment (id or alias), or the defaults.
    public func recommendedConfiguration(for environment: String) -> any AgentConfiguration {
        recommended(environment)
    }

    /// `configuration` with `settings` applied, in the order the agent declares its
    /// hyperparameters (so a preset given with other values is applied first).
    ///
    /// - Throws: ``AgentError/invalidConfiguration(_:)`` for a name the agent does not have
    ///   (with a suggestion when one is close), a value it does not take, a combination it
    ///   refuses, or a configuration of another agent.
    public func configuration(
        _ configuration: any AgentConfiguration, applying settings: [HyperparameterSetting]
    ) throws -> any AgentConfiguration {
        try apply(configuration, settings)
    }

    /// The configuration's hyperparameters as settings, in the agent's order (values that do
    /// not apply are left out): what `--dry-run` prints and configuration files hold.
    public func settings(of configuration: any AgentConfiguration) -> [HyperparameterSetting] {
        describe(configuration)
    }

    /// The hyperparameter called `name`.
    public func hyperparameter(named name: String) -> HyperparameterInfo? {
        hyperparameters.first { $0.name == name }
    }

    // MARK: - Agents

    /// An untrained agent with `configuration` for `environment`'s spaces.
    ///
    /// - Throws: ``AgentError/doesNotFit(_:)`` when the agent cannot work with the spaces,
    ///   ``AgentError/invalidConfiguration(_:)`` for a bad configuration.
    public func makeAgent(configuration: any AgentConfiguration, environment: any Environment) throws -> any Agent {
        try make(configuration, environment)
    }

    /// The agent a checkpoint holds, bound to `environment`'s spaces when given.
    ///
    /// - Throws: ``AgentError/invalidCheckpoint(_:)`` when the checkpoint does not fit the
    ///   agent; ``AgentError/doesNotFit(_:)`` when `environment` does not.
    public func load(_ checkpoint: Checkpoint, environment: (any Environment)? = nil) throws -> any Agent {
        try loadCheckpoint(checkpoint, environment)
    }

    // MARK: - Helpers

    private static func cast<A: Agent>(_ configuration: any AgentConfiguration, to type: A.Type) throws -> A.Configuration {
        guard let typed = configuration as? A.Configuration else {
            throw AgentError.invalidConfiguration("a \(Swift.type(of: configuration)) is not a configuration of \(A.name)")
        }
        return typed
    }

    private static func apply<A: Agent>(
        _ settings: [HyperparameterSetting], to configuration: A.Configuration, definition: AgentDefinition<A>
    ) throws -> A.Configuration {
        let known = definition.hyperparameters.map(\.name)
        var given: [String: String] = [:]
        for setting in settings {
            guard known.contains(setting.name) else {
                let hint = NameSuggestion.hint(for: setting.name, among: known, prefix: "--")
                let own = known.isEmpty ? "it has no hyperparameters besides the seed and the budget"
                    : "`rl list \(definition.name)` lists its options"
                throw AgentError.invalidConfiguration("\(definition.name) has no option --\(setting.name)\(hint) (\(own))")
            }
            guard given[setting.name] == nil else {
                throw AgentError.invalidConfiguration("--\(setting.name) is given twice")
            }
            given[setting.name] = setting.value
        }
        try definition.checkCombination(given)
        var result = configuration
        for parameter in definition.hyperparameters {
            if let value = given[parameter.name] { try parameter.set(value, in: &result) }
        }
        return result
    }
}
