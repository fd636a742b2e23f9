import SeededRandom

/// A reinforcement-learning task in Gymnasium's shape: `reset` starts an episode, `step` applies
/// an action and says what happened.
///
/// Conform a type to train the suite's agents on your own task:
///
/// ```swift
/// struct Corridor: Environment {
///     let observationSpace = Discrete(5)
///     let actionSpace = Discrete(2)          // 0 = left, 1 = right
///     var position = 0
///     var needsReset = true
///
///     mutating func reset(seed: UInt64?) -> Int {
///         position = 0; needsReset = false
///         return position
///     }
///
///     mutating func step(_ action: Int) throws -> StepResult<Int> {
///         try checkStep(action, needsReset: needsReset)
///         position = max(0, min(4, position + (action == 1 ? 1 : -1)))
///         let reachedEnd = position == 4
///         needsReset = reachedEnd
///         return StepResult(observation: position, reward: reachedEnd ? 1 : 0, terminated: reachedEnd)
///     }
/// }
/// ```
///
/// The contract (which ``EnvironmentChecker`` verifies):
///
/// - `reset(seed:)` with a seed restarts the environment's random stream from that seed, so the
///   same seed gives the same episode; with `nil` the stream continues.
/// - Observations returned by `reset` and `step` belong to ``observationSpace``.
/// - `step` throws ``EnvironmentError`` when called before the first `reset`, after the episode
///   ended (`terminated` or `truncated`), or with an action outside ``actionSpace``, with one
///   exception: an environment with continuous (`Box`) actions may accept a finite action past
///   the bounds and clip it, as Gymnasium's Pendulum and MountainCarContinuous do. An action
///   with a NaN or an infinity is always refused with ``EnvironmentError/invalidAction(_:)``.
/// - `terminated` means the task ended (a hole, the goal, the pole fell): no future reward.
///   `truncated` means it was cut short (a time limit): the future still had value. Agents
///   bootstrap through truncation, never through termination.
public protocol Environment<ObservationSpace, ActionSpace> {
    /// The space observations belong to.
    associatedtype ObservationSpace: Space
    /// The space actions belong to.
    associatedtype ActionSpace: Space

    /// An observation of the environment.
    typealias Observation = ObservationSpace.Element
    /// An action the agent can take.
    typealias Action = ActionSpace.Element

    /// The set of possible observations.
    var observationSpace: ObservationSpace { get }
    /// The set of possible actions.
    var actionSpace: ActionSpace { get }

    /// Starts a new episode and returns its first observation.
    ///
    /// - Parameter seed: reseeds the environment's random generator; `nil` continues its stream
    ///   (an environment never seeded draws its seed from the system).
    mutating func reset(seed: UInt64?) -> Observation

    /// Applies `action` for one time step.
    ///
    /// - Throws: ``EnvironmentError`` when the episode has not started or has ended, or the
    ///   action is not in ``actionSpace`` (continuous environments may accept finite actions
    ///   past the bounds and clip them; they refuse NaN and infinity).
    mutating func step(_ action: Action) throws -> StepResult<Observation>

    /// Whether the last finished episode reached the task's goal, for environments with a
    /// goal (FrozenLake, CliffWalking, grid worlds); `nil` for the others (CartPole).
    ///
    /// Read it when `step` reports the end of an episode, before the next `reset`: the
    /// built-in environments answer from their current state, so after a truncation (which
    /// the environment may not know about) or a new `reset` it describes that state.
    /// ``EpisodeStatistics`` records it at each episode's end.
    var episodeSucceeded: Bool? { get }

    /// The current state drawn as text for a terminal (may contain ANSI colour codes).
    func renderText() -> String

    /// The current state as a picture description for a viewer (see ``Drawing``).
    func drawing() -> Drawing

    /// The pace at which a viewer should show steps (Gymnasium's `render_fps`).
    var framesPerSecond: Int { get }
}

extension Environment {
    /// Starts a new episode, continuing the current random stream.
    @discardableResult
    public mutating func reset() -> Observation {
        reset(seed: nil)
    }

    public var episodeSucceeded: Bool? { nil }

    public func renderText() -> String {
        "\(Self.self): no text rendering"
    }

    public func drawing() -> Drawing {
        Drawing(width: 400, height: 100, shapes: [
            .text("\(Self.self)", at: Point(x: 10, y: 40), color: .black),
        ])
    }

    public var framesPerSecond: Int { 30 }

    /// Throws the error `step` must throw for `action`, if any: the episode not started or
    /// over (`needsReset`), or an action outside the action space. Call it first in `step`.
    ///
    /// - Parameters:
    ///   - action: the action `step` was given.
    ///   - needsReset: whether the environment must be reset before stepping: `true` before
    ///     the first `reset` and after a step that ended the episode.
    /// - Throws: ``EnvironmentError/resetNeeded(environment:)`` when `needsReset` is `true`,
    ///   else ``EnvironmentError/invalidAction(_:)`` when `action` is not in ``actionSpace``.
    public func checkStep(_ action: Action, needsReset: Bool) throws {
        if needsReset {
            throw EnvironmentError.resetNeeded(environment: "\(Self.self)")
        }
        guard actionSpace.contains(action) else {
            throw EnvironmentError.invalidAction(
                "\(Self.self): action \(action) is not in the action space \(actionSpace)")
        }
    }
}
