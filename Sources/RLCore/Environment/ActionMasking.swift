/// An environment that tells which of its discrete actions do something in the current state,
/// as Gymnasium's Taxi returns `info["action_mask"]`: agents may restrict their choice (or
/// their maximum over Q-values) to those actions.
///
/// Taxi's mask marks the moves that change the taxi's cell, the pickup where the passenger
/// waits and the dropoff where the taxi can legally drop the passenger; the other actions
/// still work, they only cost a step (or a penalty) for nothing.
///
/// ```swift
/// let allowed = (0..<6).filter { taxi.isActionEnabled(atIndex: $0) }   // no allocation per call
/// ```
///
/// The wrappers of this module (``TimeLimit``, ``EpisodeStatistics``, ``OneHotObservation``)
/// pass the mask through.
public protocol ActionMasking {
    /// Whether the action at `index` (its position in the finite action space) changes
    /// anything in the current state; `false` for an index outside the action space.
    func isActionEnabled(atIndex index: Int) -> Bool
}

extension ActionMasking where Self: Environment {
    /// The mask of the current state, one entry per action (a new array; loop over
    /// ``isActionEnabled(atIndex:)`` to avoid the allocation).
    public var actionMask: [Bool] {
        (0..<(actionSpace.elementCount ?? 0)).map(isActionEnabled(atIndex:))
    }
}

extension TimeLimit: ActionMasking where Wrapped: ActionMasking {
    public func isActionEnabled(atIndex index: Int) -> Bool { wrapped.isActionEnabled(atIndex: index) }
}

extension EpisodeStatistics: ActionMasking where Wrapped: ActionMasking {
    public func isActionEnabled(atIndex index: Int) -> Bool { wrapped.isActionEnabled(atIndex: index) }
}

extension OneHotObservation: ActionMasking where Wrapped: ActionMasking {
    public func isActionEnabled(atIndex index: Int) -> Bool { wrapped.isActionEnabled(atIndex: index) }
}
