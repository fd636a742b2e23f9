import Foundation
import RL
import Yams

/// A training run as a file: agent, environment and its options, seed, budget and
/// hyperparameters, in YAML (or JSON, which YAML reads too). Every run folder gets one,
/// `config.yaml`, from which `rl train --config` repeats the run metric for metric:
///
/// ```yaml
/// agent: dqn
/// environment: CartPole-v1
/// options: {}
/// seed: 0
/// steps: 100000              # or episodes: 2000
/// eval-every: 10000           # optional: periodic evaluations, and their episodes
/// eval-episodes: 10
/// save-every: 50000           # optional: intermediate checkpoints
/// hyperparameters:
///   hidden: 64,64
///   learning-rate: 0.0023
///   double-dqn: true
/// ```
///
/// Keys are checked as strictly as command-line options: an unknown key, a missing one or a bad
/// value is an error naming the key and its line. Hyperparameters take the values
/// `rl train AGENT ENV --NAME VALUE` takes; a list (`hidden: [64, 64]`) is read as `64,64`.
struct RunConfiguration: Equatable {
    /// The agent's name or alias.
    var agent: String
    /// The environment's id or alias.
    var environment: String
    /// The environment's options, by the registry's names.
    var options: [String: String] = [:]
    /// The seed.
    var seed: UInt64?
    /// The budget.
    var budget: TrainingBudget?
    /// Environment steps between periodic evaluations, if any.
    var evaluationInterval: Int?
    /// Episodes per evaluation (periodic and final).
    var evaluationEpisodes: Int?
    /// Environment steps between intermediate checkpoints, if any.
    var saveInterval: Int?
    /// The hyperparameters, in the file's order.
    var hyperparameters: [HyperparameterSetting] = []
    /// The line of each hyperparameter's key, for errors found when they are applied.
    var hyperparameterLines: [String: Int] = [:]
    /// The file it came from, for errors.
    var source: String = "the configuration"

    /// The keys a configuration may have.
    static let keys = ["agent", "environment", "options", "seed", "steps", "episodes", "eval-every", "eval-episodes",
                       "save-every", "hyperparameters"]

    // MARK: - Reading

    /// Reads the file at `path`.
    ///
    /// - Throws: ``CommandFailure`` (exit 1 for an unreadable file, 64 for bad content) naming
    ///   the file, the key and the line.
    init(contentsOf path: String) throws {
        // Bounded: a configuration holds at most a map's text besides its settings.
        let text = try TextFile.read(path, what: "configuration file", limit: 64 << 20)
        try self.init(text: text, source: path)
    }

    /// Reads YAML or JSON text; `source` names it in errors.
    init(text: String, source: String) throws {
        func failure(_ message: String, _ mark: Mark?) -> CommandFailure {
            CommandFailure("\(source)\(mark.map { " line \($0.line)" } ?? ""): \(message)", exitCode: .validationFailure)
        }
        let root: Node?
        do {
            root = try Yams.compose(yaml: text)
        } catch let error as YamlError {
            throw CommandFailure("\(source): not valid YAML or JSON: \(Self.describe(error))", exitCode: .validationFailure)
        } catch {
            throw CommandFailure("\(source): not valid YAML or JSON", exitCode: .validationFailure)
        }
        guard let root, case .mapping(let mapping) = root else {
            throw failure("a configuration is a mapping with the keys \(Self.keys.joined(separator: ", "))", root?.mark)
        }
        func scalar(_ node: Node, _ key: String) throws -> String {
            switch node {
            case .scalar(let scalar): return scalar.string
            case .sequence(let sequence):
                // A list of numbers, such as hidden layer widths: 64,64.
                return try sequence.map { item -> String in
                    guard case .scalar(let scalar) = item else { throw failure("\(key) must be a value or a list of values", item.mark) }
                    return scalar.string
                }.joined(separator: ",")
            case .mapping, .alias: throw failure("\(key) must be a value", node.mark)
            }
        }
        var agent: String?, environment: String?
        self.source = source
        self.agent = ""
        self.environment = ""
        for (keyNode, value) in mapping {
            guard let key = keyNode.string else { throw failure("keys must be words", keyNode.mark) }
            switch key {
            case "agent": agent = try scalar(value, key)
            case "environment": environment = try scalar(value, key)
            case "seed":
                let text = try scalar(value, key)
                guard let seed = UInt64(text) else { throw failure("seed must be a whole number from 0 to \(UInt64.max), got \(text)", value.mark) }
                self.seed = seed
            case "steps", "episodes":
                let text = try scalar(value, key)
                guard let count = Int(text), count >= 1 else { throw failure("\(key) must be a whole number ≥ 1, got \(text)", value.mark) }
                guard budget == nil else { throw failure("give either steps or episodes, not both", keyNode.mark) }
                budget = key == "steps" ? .steps(count) : .episodes(count)
            case "eval-every", "eval-episodes", "save-every":
                let text = try scalar(value, key)
                let minimum = key == "eval-episodes" ? 0 : 1
                guard let count = Int(text), count >= minimum else {
                    throw failure("\(key) must be a whole number ≥ \(minimum), got \(text)", value.mark)
                }
                switch key {
                case "eval-every": evaluationInterval = count
                case "eval-episodes": evaluationEpisodes = count
                default: saveInterval = count
                }
            case "options", "hyperparameters":
                guard case .mapping(let entries) = value else {
                    if case .scalar(let scalar) = value, scalar.string.isEmpty || scalar.string == "null" { continue }
                    throw failure("\(key) must be a mapping of names to values", value.mark)
                }
                for (nameNode, entry) in entries {
                    guard let name = nameNode.string else { throw failure("\(key) names must be words", nameNode.mark) }
                    let text = try scalar(entry, "\(key).\(name)")
                    if key == "options" {
                        guard options[name] == nil else { throw failure("option \(name) is given twice", nameNode.mark) }
                        options[name] = text
                    } else {
                        guard hyperparameterLines[name] == nil else { throw failure("hyperparameter \(name) is given twice", nameNode.mark) }
                        hyperparameters.append(HyperparameterSetting(name, Self.flagText(text)))
                        hyperparameterLines[name] = nameNode.mark?.line
                    }
                }
            default:
                let hint = NameSuggestion.hint(for: key, among: Self.keys)
                throw failure("unknown key '\(key)'\(hint); a configuration has \(Self.keys.joined(separator: ", "))", keyNode.mark)
            }
        }
        guard let agent, !agent.isEmpty else { throw failure("the key 'agent' is missing", root.mark) }
        guard let environment, !environment.isEmpty else { throw failure("the key 'environment' is missing", root.mark) }
        self.agent = agent
        self.environment = environment
    }

