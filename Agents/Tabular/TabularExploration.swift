/// How a tabular agent explores while training.
public enum TabularExploration: Codable, Equatable, Sendable, CustomStringConvertible {
    /// Always the greedy action (ties at random): the notes' first, "dummy" step.
    case none
    /// A random action with probability ε(episode), else the greedy one.
    case epsilonGreedy(Schedule)
    /// The greedy action of Q(s, ·) + `scale` · N(0, 1) / (episode + 1): the notes' "add
    /// random noise", which fades as episodes pass.
    case noise(scale: Double)

    /// The notes' decaying ε: 1 / (episode / 100 + 1).
    public static let notesEpsilon = TabularExploration.epsilonGreedy(.reciprocal(period: 100, offset: 1))

    /// The noise scale of the notes' "add random noise" exploration (`randn / (i + 1)`).
    public static let notesNoiseScale = 1.0

    /// Checks the values.
    ///
    /// - Throws: ``AgentError/invalidConfiguration(_:)`` for an ε outside [0, 1] or a negative
    ///   noise scale.
    public func validate() throws {
        switch self {
        case .none: break
        case .epsilonGreedy(let schedule): try schedule.validate("epsilon", in: 0...1)
        case .noise(let scale):
            try ConfigurationCheck.require(scale >= 0 && scale.isFinite, "exploration noise scale must be ≥ 0, got \(scale)")
        }
    }

    /// The kind, as the command line names it: `none`, `epsilon` or `noise`.
    public var kind: String {
        switch self {
        case .none: "none"
        case .epsilonGreedy: "epsilon"
        case .noise: "noise"
        }
    }

    public var description: String {
        switch self {
        case .none: "none"
        case .epsilonGreedy(let schedule): "ε-greedy, ε = \(schedule)"
        case .noise(let scale): "noise \(scale) / (episode + 1)"
        }
    }

    /// The hyperparameters that choose the exploration, shared by the tabular agents:
    /// `--exploration none|epsilon|noise`, `--epsilon SCHEDULE`, `--noise-scale X`.
    static func hyperparameters<Configuration>(
        _ keyPath: WritableKeyPath<Configuration, TabularExploration>
    ) -> [Hyperparameter<Configuration>] {
        // Key paths are immutable values; the closures only read through them.
        nonisolated(unsafe) let keyPath = keyPath
        return [
            Hyperparameter(
                "exploration", summary: "how to explore: epsilon (ε-greedy), noise (random noise added to Q, fading by episode) or none",
                accepts: "one of none, epsilon, noise", valueName: "none|epsilon|noise", choices: ["none", "epsilon", "noise"],
                read: { $0[keyPath: keyPath].kind },
                write: { configuration, text in
                    let current = configuration[keyPath: keyPath]
                    switch text.lowercased() {
                    case "none": configuration[keyPath: keyPath] = .none
                    case "epsilon": if case .epsilonGreedy = current {} else { configuration[keyPath: keyPath] = notesEpsilon }
                    case "noise": if case .noise = current {} else { configuration[keyPath: keyPath] = .noise(scale: notesNoiseScale) }
                    default: throw Hyperparameter<Configuration>.outOfRange("exploration", "one of none, epsilon, noise", text)
                    }
                }),
            Hyperparameter(
                "epsilon", summary: "exploration rate ε over episodes (implies --exploration epsilon)",
                accepts: "a schedule of values in [0, 1]", valueName: "schedule",
                read: { configuration in
                    if case .epsilonGreedy(let schedule) = configuration[keyPath: keyPath] { return schedule.text }
                    return nil
                },
                write: { configuration, text in
                    let schedule = try Schedule(text: text)
                    try schedule.check(.unitInterval, name: "epsilon", text: text)
                    configuration[keyPath: keyPath] = .epsilonGreedy(schedule)
                }),
            Hyperparameter(
                "noise-scale", summary: "scale of the noise added to Q before the argmax, divided by (episode + 1) (implies --exploration noise)",
                accepts: ValueRange.nonNegative.description, valueName: "scale",
                read: { configuration in
                    if case .noise(let scale) = configuration[keyPath: keyPath] { return HyperparameterText.number(scale) }
                    return nil
                },
                write: { configuration, text in
                    let scale = try HyperparameterText.parseNumber(text, for: "noise-scale")
                    guard scale >= 0 else { throw Hyperparameter<Configuration>.outOfRange("noise-scale", "≥ 0", text) }
                    configuration[keyPath: keyPath] = .noise(scale: scale)
                }),
        ]
    }

    /// Refuses `--epsilon` or `--noise-scale` given with another exploration kind.
    static func checkCombination(_ given: [String: String]) throws {
        let kind = given["exploration"]?.lowercased()
        if given["epsilon"] != nil, given["noise-scale"] != nil {
            throw AgentError.invalidConfiguration("--epsilon and --noise-scale belong to different explorations; give one")
        }
        if given["epsilon"] != nil, let kind, kind != "epsilon" {
            throw AgentError.invalidConfiguration("--epsilon applies only with --exploration epsilon")
        }
        if given["noise-scale"] != nil, let kind, kind != "noise" {
            throw AgentError.invalidConfiguration("--noise-scale applies only with --exploration noise")
        }
    }
}
