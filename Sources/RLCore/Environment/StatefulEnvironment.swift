import SeededRandom

/// An environment whose changing state (where the episode stands, its random stream, the step
/// count) can be saved and put back: what lets training resume exactly in the middle of an
/// episode. The environment is made again from its registration (its fixed parts: maps,
/// tables, options), then ``restore(_:)`` puts the saved state back.
///
/// The built-in environments and wrappers conform; so can yours:
///
/// ```swift
/// extension Corridor: StatefulEnvironment {
///     var savedState: SteppingState<Int> { SteppingState(state: position, needsReset: needsReset, generator: generator) }
///     mutating func restore(_ saved: SteppingState<Int>) throws {
///         (position, needsReset, generator) = (saved.state, saved.needsReset, saved.generator)
///     }
/// }
/// ```
public protocol StatefulEnvironment: Environment {
    /// The changing state, as a value that can be saved.
    associatedtype SavedState: Codable

    /// The state now.
    var savedState: SavedState { get }

    /// Puts a saved state back.
    ///
    /// - Throws: ``EnvironmentError/invalidOption(_:)`` when the state does not fit this
    ///   environment (another map's state, say).
    mutating func restore(_ saved: SavedState) throws
}

/// The changing state most environments have: the state of the dynamics, whether a reset is
/// due, and the random stream.
public struct SteppingState<State: Codable>: Codable {
    /// The dynamics' state (a position, a cell, angles and velocities).
    public var state: State
    /// Whether `step` must wait for a `reset`.
    public var needsReset: Bool
    /// The environment's random generator.
    public var generator: SeededGenerator

    /// The state of an environment.
    public init(state: State, needsReset: Bool, generator: SeededGenerator) {
        self.state = state
        self.needsReset = needsReset
        self.generator = generator
    }
}

// MARK: - The wrappers

/// The state of a wrapper that counts (a time limit, episode statistics) around the state of
/// what it wraps.
public struct WrapperState<Wrapped: Codable, Own: Codable>: Codable {
    /// The wrapped environment's state.
    public var wrapped: Wrapped
    /// The wrapper's own.
    public var own: Own
}

extension TimeLimit: StatefulEnvironment where Wrapped: StatefulEnvironment {
    public var savedState: WrapperState<Wrapped.SavedState, [Int]> {
        WrapperState(wrapped: wrapped.savedState, own: [stepsTaken, episodeOver ? 1 : 0])
    }

    public mutating func restore(_ saved: WrapperState<Wrapped.SavedState, [Int]>) throws {
        guard saved.own.count == 2, saved.own[0] >= 0 else {
            throw EnvironmentError.invalidOption("the saved time limit state is malformed")
        }
        try wrapped.restore(saved.wrapped)
        stepsTaken = saved.own[0]
        episodeOver = saved.own[1] != 0
    }
}

extension OneHotObservation: StatefulEnvironment where Wrapped: StatefulEnvironment {
    public var savedState: Wrapped.SavedState { wrapped.savedState }

    public mutating func restore(_ saved: Wrapped.SavedState) throws {
        try wrapped.restore(saved)
    }
}
