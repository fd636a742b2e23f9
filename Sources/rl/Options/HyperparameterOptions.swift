import ArgumentParser
import Foundation
import RL

/// Every agent's hyperparameters as `rl train` options.
///
/// An option left out keeps the value of the agent's recommended configuration for the
/// environment (`Configuration.recommended(for:)`, or the defaults); the help shows the
/// defaults and `rl train AGENT ENV --dry-run` the values an environment gets. An option the
/// chosen agent does not have is refused (``checkApplies(to:)``) rather than silently ignored.
struct HyperparameterOptions: ParsableArguments {
    // MARK: - Q-table

    @Option(help: Hyperparameter.preset.help(
        "Start from a stage of the notes' Q-table progression: dummy (Q = r + max Q', no exploration), exploration (γ and decaying exploration; pick it with --exploration) or learning-rate (α = 0.85 for slippery ice)."))
    var preset: QTablePreset?

    @Option(help: Hyperparameter.exploration.help("How the Q-table explores: epsilon (ε-greedy), noise (random noise added to Q, fading by episode) or none."))
    var exploration: ExplorationKind?

    @Option(parsing: .unconditional, help: Hyperparameter.noiseScale.help("Scale of the noise added to Q before the argmax, divided by (episode + 1) (implies --exploration noise).", valueName: "scale"))
    var noiseScale: Double?

    // MARK: - Shared by the learning agents

    @Option(parsing: .unconditional, help: Hyperparameter.learningRate.help(
        "Step size: Adam's for dqn and reinforce, SGD's for qnetwork, α for qtable (a schedule over episodes: \(ScheduleText.syntax)).",
        valueName: "rate"), transform: ScheduleText.schedule(from:))
    var learningRate: Schedule?

    @Option(parsing: .unconditional, help: Hyperparameter.discount.help("Discount γ in [0, 1].", valueName: "gamma"))
    var discount: Double?

    @Option(parsing: .unconditional, help: Hyperparameter.epsilon.help(
        "Exploration rate ε in [0, 1], a schedule over episodes (qtable, qnetwork) or steps (dqn): \(ScheduleText.syntax).",
        valueName: "schedule"), transform: ScheduleText.schedule(from:))
    var epsilon: Schedule?

    // MARK: - Networks

    @Option(help: Hyperparameter.hidden.help("Hidden layer widths, comma-separated, or none for a single linear layer.", valueName: "widths"),
            transform: HiddenLayers.widths(from:))
    var hidden: [Int]?

    @Option(help: Hyperparameter.activation.help("Activation after each hidden layer."))
    var activation: Activation?

    @Option(help: Hyperparameter.initialization.help("Weight initialisation: uniform ±1/√in, he (normal) or xavier (uniform)."))
    var initialization: Linear.Initialization?

    // MARK: - DQN

    @Option(parsing: .unconditional, help: Hyperparameter.bufferCapacity.help("Replay buffer capacity in transitions.", valueName: "n"))
    var bufferCapacity: Int?

    @Option(parsing: .unconditional, help: Hyperparameter.batchSize.help("Transitions per minibatch.", valueName: "n"))
    var batchSize: Int?

    @Option(parsing: .unconditional, help: Hyperparameter.learningStarts.help("Steps of random play before the first update.", valueName: "steps"))
    var learningStarts: Int?

    @Option(parsing: .unconditional, help: Hyperparameter.trainFrequency.help("Environment steps between updates.", valueName: "steps"))
    var trainFrequency: Int?

    @Option(parsing: .unconditional, help: Hyperparameter.gradientSteps.help("Minibatch updates per update.", valueName: "n"))
    var gradientSteps: Int?

    @Option(parsing: .unconditional, help: Hyperparameter.targetUpdateInterval.help("Environment steps between target-network updates (C).", valueName: "steps"))
    var targetUpdateInterval: Int?

    @Option(parsing: .unconditional, help: Hyperparameter.targetUpdateRate.help("τ in (0, 1] for θ⁻ ← τθ + (1 − τ)θ⁻; 1 copies.", valueName: "tau"))
    var targetUpdateRate: Double?

    @Option(help: Hyperparameter.loss.help("Loss on the TD error."))
    var loss: DQNAgent.Loss?

    @Option(parsing: .unconditional, help: Hyperparameter.maxGradientNorm.help("Largest global gradient norm before clipping, or none.", valueName: "norm"))
    var maxGradientNorm: NumberOrNone?

    @Flag(name: .customLong(Hyperparameter.doubleDQN.rawValue), inversion: .prefixedNo,
          help: Hyperparameter.doubleDQN.help("Choose the next action with the online network (Double DQN)."))
    var doubleDQN: Bool?

    // MARK: - Stopping when solved

    @Option(parsing: .unconditional, help: Hyperparameter.solvedThreshold.help(
        "Stop once the greedy policy's mean return over --solved-episodes reaches this, or none to train the whole budget.",
        valueName: "return"))
    var solvedThreshold: NumberOrNone?

    @Option(parsing: .unconditional, help: Hyperparameter.solvedEpisodes.help(
        "Greedy episodes per solved check (\(SolvedCriterion(threshold: 0).evaluationEpisodes) when only a threshold is given).",
        valueName: "n"))
    var solvedEpisodes: Int?

    // MARK: - REINFORCE

    @Option(parsing: .unconditional, help: Hyperparameter.entropyCoefficient.help("Weight β ≥ 0 of the entropy bonus.", valueName: "beta"))
    var entropyCoefficient: Double?

    @Flag(inversion: .prefixedNo, help: Hyperparameter.normalizeReturns.help("Normalise each episode's returns (a baseline)."))
    var normalizeReturns: Bool?

    /// The hyperparameters given on the command line.
    var given: [Hyperparameter] {
        let values: [(Hyperparameter, Any?)] = [
            (.preset, preset), (.exploration, exploration), (.noiseScale, noiseScale),
            (.learningRate, learningRate), (.discount, discount), (.epsilon, epsilon),
            (.hidden, hidden), (.activation, activation), (.initialization, initialization),
            (.bufferCapacity, bufferCapacity), (.batchSize, batchSize), (.learningStarts, learningStarts),
            (.trainFrequency, trainFrequency), (.gradientSteps, gradientSteps),
            (.targetUpdateInterval, targetUpdateInterval), (.targetUpdateRate, targetUpdateRate), (.loss, loss),
            (.maxGradientNorm, maxGradientNorm), (.doubleDQN, doubleDQN), (.solvedThreshold, solvedThreshold),
            (.solvedEpisodes, solvedEpisodes), (.entropyCoefficient, entropyCoefficient),
            (.normalizeReturns, normalizeReturns),
        ]
        return values.compactMap { $0.1 == nil ? nil : $0.0 }
    }

    /// Refuses options the agent does not have.
    ///
    /// - Throws: ``CommandFailure`` naming the first such option and the options the agent has.
    func checkApplies(to kind: AgentKind) throws {
        guard let stray = given.first(where: { !$0.agents.contains(kind) }) else { return }
        let own = Hyperparameter.allCases.filter { $0.agents.contains(kind) }.map(\.flag)
        throw CommandFailure(
            "\(stray.flag) does not apply to \(kind.rawValue); "
                + (own.isEmpty ? "it has no hyperparameters besides --seed and the budget" : "its options: " + own.joined(separator: ", ")),
            exitCode: .validationFailure)
    }
}
