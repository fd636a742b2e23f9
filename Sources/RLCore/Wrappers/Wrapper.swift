/// An environment that wraps another one and changes part of its behaviour, as Gymnasium's
/// `gymnasium.Wrapper`: everything the wrapper does not define is forwarded to ``wrapped``.
///
/// To write your own wrapper, store the wrapped environment in a `var wrapped` property and
/// define only what changes. The protocol's extensions forward the rest: the spaces, `reset`,
/// `step`, ``Environment/episodeSucceeded``, the renderings and the frame rate. A wrapper that
/// changes the observation type defines `observationSpace`, `reset(seed:)` and `step(_:)`;
/// one that only watches the episode defines `reset(seed:)` and `step(_:)` and calls through.
///
/// ```swift
/// /// Scales every reward by a constant factor.
/// struct ScaledReward<Wrapped: Environment>: Wrapper {
///     var wrapped: Wrapped
///     let factor: Double
///
///     mutating func step(_ action: Wrapped.Action) throws -> StepResult<Wrapped.Observation> {
///         var result = try wrapped.step(action)
///         result.reward *= factor
///         return result
///     }
/// }
///
/// var environment = ScaledReward(wrapped: try FrozenLake(), factor: 10)
/// ```
///
/// Wrappers are generic structs, so a chain of them around a concrete environment is one
/// specialised value type: stepping through it costs no dynamic dispatch.
public protocol Wrapper<Wrapped>: Environment {
    /// The type of the environment inside.
    associatedtype Wrapped: Environment

    /// The environment inside the wrapper.
    var wrapped: Wrapped { get set }
}

// MARK: - Forwarding

extension Wrapper {
    /// The wrapped environment's observation space, unchanged.
    public var observationSpace: Wrapped.ObservationSpace { wrapped.observationSpace }

    /// The wrapped environment's action space, unchanged.
    public var actionSpace: Wrapped.ActionSpace { wrapped.actionSpace }

    /// Resets the wrapped environment.
    public mutating func reset(seed: UInt64?) -> Wrapped.Observation {
        wrapped.reset(seed: seed)
    }

    /// Steps the wrapped environment.
    @inlinable
    public mutating func step(_ action: Wrapped.Action) throws -> StepResult<Wrapped.Observation> {
        try wrapped.step(action)
    }

    public var episodeSucceeded: Bool? { wrapped.episodeSucceeded }

    public func renderText() -> String { wrapped.renderText() }

    public func drawing() -> Drawing { wrapped.drawing() }

    public var framesPerSecond: Int { wrapped.framesPerSecond }
}
