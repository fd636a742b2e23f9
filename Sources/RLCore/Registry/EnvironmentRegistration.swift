/// One environment in an ``EnvironmentRegistry``: its id and aliases, what it is, its time
/// limit, the options it accepts and how to make it.
///
/// ```swift
/// let corridor = EnvironmentRegistration(
///     id: "Corridor-v0", aliases: ["corridor"],
///     summary: "Walk right to the end of a corridor.",
///     maxEpisodeSteps: 50,
///     options: [OptionDescription("length", help: "number of cells, 2 to 100", defaultValue: "5")]
/// ) { options in
///     Corridor(length: try options.integer("length", in: 2...100) ?? 5)
/// }
/// ```
public struct EnvironmentRegistration: Sendable {
    /// The option every registration accepts: it replaces the registered time limit
    /// (a whole number of steps ≥ 1, or `none` for no limit).
    public static let maxEpisodeStepsOption = OptionDescription(
        "max-episode-steps",
        help: "time limit in steps (≥ 1), or 'none'; replaces the registered limit")

    /// The id, Gymnasium style (`FrozenLake-v1`).
    public let id: String
    /// Short names that find the same environment (`frozenlake`).
    public let aliases: [String]
    /// One line saying what the task is.
    public let summary: String
    /// The number of steps after which ``EnvironmentRegistry/make(_:options:)`` truncates an
    /// episode with ``TimeLimit``, or `nil` for no limit.
    public let maxEpisodeSteps: Int?
    /// The mean return over 100 episodes at which the task counts as solved (Gymnasium's
    /// `reward_threshold`), or `nil`.
    public let rewardThreshold: Double?
    /// The options the environment accepts, besides ``maxEpisodeStepsOption``.
    public let options: [OptionDescription]
    /// Makes the environment from its options, without the time limit and without checking
    /// option names: call ``make(options:)`` instead, which does both.
    public let factory: @Sendable (EnvironmentOptions) throws -> any Environment

    /// Describes an environment for a registry.
    ///
    /// - Parameter make: builds the environment; read options through the
    ///   ``EnvironmentOptions`` accessors so bad values get clear errors. Unknown option names
    ///   are rejected before it is called.
    public init(id: String, aliases: [String] = [], summary: String, maxEpisodeSteps: Int? = nil,
                rewardThreshold: Double? = nil, options: [OptionDescription] = [],
                make: @escaping @Sendable (EnvironmentOptions) throws -> any Environment) {
        self.id = id
        self.aliases = aliases
        self.summary = summary
        self.maxEpisodeSteps = maxEpisodeSteps
        self.rewardThreshold = rewardThreshold
        self.options = options
        self.factory = make
    }

    /// The id followed by the aliases.
    public var names: [String] { [id] + aliases }

    /// Every option the registration accepts: its own and ``maxEpisodeStepsOption``.
    public var allOptions: [OptionDescription] { options + [Self.maxEpisodeStepsOption] }

    /// Makes the environment with its time limit applied (the registered one, or the
    /// `max-episode-steps` option's).
    ///
    /// - Throws: ``EnvironmentError/invalidOption(_:)`` for an unknown option name or a bad
    ///   value; ``EnvironmentError/invalidMap(line:message:)`` for a malformed map.
    public func make(options values: [String: String] = [:]) throws -> any Environment {
        let options = EnvironmentOptions(values, environment: id)
        try options.checkNames(allowed: allOptions.map(\.name))
        let limit = try timeLimit(options)
        let environment = try factory(options)
        guard let limit else { return environment }
        return Self.applyTimeLimit(limit, to: environment)
    }

    /// The time limit `make` applies with these options: the `max-episode-steps` option if
    /// given, else ``maxEpisodeSteps``.
    public func timeLimit(_ options: EnvironmentOptions) throws -> Int? {
        let name = Self.maxEpisodeStepsOption.name
        guard let text = options.string(name) else { return maxEpisodeSteps }
        if text.lowercased() == "none" { return nil }
        guard let steps = Int(text), steps >= 1 else {
            throw options.invalid(name, "must be a whole number of steps ≥ 1, or none", text)
        }
        return steps
    }

    /// The observation and action spaces of the environment made with `options`, as text
    /// (for listings such as `rl list`).
    public func spaceDescriptions(options values: [String: String] = [:]) throws
        -> (observation: String, action: String) {
        let environment = try make(options: values)
        return ("\(environment.observationSpace)", "\(environment.actionSpace)")
    }

    private static func applyTimeLimit(_ limit: Int, to environment: any Environment) -> any Environment {
        // Opens the existential so the wrapper is specialised for the concrete type.
        func wrap<Concrete: Environment>(_ concrete: Concrete) -> any Environment {
            TimeLimit(concrete, maxEpisodeSteps: limit)
        }
        return wrap(environment)
    }
}