    /// YAML's booleans as the flags' words.
    private static func flagText(_ text: String) -> String {
        switch text.lowercased() {
        case "true": "on"
        case "false": "off"
        default: text
        }
    }

    private static func describe(_ error: YamlError) -> String {
        "\(error)".split(whereSeparator: \.isNewline).first.map(String.init) ?? "\(error)"
    }

    /// A configuration made from its parts (what `rl train` writes into the run folder).
    init(agent: String, environment: String, options: [String: String], seed: UInt64, budget: TrainingBudget,
         hyperparameters: [HyperparameterSetting]) {
        self.agent = agent
        self.environment = environment
        self.options = options
        self.seed = seed
        self.budget = budget
        self.hyperparameters = hyperparameters
    }

    /// Wraps an error found when a hyperparameter is applied with the file and the line of its key.
    func locate(_ error: Error) -> Error {
        guard case AgentError.invalidConfiguration(let message) = error else { return error }
        let line = hyperparameterLines.first { message.contains("--\($0.key) ") || message.contains("--\($0.key);") }?.value
        return CommandFailure("\(source)\(line.map { " line \($0)" } ?? ""): \(message)", exitCode: .validationFailure)
    }

    // MARK: - Writing

    /// The configuration as YAML, keys in a fixed order, values quoted where YAML would read
    /// them as something else.
    var yaml: String {
        var lines = ["# rl train --config FILE repeats this run; options on the command line override it."]
        lines.append("agent: \(Self.quoted(agent))")
        lines.append("environment: \(Self.quoted(environment))")
        if options.isEmpty {
            lines.append("options: {}")
        } else {
            lines.append("options:")
            for (name, value) in options.sorted(by: { $0.key < $1.key }) { lines.append("  \(name): \(Self.quoted(value))") }
        }
        if let seed { lines.append("seed: \(seed)") }
        switch budget {
        case .steps(let count)?: lines.append("steps: \(count)")
        case .episodes(let count)?: lines.append("episodes: \(count)")
        case nil: break
        }
        if let evaluationInterval { lines.append("eval-every: \(evaluationInterval)") }
        if let evaluationEpisodes { lines.append("eval-episodes: \(evaluationEpisodes)") }
        if let saveInterval { lines.append("save-every: \(saveInterval)") }
        if hyperparameters.isEmpty {
            lines.append("hyperparameters: {}")
        } else {
            lines.append("hyperparameters:")
            for setting in hyperparameters {
                let value = setting.value == "on" ? "true" : setting.value == "off" ? "false" : Self.quoted(setting.value)
                lines.append("  \(setting.name): \(value)")
            }
        }
        return lines.joined(separator: "\n") + "\n"
    }

    /// `text` as a YAML scalar that reads back as the same string.
    static func quoted(_ text: String) -> String {
        // Line breaks and control characters (a map's text) need YAML's double quotes, whose
        // escapes keep them (single quotes would fold a line break into a space); a JSON string
        // is such a scalar.
        if text.unicodeScalars.contains(where: { $0.value < 0x20 || $0.value == 0x7F }) {
            let encoder = JSONEncoder()
            encoder.outputFormatting = [.withoutEscapingSlashes]
            if let json = try? encoder.encode(text) { return String(decoding: json, as: UTF8.self) }
        }
        let plain = text.range(of: #"^[A-Za-z0-9_./+-][A-Za-z0-9_.,:/+ -]*$"#, options: .regularExpression) != nil
            && !["true", "false", "null", "yes", "no", "on", "off", "~"].contains(text.lowercased())
            && !text.hasSuffix(" ") && !text.contains(": ")
        if plain { return text }
        return "'" + text.replacingOccurrences(of: "'", with: "''") + "'"
    }
}
