/// Any environment in a box of one concrete type, so that a wrapper of your own, or any generic
/// code, takes an environment made by id (which the registry returns as `any Environment`):
///
/// ```swift
/// var environment = ScaledReward(wrapped: AnyEnvironment(try registry.make("cartpole")), factor: 0.1)
/// try agent.train(on: &environment)
/// ```
///
/// Observations and actions are ``AnyElement``s holding the environment's own values, and the
/// spaces are ``AnySpace``s forwarding to its spaces, so agents read them as usual. Stepping
/// costs one dynamic call more than the environment itself; elements of up to three words (an
/// `Int`, a `SIMD4<Float>`) are boxed without allocating.
public struct AnyEnvironment: Environment {
    /// The environment inside.
    public private(set) var base: any Environment
    /// The observation space, its element type erased.
    public let observationSpace: AnySpace
    /// The action space, its element type erased.
    public let actionSpace: AnySpace

    /// Boxes `environment` (an `AnyEnvironment` is not boxed twice).
    public init(_ environment: any Environment) {
        base = (environment as? AnyEnvironment)?.base ?? environment
        observationSpace = AnySpace(base.observationSpace)
        actionSpace = AnySpace(base.actionSpace)
    }

    public mutating func reset(seed: UInt64?) -> AnyElement {
        AnyElement(base.reset(seed: seed))
    }

    /// Steps the environment inside with the action `action` holds.
    ///
    /// - Throws: ``EnvironmentError/invalidAction(_:)`` when `action` holds a value of another
    ///   type than the environment's actions, and whatever the environment throws.
    public mutating func step(_ action: AnyElement) throws -> StepResult<AnyElement> {
        func step<E: Environment>(_ environment: inout E) throws -> StepResult<AnyElement> {
            guard let typed = action.value as? E.Action else {
                throw EnvironmentError.invalidAction(
                    "\(E.self): action \(action) is a \(type(of: action.value)), not a \(E.Action.self)")
            }
            let result = try environment.step(typed)
            return StepResult(
                observation: AnyElement(result.observation), reward: result.reward,
                terminated: result.terminated, truncated: result.truncated)
        }
        return try step(&base)
    }

    public var episodeSucceeded: Bool? { base.episodeSucceeded }

    public func renderText() -> String { base.renderText() }

    public func drawing() -> Drawing { base.drawing() }

    public var framesPerSecond: Int { base.framesPerSecond }
}

extension AnyEnvironment: ActionNaming {
    /// The names of the actions of the environment inside, or `Action 0`, `Action 1`, … when it
    /// does not name them.
    public var actionNames: [String] {
        (base as? ActionNaming)?.actionNames ?? (0..<(actionSpace.elementCount ?? 0)).map { "Action \($0)" }
    }
}

extension AnyEnvironment: StatefulEnvironment {
    /// The state of the environment inside, as JSON, when it can be saved (`nil` otherwise).
    public var savedState: String? {
        try? EnvironmentStateText.encode(base)
    }

    /// Puts back a state saved by ``savedState``.
    ///
    /// - Throws: ``EnvironmentError/invalidOption(_:)`` when the environment inside cannot be
    ///   restored or the state does not fit it.
    public mutating func restore(_ saved: String?) throws {
        guard let saved else { return }
        guard try EnvironmentStateText.decode(saved, into: &base) else {
            throw EnvironmentError.invalidOption("\(type(of: base)) cannot restore a saved state")
        }
    }
}
