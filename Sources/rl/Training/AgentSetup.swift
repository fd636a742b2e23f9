import Foundation
import RL

/// An agent to make: its kind and its full configuration.
///
/// `rl train` starts from the agent's recommended configuration for the environment
/// (``recommended(for:environmentID:)``), applies the command line's hyperparameters
/// (``applying(_:)``), seed and budget, and makes the agent; `rl watch AGENT ENV` makes an
/// untrained one the same way. ``settings`` describes the configuration as the options that
/// reproduce it.
enum AgentSetup {
    case random(RandomAgent.Configuration)
    case qtable(QTableAgent.Configuration)
    case qnetwork(QNetworkAgent.Configuration)
    case dqn(DQNAgent.Configuration)
    case reinforce(ReinforceAgent.Configuration)

    /// The noise scale of the notes' "add random noise" exploration (`randn / (i + 1)`), used
    /// when `--exploration noise` is asked for without `--noise-scale` on a configuration
    /// that did not explore by noise.
    static let notesNoiseScale = 1.0

    // MARK: - Starting points

    /// The configuration that solves `environmentID` where the agent has one
    /// (`Configuration.recommended(for:)`), else the agent's defaults.
    static func recommended(for kind: AgentKind, environmentID: String) -> AgentSetup {
        switch kind {
        case .random: .random(RandomAgent.Configuration())
        case .qtable: .qtable(QTableAgent.Configuration.recommended(for: environmentID))
        case .qnetwork: .qnetwork(QNetworkAgent.Configuration())
        case .dqn: .dqn(DQNAgent.Configuration.recommended(for: environmentID))
        case .reinforce: .reinforce(ReinforceAgent.Configuration.recommended(for: environmentID))
        }
    }

    /// The agent's defaults, as the help texts show them.
    static func defaultSetup(for kind: AgentKind) -> AgentSetup {
        switch kind {
        case .random: .random(RandomAgent.Configuration())
        case .qtable: .qtable(QTableAgent.Configuration())
        case .qnetwork: .qnetwork(QNetworkAgent.Configuration())
        case .dqn: .dqn(DQNAgent.Configuration())
        case .reinforce: .reinforce(ReinforceAgent.Configuration())
        }
    }

    /// The agent's kind.
    var kind: AgentKind {
        switch self {
        case .random: .random
        case .qtable: .qtable
        case .qnetwork: .qnetwork
        case .dqn: .dqn
        case .reinforce: .reinforce
        }
    }

    /// The configuration, whatever its type.
    var configuration: any AgentConfiguration {
        switch self {
        case .random(let configuration): configuration
        case .qtable(let configuration): configuration
        case .qnetwork(let configuration): configuration
        case .dqn(let configuration): configuration
        case .reinforce(let configuration): configuration
        }
    }

    // MARK: - Changing

    /// The setup with the seed and, when given, the budget replaced.
    func with(seed: UInt64, budget: TrainingBudget?) -> AgentSetup {
        func update<Configuration: AgentConfiguration>(_ configuration: Configuration) -> Configuration {
            var copy = configuration
            copy.seed = seed
            if let budget { copy.budget = budget }
            return copy
        }
        return switch self {
        case .random(let configuration): .random(update(configuration))
        case .qtable(let configuration): .qtable(update(configuration))
        case .qnetwork(let configuration): .qnetwork(update(configuration))
        case .dqn(let configuration): .dqn(update(configuration))
        case .reinforce(let configuration): .reinforce(update(configuration))
        }
    }

    /// The setup with the command line's hyperparameters applied.
    ///
    /// - Throws: ``CommandFailure`` for an option the agent does not have or contradictory
    ///   options (`--exploration none --epsilon 0.1`). Ranges are checked when the agent is
    ///   made, by the configuration's `validate()`.
    func applying(_ options: HyperparameterOptions) throws -> AgentSetup {
        try options.checkApplies(to: kind)
        return switch self {
        case .random: self
        case .qtable(let configuration): .qtable(try Self.apply(options, to: configuration))
        case .qnetwork(let configuration): .qnetwork(try Self.apply(options, to: configuration))
        case .dqn(let configuration): .dqn(try Self.apply(options, to: configuration))
        case .reinforce(let configuration): .reinforce(try Self.apply(options, to: configuration))
        }
    }

    private static func apply(_ options: HyperparameterOptions, to recommended: QNetworkAgent.Configuration) throws
        -> QNetworkAgent.Configuration {
        var configuration = recommended
        configuration.network = network(configuration.network, options)
        configuration.learningRate = try constantRate(options) ?? configuration.learningRate
        configuration.discount = options.discount ?? configuration.discount
        configuration.exploration = options.epsilon ?? configuration.exploration
        return configuration
    }

