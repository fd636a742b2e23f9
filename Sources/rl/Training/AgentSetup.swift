import RL

/// An agent to make: its catalog entry and its full configuration.
///
/// `rl train` starts from the agent's recommended configuration for the environment, applies the
/// command line's hyperparameters (read generically against the agent's declaration), the seed
/// and the budget, and makes the agent; `rl watch AGENT ENV` makes an untrained one the same way.
/// ``settings`` describes the configuration as the options that reproduce it.
struct AgentSetup {
    /// The agent, as the catalog knows it.
    let entry: AgentCatalogEntry
    /// Its configuration.
    private(set) var configuration: any AgentConfiguration

    /// The agent called `name` with its recommended configuration for `environmentID`, the
    /// hyperparameters in `arguments` applied, then the seed and the budget when given.
    ///
    /// - Throws: `AgentError.invalidConfiguration` (exit 64) for an unknown agent or
    ///   hyperparameter, a bad value or a refused combination.
    init(
        agent name: String, environmentID: String, arguments: [String] = [], seed: UInt64? = nil,
        budget: TrainingBudget? = nil, catalog: AgentCatalog = .standard
    ) throws {
        let entry = try catalog.entry(named: name)
        try self.init(entry: entry, environmentID: environmentID,
                      settings: try AgentArguments.settings(from: arguments, for: entry), seed: seed, budget: budget)
    }

    /// The agent of `entry` with its recommended configuration for `environmentID`, `settings`
    /// applied (later ones win over earlier ones of the same name), then the seed and budget.
    ///
    /// - Throws: `AgentError.invalidConfiguration` (exit 64) for an unknown hyperparameter, a bad
    ///   value or a refused combination.
    init(entry: AgentCatalogEntry, environmentID: String, settings: [HyperparameterSetting], seed: UInt64?,
         budget: TrainingBudget?) throws {
        self.entry = entry
        // The last value of a name wins (a command-line option over a configuration file's).
        var merged: [HyperparameterSetting] = []
        for setting in settings {
            merged.removeAll { $0.name == setting.name }
            merged.append(setting)
        }
        configuration = try entry.configuration(entry.recommendedConfiguration(for: environmentID), applying: merged)
        if let seed { configuration.seed = seed }
        if let budget { configuration.budget = budget }
        try configuration.validate()
    }

    /// The agent's name (`dqn`).
    var name: String { entry.name }

    /// The configuration as the options that reproduce it: seed and budget first, then the
    /// agent's hyperparameters in the order it declares them.
    var settings: [HyperparameterSetting] {
        let budget = switch configuration.budget {
        case .episodes(let count): HyperparameterSetting("episodes", "\(count)")
        case .steps(let count): HyperparameterSetting("steps", "\(count)")
        }
        return [HyperparameterSetting("seed", "\(configuration.seed)"), budget] + entry.settings(of: configuration)
    }

    /// ``settings`` as command-line words, one option per line.
    var commandLines: [String] {
        settings.map { $0.commandLine(isFlag: entry.hyperparameter(named: $0.name)?.isFlag ?? false) }
    }

    /// Makes the untrained agent for `environment`.
    ///
    /// - Throws: `AgentError.invalidConfiguration` for an out-of-range value,
    ///   `AgentError.doesNotFit` when the agent cannot work with the environment's spaces.
    func makeAgent(for environment: any Environment) throws -> any Agent {
        try entry.makeAgent(configuration: configuration, environment: environment)
    }
}
