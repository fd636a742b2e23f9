/// What an agent is, declared once in its own file: the name the `rl` command and checkpoints
/// know it by, its aliases, a one-line summary, the spaces it fits, its default and recommended
/// configurations, its hyperparameters and the metrics it records.
///
/// ```swift
/// extension MyAgent {
///     public static let definition = AgentDefinition<MyAgent>(
///         name: "my-agent", summary: "what it does, in one line",
///         requirements: SpaceRequirements(observations: .flattened, actions: .discrete),
///         defaults: Configuration(),
///         hyperparameters: [.number("learning-rate", \.learningRate, "step size", in: .positive)],
///         metrics: [.loss])
/// }
/// ```
///
/// Then one line, `try catalog.register(MyAgent.self)`, makes it trainable by name (see
/// ``AgentCatalog``).
public struct AgentDefinition<A: Agent>: Sendable {
    /// The name on the command line and in checkpoints (`dqn`): lower case, no spaces.
    public let name: String
    /// Other names it answers to (`pg` for REINFORCE).
    public let aliases: [String]
    /// One line saying what the agent is.
    public let summary: String
    /// The spaces it fits.
    public let requirements: SpaceRequirements
    /// The configuration it has when nothing is chosen.
    public let defaults: A.Configuration
    /// The configuration tuned for a registered environment (by id or alias), which `rl train`
    /// starts from; the defaults for environments without one.
    public let recommended: @Sendable (String) -> A.Configuration
    /// The hyperparameters, in the order they are applied and listed.
    public let hyperparameters: [Hyperparameter<A.Configuration>]
    /// The figures the agent records per episode, in the order of `metrics.csv`'s columns.
    public let metrics: [Metric]
    /// Refuses combinations of hyperparameters given together that make no sense (`--epsilon`
    /// with `--exploration noise`); receives the names and values given.
    public let checkCombination: @Sendable ([String: String]) throws -> Void

    /// Declares an agent; see each property for its meaning.
    public init(
        name: String, aliases: [String] = [], summary: String, requirements: SpaceRequirements,
        defaults: A.Configuration, recommended: (@Sendable (String) -> A.Configuration)? = nil,
        hyperparameters: [Hyperparameter<A.Configuration>], metrics: [Metric],
        checkCombination: @escaping @Sendable ([String: String]) throws -> Void = { _ in }
    ) {
        self.name = name
        self.aliases = aliases
        self.summary = summary
        self.requirements = requirements
        self.defaults = defaults
        self.recommended = recommended ?? { _ in defaults }
        self.hyperparameters = hyperparameters
        self.metrics = metrics
        self.checkCombination = checkCombination
    }

    /// The hyperparameter called `name`, if the agent has one.
    public func hyperparameter(named name: String) -> Hyperparameter<A.Configuration>? {
        hyperparameters.first { $0.name == name }
    }
}

/// A figure an agent records while it trains (`loss`, `epsilon`, `policy_loss`), by name.
///
/// Each episode's record (and row of `metrics.csv`) carries every metric the agent declares:
/// for ``Kind/episodeMean`` the mean of the values recorded during the episode (empty when none
/// was), for ``Kind/latest`` the last value recorded so far.
public struct Metric: Sendable, Hashable, CustomStringConvertible {
    /// How values recorded during an episode become the episode's figure.
    public enum Kind: Sendable, Hashable {
        /// The mean of the values recorded during the episode (a loss over its updates).
        case episodeMean
        /// The last value recorded (ε, a learning rate, the losses of the last update).
        case latest
    }

    /// The name, as `metrics.csv`'s column and TensorBoard's tag end it (`loss`).
    public let name: String
    /// How an episode's figure is made.
    public let kind: Kind

    /// A metric named `name`.
    public init(_ name: String, _ kind: Kind) {
        self.name = name
        self.kind = kind
    }

    /// The mean training loss over the episode's updates.
    public static let loss = Metric("loss", .episodeMean)
    /// The exploration rate ε in use.
    public static let epsilon = Metric("epsilon", .latest)
    /// The learning rate in use.
    public static let learningRate = Metric("learning_rate", .latest)

    public var description: String { name }
}