    private static func apply(_ options: HyperparameterOptions, to recommended: ReinforceAgent.Configuration) throws
        -> ReinforceAgent.Configuration {
        var configuration = recommended
        configuration.network = network(configuration.network, options)
        configuration.learningRate = try constantRate(options) ?? configuration.learningRate
        configuration.discount = options.discount ?? configuration.discount
        configuration.entropyCoefficient = options.entropyCoefficient ?? configuration.entropyCoefficient
        configuration.normalizeReturns = options.normalizeReturns ?? configuration.normalizeReturns
        configuration.solved = try solved(configuration.solved, options)
        return configuration
    }

    private static func apply(_ options: HyperparameterOptions, to recommended: QTableAgent.Configuration) throws
        -> QTableAgent.Configuration {
        var configuration = recommended
        switch options.preset {
        case nil: break
        case .dummy: configuration = .notesDummy
        case .exploration: configuration = .notesExploration(QTableAgent.Configuration.notesEpsilon)
        case .learningRate: configuration = .notesLearningRate
        }
        configuration.learningRate = options.learningRate ?? configuration.learningRate
        configuration.discount = options.discount ?? configuration.discount

        // The exploration: the one asked for, or the one --epsilon / --noise-scale imply.
        let asked = options.exploration ?? (options.epsilon != nil ? .epsilon : options.noiseScale != nil ? .noise : nil)
        if options.epsilon != nil && asked != .epsilon {
            throw CommandFailure("--epsilon applies only with --exploration epsilon", exitCode: .validationFailure)
        }
        if options.noiseScale != nil && asked != .noise {
            throw CommandFailure("--noise-scale applies only with --exploration noise", exitCode: .validationFailure)
        }
        switch (asked, configuration.exploration) {
        case (nil, _):
            break
        case (.greedyOnly, _):
            configuration.exploration = .none
        case (.epsilon, .epsilonGreedy(let schedule)):
            configuration.exploration = .epsilonGreedy(options.epsilon ?? schedule)
        case (.epsilon, _):
            configuration.exploration = options.epsilon.map { .epsilonGreedy($0) } ?? QTableAgent.Configuration.notesEpsilon
        case (.noise, .noise(let scale)):
            configuration.exploration = .noise(scale: options.noiseScale ?? scale)
        case (.noise, _):
            configuration.exploration = .noise(scale: options.noiseScale ?? notesNoiseScale)
        }
        return configuration
    }

    private static func apply(_ options: HyperparameterOptions, to recommended: DQNAgent.Configuration) throws
        -> DQNAgent.Configuration {
        var configuration = recommended
        configuration.network = network(configuration.network, options)
        configuration.learningRate = try constantRate(options) ?? configuration.learningRate
        configuration.bufferCapacity = options.bufferCapacity ?? configuration.bufferCapacity
        configuration.batchSize = options.batchSize ?? configuration.batchSize
        configuration.discount = options.discount ?? configuration.discount
        configuration.learningStarts = options.learningStarts ?? configuration.learningStarts
        configuration.trainFrequency = options.trainFrequency ?? configuration.trainFrequency
        configuration.gradientSteps = options.gradientSteps ?? configuration.gradientSteps
        configuration.targetUpdateInterval = options.targetUpdateInterval ?? configuration.targetUpdateInterval
        configuration.targetUpdateRate = options.targetUpdateRate ?? configuration.targetUpdateRate
        configuration.exploration = options.epsilon ?? configuration.exploration
        configuration.loss = options.loss ?? configuration.loss
        if let norm = options.maxGradientNorm { configuration.maxGradientNorm = norm.value }
        configuration.doubleDQN = options.doubleDQN ?? configuration.doubleDQN
        configuration.solved = try solved(configuration.solved, options)
        return configuration
    }

    private static func network(_ shape: NetworkShape, _ options: HyperparameterOptions) -> NetworkShape {
        NetworkShape(
            hiddenLayers: options.hidden ?? shape.hiddenLayers, activation: options.activation ?? shape.activation,
            initialization: options.initialization ?? shape.initialization)
    }

    /// `--learning-rate` for the agents whose rate is one number, not a schedule.
    private static func constantRate(_ options: HyperparameterOptions) throws -> Double? {
        switch options.learningRate {
        case nil: return nil
        case .constant(let value): return value
        case let schedule?:
            throw CommandFailure(
                "--learning-rate takes a single number for this agent (only qtable's is a schedule), got \(ScheduleText.text(of: schedule))",
                exitCode: .validationFailure)
        }
    }

