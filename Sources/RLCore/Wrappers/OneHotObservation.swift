/// Turns a ``Discrete`` observation into a one-hot vector of `Float`, the input a neural
/// network takes for a grid task (the notes' Q-network on FrozenLake: state 5 of 16 becomes
/// `[0, 0, 0, 0, 0, 1, 0, …, 0]`).
///
/// The observation space becomes `Box<[Float]>` with bounds [0, 1] and shape `[n]`, where `n`
/// is the discrete space's count; element `observation − start` is 1, the others 0. Each
/// observation is a new array (agents that want no allocation flatten the discrete
/// observation into their own buffer with ``Space/flatten(_:into:)`` instead).
public struct OneHotObservation<Wrapped: Environment>: Wrapper where Wrapped.ObservationSpace == Discrete {
    public var wrapped: Wrapped

    /// The one-hot vectors: `Box(low: 0, high: 1, shape: [n])`.
    public let observationSpace: Box<[Float]>

    /// Wraps `wrapped`, one-hot encoding its observations.
    public init(_ wrapped: Wrapped) {
        self.wrapped = wrapped
        self.observationSpace = Box(low: 0, high: 1, shape: [wrapped.observationSpace.count])
    }

    public mutating func reset(seed: UInt64?) -> [Float] {
        encode(wrapped.reset(seed: seed))
    }

    public mutating func step(_ action: Wrapped.Action) throws -> StepResult<[Float]> {
        let result = try wrapped.step(action)
        return StepResult(observation: encode(result.observation), reward: result.reward,
                          terminated: result.terminated, truncated: result.truncated)
    }

    /// The one-hot vector of a discrete observation.
    public func encode(_ observation: Int) -> [Float] {
        wrapped.observationSpace.flattened(observation)
    }
}
