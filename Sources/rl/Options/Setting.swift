/// One hyperparameter as the command line writes it: `--batch-size 64`, `--no-double-dqn`.
///
/// Agents describe their resolved configuration as a list of settings, so `rl train --dry-run`,
/// the training summary and `--json` show exactly the options that reproduce a run, and the
/// help texts show each option's default in the same form.
struct Setting: Equatable {
    /// The option's long name without dashes (`batch-size`).
    var name: String
    /// The value as the option takes it, or `nil` for an on/off flag.
    var value: String?
    /// The state of an on/off flag (`--double-dqn` or `--no-double-dqn`).
    var isOn: Bool

    /// A setting with a value.
    init(_ name: String, _ value: String) {
        self.name = name
        self.value = value
        isOn = true
    }

    /// An on/off flag.
    init(_ name: String, isOn: Bool) {
        self.name = name
        value = nil
        self.isOn = isOn
    }

    /// The setting as command-line words: `--batch-size 64`, `--no-double-dqn`.
    var commandLine: String {
        if let value { return "--\(name) \(value.contains(" ") ? "'\(value)'" : value)" }
        return isOn ? "--\(name)" : "--no-\(name)"
    }

    /// The value for people and JSON: the text, or `on`/`off`.
    var displayValue: String {
        value ?? (isOn ? "on" : "off")
    }
}
