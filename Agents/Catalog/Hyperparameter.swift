

/// One hyperparameter of an agent, declared once in the agent's file: its name on the command
/// line (`learning-rate`), what it means, the values it takes, and how it reads and writes the
/// agent's configuration.
///
/// Everything that shows or sets hyperparameters reads these declarations: `rl train AGENT ENV
/// --NAME VALUE`, `rl list AGENT`, `--dry-run`, the help texts and configuration files. Values
/// travel as text, written as ``HyperparameterText`` writes them.
///
/// ```swift
/// static let hyperparameters: [Hyperparameter<Configuration>] = [
///     .number("learning-rate", \.learningRate, "Adam's step size", in: .positive),
///     .integer("batch-size", \.batchSize, "transitions per minibatch", atLeast: 1),
///     .flag("double-dqn", \.doubleDQN, "choose a' with the online network (Double DQN)"),
/// ]
/// ```
public struct Hyperparameter<Configuration>: Sendable {
    /// The name as the command line writes it, lower case with hyphens (`batch-size`).
    public let name: String
    /// What it means, one line.
    public let summary: String
    /// The values it takes, for help texts (`> 0`, `huber or mean-squared-error`, `on or off`).
    public let accepts: String
    /// The word that stands for the value in usage lines (`rate`, `n`, `schedule`).
    public let valueName: String
    /// Whether it is an on/off flag (`--double-dqn` / `--no-double-dqn`).
    public let isFlag: Bool
    /// The values it takes when they are a closed set (for completion and suggestions).
    public let choices: [String]

    private let read: @Sendable (Configuration) -> String?
    private let write: @Sendable (inout Configuration, String) throws -> Void

    /// Declares a hyperparameter with its own reading and writing, for values that are not a
    /// single stored property (a preset, an exploration kind).
    ///
    /// - Parameters:
    ///   - read: the value as text, or `nil` when it does not apply to this configuration (it
    ///     is then left out of listings and configuration files).
    ///   - write: sets the value from text; throws ``AgentError/invalidConfiguration(_:)``
    ///     naming the hyperparameter when the text is not acceptable.
    public init(
        _ name: String, summary: String, accepts: String, valueName: String = "value", isFlag: Bool = false,
        choices: [String] = [],
        read: @escaping @Sendable (Configuration) -> String?,
        write: @escaping @Sendable (inout Configuration, String) throws -> Void
    ) {
        self.name = name
        self.summary = summary
        self.accepts = accepts
        self.valueName = valueName
        self.isFlag = isFlag
        self.choices = choices
        self.read = read
        self.write = write
    }

    /// The option as typed: `--batch-size`.
    public var flag: String { "--" + name }

    /// The value in `configuration`, as text; `nil` when it does not apply.
    public func value(in configuration: Configuration) -> String? {
        read(configuration)
    }

    /// Sets the value from text.
    ///
    /// - Throws: ``AgentError/invalidConfiguration(_:)`` naming the hyperparameter, the values
    ///   it takes and the text given.
    public func set(_ text: String, in configuration: inout Configuration) throws {
        try write(&configuration, text)
    }

    /// The same hyperparameter for a configuration that holds this one's at `keyPath` (settings
    /// several agents share, such as ``ActorCriticSettings``).
    public func lifted<Outer>(to keyPath: WritableKeyPath<Outer, Configuration>) -> Hyperparameter<Outer> {
        nonisolated(unsafe) let keyPath = keyPath
        let (read, write) = (self.read, self.write)
        return Hyperparameter<Outer>(
            name, summary: summary, accepts: accepts, valueName: valueName, isFlag: isFlag, choices: choices,
            read: { read($0[keyPath: keyPath]) },
            write: { outer, text in try write(&outer[keyPath: keyPath], text) })
    }

    /// The error for a value outside what the hyperparameter takes.
    static func outOfRange(_ name: String, _ accepts: String, _ text: String) -> AgentError {
        .invalidConfiguration("--\(name) must be \(accepts), got \(text)")
    }
}

// MARK: - Kinds of values

extension Hyperparameter {
    /// A number stored in `keyPath`, accepted within `range`.
    public static func number(
        _ name: String, _ keyPath: WritableKeyPath<Configuration, Double>, _ summary: String,
        in range: ValueRange = .any, valueName: String = "x"
    ) -> Hyperparameter {
        nonisolated(unsafe) let keyPath = keyPath
        return Hyperparameter(
            name, summary: summary, accepts: range.description, valueName: valueName,
            read: { HyperparameterText.number($0[keyPath: keyPath]) },
            write: { configuration, text in
                let value = try HyperparameterText.parseNumber(text, for: name)
                guard range.contains(value) else { throw outOfRange(name, range.description, text) }
                configuration[keyPath: keyPath] = value
            })
    }

    /// A number or `none` stored in `keyPath` (`none` for "no such limit"), accepted within `range`.
    public static func optionalNumber(
        _ name: String, _ keyPath: WritableKeyPath<Configuration, Double?>, _ summary: String,
        in range: ValueRange = .any, valueName: String = "x"
    ) -> Hyperparameter {
        nonisolated(unsafe) let keyPath = keyPath
        let accepts = "\(range) or none"
        return Hyperparameter(
            name, summary: summary, accepts: accepts, valueName: valueName,
            read: { $0[keyPath: keyPath].map(HyperparameterText.number) ?? "none" },
            write: { configuration, text in
                if text.trimmingCharacters(in: .whitespaces).lowercased() == "none" {
                    configuration[keyPath: keyPath] = nil
                    return
                }
                let value = try HyperparameterText.parseNumber(text, for: name)
                guard range.contains(value) else { throw outOfRange(name, accepts, text) }
                configuration[keyPath: keyPath] = value
            })
    }

