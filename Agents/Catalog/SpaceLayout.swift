import RLCore

/// The shape of the problem an agent was built for: how many inputs it reads and which
/// actions it chooses among, with the spaces they came from.
///
/// Tabular agents read the observation as one of ``observationSize`` states; neural agents read
/// it as ``observationSize`` numbers (the space's flattened form: one-hot for a `Discrete`
/// space, the scalars of a `Box`). Agents choose an action index `0..<actionCount` of a finite
/// action space, or (continuous agents) a vector of ``actionCount`` floats within
/// ``actionBounds`` of a ``ContinuousSpace`` such as `Box`. The layout is saved in checkpoints,
/// so a loaded agent can refuse an environment it was not trained for.
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
    /// The number of actions of a finite action space, or the number of scalars of a
    /// continuous one.
    public var actionCount: Int
    /// The bounds of a continuous action space; `nil` when actions are finite.
    public var actionBounds: ActionBounds?
    /// The observation space the layout was made from, as text (for messages).
    public var observationSpace: String
    /// The action space the layout was made from, as text (for messages).
    public var actionSpace: String
    /// The spaces themselves, when the layout was made from an environment (not saved in
    /// checkpoints): what ``Agent/predict(_:)`` reads observations and builds actions with.
    public var spaces: BoundSpaces?

    /// Whether actions are vectors of floats (a continuous action space).
    public var isContinuous: Bool { actionBounds != nil }

    /// The layout an agent called `agent` with `requirements` needs for these spaces.
    ///
    /// - Throws: ``AgentError/doesNotFit(_:)`` naming the agent and both spaces when the spaces
    ///   do not meet the requirements.
    public init(
        observationSpace: some Space, actionSpace: some Space, requirements: SpaceRequirements, agent: String
    ) throws {
        func refuse(_ reason: String) -> AgentError {
            .doesNotFit("\(agent) does not fit an environment with observations \(observationSpace) "
                + "and actions \(actionSpace): \(reason)")
        }
        if let actionCount = actionSpace.elementCount {
            guard requirements.actions != .continuous else {
                throw refuse("it needs a continuous (Box) action space")
            }
            self.actionCount = actionCount
            actionBounds = nil
        } else if let box = actionSpace as? any ContinuousSpace, !box.low.isEmpty {
            guard requirements.actions != .discrete else {
                throw refuse("it needs a finite (Discrete) action space")
            }
            actionCount = box.low.count
            actionBounds = ActionBounds(low: box.low, high: box.high)
        } else {
            throw refuse("its actions are neither finite (Discrete) nor a vector of floats (Box)")
        }
        switch requirements.observations {
        case .index:
            guard let stateCount = observationSpace.elementCount else {
                throw refuse("it keeps a table of states and needs a finite (Discrete) observation space")
            }
            observationSize = stateCount
        case .flattened:
            guard observationSpace.flattenedCount > 0 else { throw refuse("observations have no features") }
            observationSize = observationSpace.flattenedCount
        }
        self.encoding = requirements.observations
        self.observationSpace = "\(observationSpace)"
        self.actionSpace = "\(actionSpace)"
        spaces = BoundSpaces(observation: observationSpace, action: actionSpace)
    }

    /// The layout for finite actions read with `encoding` (the version 1 form of
    /// ``init(observationSpace:actionSpace:requirements:agent:)``).
    public init(observationSpace: some Space, actionSpace: some Space, encoding: ObservationEncoding, agent: String) throws {
        try self.init(
            observationSpace: observationSpace, actionSpace: actionSpace,
            requirements: SpaceRequirements(observations: encoding, actions: .discrete), agent: agent)
    }

    /// Checks that an environment with these spaces gives the same layout, so an agent built
    /// (or loaded) for one environment is not run on another.
    ///
    /// - Throws: ``AgentError/doesNotFit(_:)`` naming the spaces the agent was built for and
    ///   the environment's.
    public func check(observationSpace: some Space, actionSpace: some Space, agent: String) throws {
        let other = try SpaceLayout(
            observationSpace: observationSpace, actionSpace: actionSpace,
            requirements: SpaceRequirements(observations: encoding, actions: isContinuous ? .continuous : .discrete),
            agent: agent)
        guard other.observationSize == observationSize, other.actionCount == actionCount,
              other.actionBounds == actionBounds else {
            throw AgentError.doesNotFit(
                "\(agent) was built for observations \(self.observationSpace) and actions \(self.actionSpace), "
                    + "but the environment has observations \(observationSpace) and actions \(actionSpace)")
        }
    }

    /// The same layout, bound to the spaces of an environment that fits it.
    ///
    /// - Throws: ``AgentError/doesNotFit(_:)`` as ``check(observationSpace:actionSpace:agent:)``.
    public func bound(to environment: some Environment, agent: String) throws -> SpaceLayout {
        try check(observationSpace: environment.observationSpace, actionSpace: environment.actionSpace, agent: agent)
        var copy = self
        copy.spaces = BoundSpaces(observation: environment.observationSpace, action: environment.actionSpace)
        return copy
    }

    public static func == (lhs: SpaceLayout, rhs: SpaceLayout) -> Bool {
        lhs.encoding == rhs.encoding && lhs.observationSize == rhs.observationSize && lhs.actionCount == rhs.actionCount
            && lhs.actionBounds == rhs.actionBounds && lhs.observationSpace == rhs.observationSpace
            && lhs.actionSpace == rhs.actionSpace
    }

    private enum CodingKeys: String, CodingKey {
        case encoding, observationSize, actionCount, actionBounds, observationSpace, actionSpace
    }

    /// The largest ``observationSize`` and ``actionCount`` a saved layout may give: 2²⁸.
    public static let maximumSize = 1 << 28

    /// Reads a layout saved in a checkpoint, checking it as strictly as the tensors: sizes
    /// from 1 to ``maximumSize``, and bounds with one finite-or-infinite pair `low ≤ high` per
    /// action scalar.
    ///
    /// - Throws: `DecodingError.dataCorrupted` naming the field that is out of range.
    public init(from decoder: any Decoder) throws {
        let container = try decoder.container(keyedBy: CodingKeys.self)
        func size(_ key: CodingKeys) throws -> Int {
            let value = try container.decode(Int.self, forKey: key)
            guard (1...Self.maximumSize).contains(value) else {
                throw DecodingError.dataCorruptedError(
                    forKey: key, in: container, debugDescription: "must be from 1 to \(Self.maximumSize), got \(value)")
            }
            return value
        }
        encoding = try container.decode(ObservationEncoding.self, forKey: .encoding)
        observationSize = try size(.observationSize)
        actionCount = try size(.actionCount)
        actionBounds = try container.decodeIfPresent(ActionBounds.self, forKey: .actionBounds)
        if let actionBounds {
            guard actionBounds.low.count == actionCount, actionBounds.high.count == actionCount,
                  zip(actionBounds.low, actionBounds.high).allSatisfy({ $0 <= $1 }) else {
                throw DecodingError.dataCorruptedError(
                    forKey: .actionBounds, in: container,
                    debugDescription: "needs \(actionCount) lower and upper bounds with low ≤ high")
            }
        }
        observationSpace = try container.decode(String.self, forKey: .observationSpace)
        actionSpace = try container.decode(String.self, forKey: .actionSpace)
        spaces = nil
    }
}