    private static func solved(_ criterion: SolvedCriterion?, _ options: HyperparameterOptions) throws -> SolvedCriterion? {
        switch options.solvedThreshold {
        case .none?:
            if options.solvedEpisodes != nil {
                throw CommandFailure("--solved-episodes needs a --solved-threshold", exitCode: .validationFailure)
            }
            return nil
        case .number(let threshold)?:
            let episodes = options.solvedEpisodes ?? criterion?.evaluationEpisodes
            return episodes.map { SolvedCriterion(threshold: threshold, evaluationEpisodes: $0) } ?? SolvedCriterion(threshold: threshold)
        case nil:
            guard let episodes = options.solvedEpisodes else { return criterion }
            guard var criterion else {
                throw CommandFailure("--solved-episodes needs a --solved-threshold (this run has no solved check)", exitCode: .validationFailure)
            }
            criterion.evaluationEpisodes = episodes
            return criterion
        }
    }

    // MARK: - Describing

    /// The configuration as the options that reproduce it, seed and budget first.
    var settings: [Setting] {
        let configuration = self.configuration
        var settings = [Setting("seed", "\(configuration.seed)")]
        switch configuration.budget {
        case .episodes(let count): settings.append(Setting("episodes", "\(count)"))
        case .steps(let count): settings.append(Setting("steps", "\(count)"))
        }
        func networkSettings(_ shape: NetworkShape) -> [Setting] {
            [Setting("hidden", HiddenLayers.text(shape.hiddenLayers)), Setting("activation", shape.activation.argumentName),
             Setting("initialization", shape.initialization.argumentName)]
        }
        func solvedSettings(_ criterion: SolvedCriterion?) -> [Setting] {
            [Setting("solved-threshold", NumberOrNone.text(criterion?.threshold))]
                + (criterion.map { [Setting("solved-episodes", "\($0.evaluationEpisodes)")] } ?? [])
        }
        let plain = NumberText.plain
        switch self {
        case .random:
            break
        case .qtable(let configuration):
            settings += [
                Setting("learning-rate", ScheduleText.text(of: configuration.learningRate)),
                Setting("discount", plain(configuration.discount)),
            ]
            switch configuration.exploration {
            case .none: settings.append(Setting("exploration", "none"))
            case .epsilonGreedy(let schedule):
                settings += [Setting("exploration", "epsilon"), Setting("epsilon", ScheduleText.text(of: schedule))]
            case .noise(let scale):
                settings += [Setting("exploration", "noise"), Setting("noise-scale", plain(scale))]
            }
        case .qnetwork(let configuration):
            settings += networkSettings(configuration.network) + [
                Setting("learning-rate", plain(configuration.learningRate)),
                Setting("discount", plain(configuration.discount)),
                Setting("epsilon", ScheduleText.text(of: configuration.exploration)),
            ]
        case .dqn(let configuration):
            settings += networkSettings(configuration.network) + [
                Setting("learning-rate", plain(configuration.learningRate)),
                Setting("buffer-capacity", "\(configuration.bufferCapacity)"),
                Setting("batch-size", "\(configuration.batchSize)"),
                Setting("discount", plain(configuration.discount)),
                Setting("learning-starts", "\(configuration.learningStarts)"),
                Setting("train-frequency", "\(configuration.trainFrequency)"),
                Setting("gradient-steps", "\(configuration.gradientSteps)"),
                Setting("target-update-interval", "\(configuration.targetUpdateInterval)"),
                Setting("target-update-rate", plain(configuration.targetUpdateRate)),
                Setting("epsilon", ScheduleText.text(of: configuration.exploration)),
                Setting("loss", configuration.loss.argumentName),
                Setting("max-gradient-norm", NumberOrNone.text(configuration.maxGradientNorm)),
                Setting("double-dqn", isOn: configuration.doubleDQN),
            ] + solvedSettings(configuration.solved)
        case .reinforce(let configuration):
            settings += networkSettings(configuration.network) + [
                Setting("learning-rate", plain(configuration.learningRate)),
                Setting("discount", plain(configuration.discount)),
                Setting("entropy-coefficient", plain(configuration.entropyCoefficient)),
                Setting("normalize-returns", isOn: configuration.normalizeReturns),
            ] + solvedSettings(configuration.solved)
        }
        return settings
    }

    // MARK: - Making the agent

    /// Makes the untrained agent for `environment`.
    ///
    /// - Throws: `AgentError.invalidConfiguration` for an out-of-range value,
    ///   `AgentError.doesNotFit` when the agent cannot work with the environment's spaces.
    func makeAgent(for environment: any Environment) throws -> any Agent {
        switch self {
        case .random(let configuration): try RandomAgent(configuration: configuration, environment: environment)
        case .qtable(let configuration): try QTableAgent(configuration: configuration, environment: environment)
        case .qnetwork(let configuration): try QNetworkAgent(configuration: configuration, environment: environment)
        case .dqn(let configuration): try DQNAgent(configuration: configuration, environment: environment)
        case .reinforce(let configuration): try ReinforceAgent(configuration: configuration, environment: environment)
        }
    }
}
