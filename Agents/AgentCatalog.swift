import Foundation

/// The suite's agents by name: what the `rl` command lists, trains and loads.
public enum AgentKind: String, CaseIterable, Sendable {
    case random
    case qtable
    case qnetwork
    case dqn
    case reinforce

    /// Finds an agent by name or alias (`pg` is REINFORCE), ignoring case.
    ///
    /// - Throws: ``AgentError/invalidConfiguration(_:)`` listing the known names.
    public static func named(_ name: String) throws -> AgentKind {
        let key = name.lowercased()
        if let kind = AgentKind(rawValue: key) { return kind }
        if let kind = allCases.first(where: { $0.aliases.contains(key) }) { return kind }
        let known = allCases.flatMap { [$0.rawValue] + $0.aliases }
        throw AgentError.invalidConfiguration("unknown agent '\(name)'; known: \(known.joined(separator: ", "))")
    }

    /// Other names the agent answers to.
    public var aliases: [String] {
        self == .reinforce ? ["pg"] : []
    }

    /// The agent's type.
    public var agentType: any Agent.Type {
        switch self {
        case .random: RandomAgent.self
        case .qtable: QTableAgent.self
        case .qnetwork: QNetworkAgent.self
        case .dqn: DQNAgent.self
        case .reinforce: ReinforceAgent.self
        }
    }

    /// One line saying what the agent is.
    public var summary: String {
        switch self {
        case .random: "uniformly random actions (the baseline)"
        case .qtable: "tabular Q-learning, the notes' progression from the dummy rule to α and γ"
        case .qnetwork: "online Q-learning with a network, no replay, no target network (the notes' 8.1)"
        case .dqn: "deep Q-network: replay buffer, target network, Double DQN (the notes' 8.2)"
        case .reinforce: "REINFORCE policy gradient with normalised returns (the notes' 8.3)"
        }
    }

    /// The spaces the agent fits.
    public var fits: String {
        switch self {
        case .random: "any observations, Discrete actions"
        case .qtable: "Discrete observations, Discrete actions"
        case .qnetwork, .dqn, .reinforce: "Discrete or Box observations, Discrete actions"
        }
    }

    /// Loads the agent stored in a checkpoint file, whatever its type.
    ///
    /// - Throws: ``AgentError/invalidCheckpoint(_:)`` for a missing, corrupt or foreign file,
    ///   an unknown agent, or tensors that do not fit.
    public static func load(from url: URL) throws -> any Agent {
        try load(Checkpoint.load(from: url))
    }

    /// Makes the agent stored in a checkpoint, whatever its type.
    ///
    /// - Throws: ``AgentError/invalidCheckpoint(_:)`` for an unknown agent name or a
    ///   checkpoint the agent cannot use.
    public static func load(_ checkpoint: Checkpoint) throws -> any Agent {
        guard let kind = AgentKind(rawValue: checkpoint.agent) else {
            throw AgentError.invalidCheckpoint("the checkpoint holds an unknown agent '\(checkpoint.agent)'")
        }
        return try kind.agentType.load(checkpoint)
    }
}
