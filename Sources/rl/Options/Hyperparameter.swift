import ArgumentParser
import RL

/// The hyperparameter options of `rl train`: each one's flag and the agents that have it.
///
/// This is the one place that says which option belongs to which agent; the help texts
/// (``help(_:valueName:)``) and the check that refuses an option the agent lacks read it.
enum Hyperparameter: String, CaseIterable {
    case preset, exploration
    case noiseScale = "noise-scale"
    case learningRate = "learning-rate"
    case discount, epsilon, hidden, activation, initialization
    case bufferCapacity = "buffer-capacity"
    case batchSize = "batch-size"
    case learningStarts = "learning-starts"
    case trainFrequency = "train-frequency"
    case gradientSteps = "gradient-steps"
    case targetUpdateInterval = "target-update-interval"
    case targetUpdateRate = "target-update-rate"
    case loss
    case maxGradientNorm = "max-gradient-norm"
    case doubleDQN = "double-dqn"
    case solvedThreshold = "solved-threshold"
    case solvedEpisodes = "solved-episodes"
    case entropyCoefficient = "entropy-coefficient"
    case normalizeReturns = "normalize-returns"

    /// The option as typed: `--batch-size`.
    var flag: String { "--" + rawValue }

    /// The agents that have the hyperparameter.
    var agents: [AgentKind] {
        switch self {
        case .preset, .exploration, .noiseScale: [.qtable]
        case .learningRate, .discount: [.qtable, .qnetwork, .dqn, .reinforce]
        case .epsilon: [.qtable, .qnetwork, .dqn]
        case .hidden, .activation, .initialization: [.qnetwork, .dqn, .reinforce]
        case .bufferCapacity, .batchSize, .learningStarts, .trainFrequency, .gradientSteps,
             .targetUpdateInterval, .targetUpdateRate, .loss, .maxGradientNorm, .doubleDQN:
            [.dqn]
        case .solvedThreshold, .solvedEpisodes: [.dqn, .reinforce]
        case .entropyCoefficient, .normalizeReturns: [.reinforce]
        }
    }

    /// The help text: `abstract`, then the agents and each one's default, read from the
    /// agents' default configurations (`(dqn; default 64)`, `(default: qtable
    /// linear:0.1,0.01,20000, dqn 0.0023, …)`).
    func help(_ abstract: String, valueName: String? = nil) -> ArgumentHelp {
        let defaults = agents.map { kind in
            (kind, AgentSetup.defaultSetup(for: kind).settings.first { $0.name == rawValue }?.displayValue)
        }
        let known = defaults.compactMap { kind, value in value.map { (kind, $0) } }
        let agentNames = agents.map(\.rawValue).joined(separator: ", ")
        let note: String
        if known.isEmpty {
            note = "(\(agentNames))"
        } else if Set(known.map(\.1)).count == 1, known.count == agents.count {
            note = "(\(agentNames); default \(known[0].1))"
        } else {
            note = "(default: " + known.map { "\($0.0.rawValue) \($0.1)" }.joined(separator: ", ") + ")"
        }
        return ArgumentHelp("\(abstract) \(note)", valueName: valueName)
    }
}
