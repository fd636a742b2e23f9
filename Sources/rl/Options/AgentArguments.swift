import RL

/// The agent's hyperparameters as `rl train AGENT ENV` takes them, after the options the
/// command itself declares: `--NAME VALUE`, `--NAME=VALUE`, and `--NAME` / `--no-NAME` for
/// on/off flags, where NAME is a hyperparameter the agent declares (`rl list AGENT` lists them).
///
/// The command line cannot declare them statically, since every agent (a library user's too)
/// has its own; they are collected unparsed and read here against the agent's declaration.
enum AgentArguments {
    /// The settings given in `arguments` for the agent of `entry`.
    ///
    /// - Throws: ``CommandFailure`` (exit 64) for an argument that is not an option of the agent
    ///   (with a suggestion when one is close), an option without its value, or a stray value.
    static func settings(from arguments: [String], for entry: AgentCatalogEntry) throws -> [HyperparameterSetting] {
        var settings: [HyperparameterSetting] = []
        var index = 0
        while index < arguments.count {
            let argument = arguments[index]
            index += 1
            guard argument.hasPrefix("--"), argument.count > 2 else {
                throw CommandFailure("unexpected argument '\(argument)'", exitCode: .validationFailure)
            }
            var name = String(argument.dropFirst(2))
            var value: String?
            if let equals = name.firstIndex(of: "=") {
                value = String(name[name.index(after: equals)...])
                name = String(name[..<equals])
            }
            if entry.hyperparameter(named: name) == nil, name.hasPrefix("no-"),
               let flag = entry.hyperparameter(named: String(name.dropFirst(3))), flag.isFlag, value == nil {
                guard !settings.contains(where: { $0.name == flag.name }) else {
                    throw CommandFailure("--\(flag.name) is given twice", exitCode: .validationFailure)
                }
                settings.append(HyperparameterSetting(flag.name, "off"))
                continue
            }
            guard let parameter = entry.hyperparameter(named: name) else {
                let names = entry.hyperparameters.map(\.name)
                let hint = NameSuggestion.hint(for: name, among: names, prefix: "--")
                let own = names.isEmpty
                    ? "it has no options besides --seed and the budget"
                    : "`rl list \(entry.name)` lists its options"
                throw CommandFailure("\(entry.name) has no option --\(name)\(hint) (\(own))", exitCode: .validationFailure)
            }
            guard !settings.contains(where: { $0.name == name }) else {
                throw CommandFailure("--\(name) is given twice", exitCode: .validationFailure)
            }
            if parameter.isFlag && value == nil {
                settings.append(HyperparameterSetting(name, "on"))
                continue
            }
            if value == nil {
                guard index < arguments.count else {
                    throw CommandFailure("--\(name) needs a value: \(parameter.accepts)", exitCode: .validationFailure)
                }
                value = arguments[index]
                index += 1
            }
            settings.append(HyperparameterSetting(name, value ?? ""))
        }
        return settings
    }
}