    /// A whole number stored in `keyPath`, at least `minimum` and at most `maximum`.
    public static func integer(
        _ name: String, _ keyPath: WritableKeyPath<Configuration, Int>, _ summary: String,
        atLeast minimum: Int, atMost maximum: Int? = nil, valueName: String = "n"
    ) -> Hyperparameter {
        nonisolated(unsafe) let keyPath = keyPath
        let accepts = maximum.map { "a whole number from \(minimum) to \($0)" } ?? "a whole number ≥ \(minimum)"
        return Hyperparameter(
            name, summary: summary, accepts: accepts, valueName: valueName,
            read: { "\($0[keyPath: keyPath])" },
            write: { configuration, text in
                let value = try HyperparameterText.parseInteger(text, for: name)
                guard value >= minimum, value <= maximum ?? .max else { throw outOfRange(name, accepts, text) }
                configuration[keyPath: keyPath] = value
            })
    }

    /// An on/off flag stored in `keyPath`: `--name` turns it on, `--no-name` off.
    public static func flag(
        _ name: String, _ keyPath: WritableKeyPath<Configuration, Bool>, _ summary: String
    ) -> Hyperparameter {
        nonisolated(unsafe) let keyPath = keyPath
        return Hyperparameter(
            name, summary: summary, accepts: "on or off", isFlag: true,
            read: { $0[keyPath: keyPath] ? "on" : "off" },
            write: { configuration, text in configuration[keyPath: keyPath] = try HyperparameterText.parseFlag(text, for: name) })
    }

    /// One of a closed set of values stored in `keyPath`, written in kebab case
    /// (`leakyRelu` is `leaky-relu`).
    public static func choice<Value: CaseIterable & RawRepresentable>(
        _ name: String, _ keyPath: WritableKeyPath<Configuration, Value>, _ summary: String
    ) -> Hyperparameter where Value.RawValue == String {
        nonisolated(unsafe) let keyPath = keyPath
        let names = Value.allCases.map { HyperparameterText.kebabCase($0.rawValue) }
        let accepts = names.joined(separator: ", ")
        return Hyperparameter(
            name, summary: summary, accepts: "one of " + accepts, valueName: names.joined(separator: "|"), choices: names,
            read: { HyperparameterText.kebabCase($0[keyPath: keyPath].rawValue) },
            write: { configuration, text in
                let key = text.trimmingCharacters(in: .whitespaces).lowercased()
                guard let value = Value.allCases.first(where: {
                    HyperparameterText.kebabCase($0.rawValue) == key || $0.rawValue.lowercased() == key
                }) else {
                    throw outOfRange(name, "one of " + accepts, text)
                }
                configuration[keyPath: keyPath] = value
            })
    }

    /// A ``Schedule`` stored in `keyPath`, every value of which must lie within `range`.
    public static func schedule(
        _ name: String, _ keyPath: WritableKeyPath<Configuration, Schedule>, _ summary: String,
        in range: ValueRange, valueName: String = "schedule"
    ) -> Hyperparameter {
        nonisolated(unsafe) let keyPath = keyPath
        return Hyperparameter(
            name, summary: summary, accepts: "a schedule of values \(range)",
            valueName: valueName,
            read: { $0[keyPath: keyPath].text },
            write: { configuration, text in
                let schedule = try Schedule(text: text)
                try schedule.check(range, name: name, text: text)
                configuration[keyPath: keyPath] = schedule
            })
    }

    /// Hidden layer widths stored in `keyPath`, written `64,64` or `none`.
    public static func widths(
        _ name: String, _ keyPath: WritableKeyPath<Configuration, [Int]>, _ summary: String
    ) -> Hyperparameter {
        nonisolated(unsafe) let keyPath = keyPath
        return Hyperparameter(
            name, summary: summary, accepts: "widths ≥ 1 separated by commas (64,64), or none", valueName: "widths",
            read: { HyperparameterText.widths($0[keyPath: keyPath]) },
            write: { configuration, text in configuration[keyPath: keyPath] = try HyperparameterText.parseWidths(text, for: name) })
    }
}

extension Schedule {
    /// Throws when a value the schedule takes lies outside `range` (the checks a schedule's
    /// numbers need to mean anything: ε in [0, 1], a learning rate above 0).
    func check(_ range: ValueRange, name: String, text: String) throws {
        let ends: [Double] = switch self {
        case .constant(let value): [value]
        case .linear(let start, let end, _), .exponential(let start, let end, _), .progress(let start, let end): [start, end]
        case .reciprocal(_, let offset): [1 / offset]
        }
        // A schedule that ends at 0 (rl-zoo's lin_, a learning rate annealed to zero) reaches
        // its end only as training stops, so 0 is accepted as an end where the range is "> 0".
        let endsAtZero: Bool = switch self {
        case .linear(_, let end, _), .progress(_, let end): end == 0
        default: false
        }
        for value in ends { try HyperparameterText.checkFloatRange(value, for: name, text: text) }
        for (index, value) in ends.enumerated() {
            let isEnd = index == ends.count - 1 && ends.count > 1
            if isEnd && endsAtZero && value == 0 && range.lower?.value == 0 { continue }
            guard range.contains(value) else {
                throw AgentError.invalidConfiguration("--\(name) values must be \(range), got \(text)")
            }
        }
        do {
            try validate(name, in: -Double.greatestFiniteMagnitude...Double.greatestFiniteMagnitude)
        } catch AgentError.invalidConfiguration(let message) {
            throw AgentError.invalidConfiguration("--\(name): \(message)")
        }
    }
}
