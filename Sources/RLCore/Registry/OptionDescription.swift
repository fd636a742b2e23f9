/// The name and meaning of one option an environment accepts in the registry, for help text
/// (`rl list`) and for rejecting unknown option names.
public struct OptionDescription: Equatable, Sendable {
    /// The option's name, lower-case words joined by hyphens (`success-rate`).
    public var name: String
    /// One line saying what the option does and which values it takes.
    public var help: String
    /// The value used when the option is not given, as text (`"true"`, `"4x4"`), or `nil`
    /// when the absence of the option has its own meaning.
    public var defaultValue: String?

    /// Describes an option.
    ///
    /// - Parameters:
    ///   - name: the option's name, lower-case words joined by hyphens.
    ///   - help: one line saying what it does and which values it takes.
    ///   - defaultValue: the value used when it is not given, as text, or `nil`.
    public init(_ name: String, help: String, defaultValue: String? = nil) {
        self.name = name
        self.help = help
        self.defaultValue = defaultValue
    }
}
