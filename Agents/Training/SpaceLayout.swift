import RLCore

/// The shape of the problem an agent was built for: how many inputs it reads and how many
/// actions it chooses among, with the spaces they came from.
///
/// Tabular agents read the observation as one of ``observationSize`` states; neural agents read
/// it as ``observationSize`` numbers (the space's flattened form: one-hot for a `Discrete`
/// space, the scalars of a `Box`). Every agent chooses an action index `0..<actionCount` of a
/// finite action space. The layout is saved in checkpoints, so a loaded agent can refuse an
/// environment it was not trained for.
public struct SpaceLayout: Codable, Equatable, Sendable {
    /// How an agent reads observations.
    public enum ObservationEncoding: String, Codable, Sendable {
        /// As a state index `0..<observationSize` (the space must be finite).
        case index
        /// As `observationSize` floats, the space's flattened form.
        case flattened
    }

    /// How observations are read.
    public var encoding: ObservationEncoding
    /// The number of states (``ObservationEncoding/index``) or of input features
    /// (``ObservationEncoding/flattened``).
    public var observationSize: Int
    /// The number of actions.
    public var actionCount: Int
    /// The observation space the layout was made from, as text (for messages).
    public var observationSpace: String
    /// The action space the layout was made from, as text (for messages).
    public var actionSpace: String

    /// The layout an agent called `agent` needs for these spaces.
    ///
    /// - Throws: ``AgentError/doesNotFit(_:)`` naming the agent and both spaces when the action
    ///   space is not finite, or `encoding` is ``ObservationEncoding/index`` and the observation
    ///   space is not finite.
    public init(
        observationSpace: some Space, actionSpace: some Space,
        encoding: ObservationEncoding, agent: String
    ) throws {
        func refuse(_ reason: String) -> AgentError {
            .doesNotFit("\(agent) does not fit an environment with observations \(observationSpace) "
                + "and actions \(actionSpace): \(reason)")
        }
        guard let actionCount = actionSpace.elementCount else {
            throw refuse("it needs a finite (Discrete) action space")
        }
        switch encoding {
        case .index:
            guard let stateCount = observationSpace.elementCount else {
                throw refuse("it keeps a table of states and needs a finite (Discrete) observation space")
            }
            observationSize = stateCount
        case .flattened:
            guard observationSpace.flattenedCount > 0 else { throw refuse("observations have no features") }
            observationSize = observationSpace.flattenedCount
        }
        self.encoding = encoding
        self.actionCount = actionCount
        self.observationSpace = "\(observationSpace)"
        self.actionSpace = "\(actionSpace)"
    }

    /// Checks that an environment with these spaces gives the same layout, so an agent built
    /// (or loaded) for one environment is not run on another.
    ///
    /// - Throws: ``AgentError/doesNotFit(_:)`` naming the spaces the agent was built for and
    ///   the environment's.
    public func check(observationSpace: some Space, actionSpace: some Space, agent: String) throws {
        let other = try SpaceLayout(
            observationSpace: observationSpace, actionSpace: actionSpace, encoding: encoding, agent: agent)
        guard other.observationSize == observationSize, other.actionCount == actionCount else {
            throw AgentError.doesNotFit(
                "\(agent) was built for observations \(self.observationSpace) and actions \(self.actionSpace), "
                    + "but the environment has observations \(observationSpace) and actions \(actionSpace)")
        }
    }
}