/// The observation and action spaces an agent was made for, kept so that
/// ``Agent/predict(_:)`` can read observations and build actions without being given them.
public final class BoundSpaces: Sendable {
    /// The observation space.
    public let observation: any Space
    /// The action space.
    public let action: any Space

    /// Keeps both spaces.
    public init(observation: any Space, action: any Space) {
        self.observation = observation
        self.action = action
    }
}

/// The spaces an agent can work with: how it reads observations and which actions it takes.
public struct SpaceRequirements: Sendable, Equatable, CustomStringConvertible {
    /// The action spaces an agent takes.
    public enum Actions: String, Sendable {
        /// Finite action spaces (`Discrete`): the agent chooses an index.
        case discrete
        /// Continuous action spaces (`Box`): the agent chooses a vector of floats.
        case continuous
        /// Either kind.
        case any
    }

    /// How observations are read (an index needs a finite observation space).
    public var observations: SpaceLayout.ObservationEncoding
    /// Which action spaces the agent takes.
    public var actions: Actions

    /// Describes what an agent needs.
    public init(observations: SpaceLayout.ObservationEncoding, actions: Actions) {
        self.observations = observations
        self.actions = actions
    }

    /// `Discrete or Box observations, Discrete actions`, as `rl list` prints it.
    public var description: String {
        let observationText = observations == .index ? "Discrete observations" : "any observations"
        let actionText = switch actions {
        case .discrete: "Discrete actions"
        case .continuous: "Box actions"
        case .any: "Discrete or Box actions"
        }
        return observationText + ", " + actionText
    }
}
