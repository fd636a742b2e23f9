import RLCore
import RLEnvironments

/// The standard registry as `swiftrl_registry_json` describes it: every environment's id,
/// aliases, summary, time limit, reward threshold, options, and its spaces with the default
/// options (FrozenLake's observation space grows with its map).
///
/// ```json
/// {"environments": [{"id": "CartPole-v1", "aliases": ["cartpole"], "max_episode_steps": 500,
///   "reward_threshold": 475, "summary": "…", "options": [{"name": "sutton-barto-reward",
///   "help": "…", "default_value": "false"}, …], "observation_space": {…}, "action_space": {…}}, …]}
/// ```
struct RegistryDescription: Encodable {
    struct Option: Encodable {
        var name: String
        var help: String
        var defaultValue: String?
    }

    struct Entry: Encodable {
        var id: String
        var aliases: [String]
        var summary: String
        var maxEpisodeSteps: Int?
        var rewardThreshold: Double?
        var options: [Option]
        var observationSpace: SpaceDescription
        var actionSpace: SpaceDescription
    }

    var environments: [Entry]

    /// The description of `registry`.
    ///
    /// - Throws: an environment's error when it cannot be made with its default options, or
    ///   ``InterfaceError`` for a space the interface cannot describe.
    init(_ registry: EnvironmentRegistry = .standard) throws {
        environments = try registry.registrations.map { registration in
            let environment = try registration.make()
            return Entry(
                id: registration.id, aliases: registration.aliases, summary: registration.summary,
                maxEpisodeSteps: registration.maxEpisodeSteps, rewardThreshold: registration.rewardThreshold,
                options: registration.allOptions.map { Option(name: $0.name, help: $0.help, defaultValue: $0.defaultValue) },
                observationSpace: try SpaceDescription(environment.observationSpace),
                actionSpace: try SpaceDescription(environment.actionSpace))
        }
    }
}
