import Foundation
import RLCore
import SeededRandom

/// Driving an underpowered car up a hill with a continuous throttle — Gymnasium's
/// `MountainCarContinuous-v0` (classic control), with the same dynamics to the last digit.
///
/// ## Description
///
/// The valley of ``MountainCar`` with a continuous force instead of three pushes: the car has
/// to rock back and forth to reach the flag at 0.45 on the right hill, and every push costs a
/// little reward, so the task rewards reaching the flag with little effort.
///
/// ## Action space
///
/// `Box<Float>(low: -1, high: 1)`, shape `[1]`: the force. As in Gymnasium, a finite force
/// outside [-1, 1] is accepted and clipped to it for the dynamics (its reward uses the
/// unclipped value); NaN and infinity throw ``EnvironmentError/invalidAction(_:)``.
///
/// ## Observation space
///
/// `Box<SIMD2<Float>>`, the state itself (Gymnasium stores it as float32):
///
/// | index | observation               | min   | max  |
/// |-------|---------------------------|-------|------|
/// | 0     | position along the x-axis | -1.2  | 0.6  |
/// | 1     | velocity                  | -0.07 | 0.07 |
///
/// ## Transition dynamics
///
/// `force = min(max(action, -1), 1)`; `velocity += force · 0.0015 − 0.0025 · cos(3 · position)`,
/// clamped to ±0.07; `position += velocity`, clamped to [-1.2, 0.6]; at the left wall a
/// leftward velocity becomes 0. Gymnasium stores the new state as float32 and mixes float32
/// and double arithmetic by NumPy 2's rules; this environment does the same, operation by
/// operation (``StoredPrecision``), so on Linux every state is bit-for-bit Gymnasium's:
///
/// - from a float32 state (after any step): `3 · position` is rounded to float32 before the
///   double cosine; with the action inside [-1, 1] the force term is float32 arithmetic (the
///   cosine term rounded to float32 first); a clipped force makes it double, rounded to
///   float32 when added; every addition and comparison after that is float32;
/// - from the double state of `reset`: the cosine of the double `3 · position`, and the
///   velocity and position updated and compared in double; only the result is rounded.
///
/// ## Rewards
///
/// `−0.1 · action²` per step with the unclipped action, plus 100 on the step that reaches the
/// flag. The task counts as solved at a mean return of 90.
///
/// ## Starting state
///
/// Position uniform in [-0.6, -0.4), velocity 0 (kept in double until the first step).
///
/// ## Episode end
///
/// Terminates when the position is at least 0.45 and the velocity at least the goal velocity
/// (0 by default). The registry truncates at 999 steps (`MountainCarContinuous-v0`).
///
/// ## Arguments
///
/// - `goalVelocity` (registry option `goal-velocity`, Gymnasium's `goal_velocity`): the
///   velocity the car must at least have at the flag; default 0.
///
/// Gymnasium's reset options (`low`, `high`) are not supported. The random stream is this
/// suite's (``SeededGenerator``), not NumPy's: a seed gives the same episodes on every
/// machine, but not Gymnasium's.
///
/// ## Version history
///
/// - v0: the initial version, Gymnasium's current one.
///
/// Renders as a line of numbers over a track with the car and the flag, and as Gymnasium's
/// 600x400 picture with a red arrow for the last force, at 30 frames per second. Keyboard
/// play pushes with -1, 0 or +1 (see ``KeyboardActions``).
public struct MountainCarContinuous: Environment {
    /// The car's position and velocity, as stored: the same as ``MountainCar``'s.
    public typealias State = MountainCar.State

    /// How Gymnasium holds the state: float64 after `reset`, float32 after every step; the
    /// next step's arithmetic depends on it.
    public enum StoredPrecision: Equatable, Sendable {
        /// The state of `reset` (a float64 array).
        case double
        /// The state after a step (a float32 array).
        case single
    }

    // MARK: - Constants (continuous_mountain_car.py)

    // The valley, its walls and its speed limit are MountainCar's.
    @inlinable static var minPosition: Double { MountainCar.minPosition }
    @inlinable static var maxPosition: Double { MountainCar.maxPosition }
    @inlinable static var maxSpeed: Double { MountainCar.maxSpeed }
    /// The flag's position (0.45, not 0.5 as in `MountainCar-v0`).
    @inlinable public static var goalPosition: Double { 0.45 }
    /// The force's effect on the velocity per step.
    @inlinable public static var power: Double { 0.0015 }
    /// The largest force.
    @inlinable public static var maxAction: Float { 1 }

    // MARK: - Properties

    public let observationSpace = MountainCar.valleySpace
    public let actionSpace = Box<Float>(low: -MountainCarContinuous.maxAction, high: MountainCarContinuous.maxAction)
    public var framesPerSecond: Int { 30 }

    /// The velocity the car must at least have at the flag.
    public let goalVelocity: Double

    /// The current state.
    public var state: State { currentState }
    /// Whether the state is held in double (after `reset`) or float32 (after a step).
    public var storedPrecision: StoredPrecision { precision }
    /// The last force applied, unclipped, or `nil` right after `reset`.
    public var lastAction: Float? { lastForce.isNaN ? nil : lastForce }

    @usableFromInline var currentState = State(position: -0.5, velocity: 0)
    @usableFromInline var precision = StoredPrecision.double
    @usableFromInline var lastForce = Float.nan
    @usableFromInline var needsReset = true
    @usableFromInline var generator: SeededGenerator

    /// Creates the environment; call `reset` (or ``setState(_:precision:)``) before stepping.
    ///
    /// - Parameter goalVelocity: the velocity the car must at least have at the flag (default 0).
    /// - Throws: ``EnvironmentError/invalidOption(_:)`` when `goalVelocity` is not finite.
    public init(goalVelocity: Double = 0) throws {
        guard goalVelocity.isFinite else {
            throw EnvironmentError.invalidOption(
                "MountainCarContinuous: the goal velocity must be a finite number, got \(goalVelocity)")
        }
        self.goalVelocity = goalVelocity
        generator = .seededFromSystem()
    }

    // MARK: - Environment

    public mutating func reset(seed: UInt64?) -> SIMD2<Float> {
        if let seed { generator = SeededGenerator(seed: seed) }
        currentState = State(position: generator.uniform(-0.6, -0.4), velocity: 0)
        precision = .double
        lastForce = .nan
        needsReset = false
        return currentState.observation
    }

    /// Starts an episode from `state` instead of a random one (for replaying a recorded
    /// trajectory, or for tests); the next `step` continues from it.
    ///
    /// - Parameter precision: `.double` for a state like `reset`'s, `.single` for one recorded
    ///   after a step (its values are then rounded to `Float`).
    public mutating func setState(_ state: State, precision: StoredPrecision = .double) {
        currentState = precision == .double
            ? state : State(position: Double(Float(state.position)), velocity: Double(Float(state.velocity)))
        self.precision = precision
        lastForce = .nan
        needsReset = false
    }

    @inlinable
    public mutating func step(_ action: Float) throws -> StepResult<SIMD2<Float>> {
        guard !needsReset, action.isFinite else { throw refusal(of: action) }
        let goalReached: Bool
        switch precision {
        case .single: goalReached = stepFromSingle(action)
        case .double: goalReached = stepFromDouble(action)
        }
        precision = .single
        lastForce = action
        needsReset = goalReached
        // (100 if terminated else 0) - action² · 0.1, with the unclipped action.
        let reward = (goalReached ? 100.0 : 0.0) - pow(Double(action), 2) * 0.1
        return StepResult(observation: currentState.observation, reward: reward, terminated: goalReached)
    }

    /// A step from a float32 state; returns whether the goal is reached.
    @inlinable
    mutating func stepFromSingle(_ action: Float) -> Bool {
        var position = Float(currentState.position)
        var velocity = Float(currentState.velocity)
        // 0.0025 * math.cos(3 * position): 3 * position in float32, the cosine and the product in double.
        let slope = 0.0025 * cos(Double(3 * position))
        if action >= -Self.maxAction && action <= Self.maxAction {
            // force * power - slope with a float32 force: float32 arithmetic throughout.
            velocity += action * Float(Self.power) - Float(slope)
        } else {
            // A clipped force is the double ±1.0: the term is double, rounded when added.
            let force: Double = action > 0 ? 1.0 : -1.0
            velocity += Float(force * Self.power - slope)
        }
        let maxSpeed = Float(Self.maxSpeed)
        if velocity > maxSpeed { velocity = maxSpeed }
        if velocity < -maxSpeed { velocity = -maxSpeed }
        position += velocity
        let (minPosition, maxPosition) = (Float(Self.minPosition), Float(Self.maxPosition))
        if position > maxPosition { position = maxPosition }
        if position < minPosition { position = minPosition }
        if position == minPosition && velocity < 0 { velocity = 0 }
        currentState = State(position: Double(position), velocity: Double(velocity))
        return position >= Float(Self.goalPosition) && velocity >= Float(goalVelocity)
    }

    /// The first step after `reset`, from a double state; returns whether the goal is reached.
    @inlinable
    mutating func stepFromDouble(_ action: Float) -> Bool {
        var position = currentState.position
        var velocity = currentState.velocity
        let slope = 0.0025 * cos(3 * position)
        if action >= -Self.maxAction && action <= Self.maxAction {
            // The float32 force term, widened when added to the double velocity.
            velocity += Double(action * Float(Self.power) - Float(slope))
        } else {
            let force: Double = action > 0 ? 1.0 : -1.0
            velocity += force * Self.power - slope
        }
        if velocity > Self.maxSpeed { velocity = Self.maxSpeed }
        if velocity < -Self.maxSpeed { velocity = -Self.maxSpeed }
        position += velocity
        if position > Self.maxPosition { position = Self.maxPosition }
        if position < Self.minPosition { position = Self.minPosition }
        if position == Self.minPosition && velocity < 0 { velocity = 0 }
        currentState = State(position: Double(Float(position)), velocity: Double(Float(velocity)))
        return position >= Self.goalPosition && velocity >= goalVelocity
    }

    @usableFromInline
    func refusal(of action: Float) -> EnvironmentError {
        if needsReset { return .resetNeeded(environment: "MountainCarContinuous") }
        return .invalidAction("MountainCarContinuous: action \(action) is not a finite force (the action space is \(actionSpace); finite forces outside it are clipped)")
    }

    /// Whether the car is at the flag: read it when an episode ends.
    public var episodeSucceeded: Bool? {
        Float(currentState.position) >= Float(Self.goalPosition) && Float(currentState.velocity) >= Float(goalVelocity)
    }

    // MARK: - Rendering

    /// One line of the state, then the track from -1.2 to 0.6 with the car `o` and the flag `F`.
    public func renderText() -> String {
        HillPicture.text(position: currentState.position, velocity: currentState.velocity, goalPosition: Self.goalPosition)
            + (lastAction.map { String(format: "force %+.3f\n", Double($0)) } ?? "\n")
    }

    /// Gymnasium's picture (see ``HillPicture``), with a red arrow for the last force.
    public func drawing() -> Drawing {
        HillPicture.drawing(position: currentState.position, goalPosition: Self.goalPosition, push: lastAction.map(Double.init))
    }
}

// MARK: - Saving the state

extension MountainCarContinuous: StatefulEnvironment {
    /// The position, velocity, stored precision and last force, whether a reset is due and the random stream.
    public var savedState: SteppingState<MountainCarContinuousSavedState> {
        SteppingState(state: MountainCarContinuousSavedState(state: currentState, storesSingle: precision != .double, lastForce: lastForce), needsReset: needsReset, generator: generator)
    }

    public mutating func restore(_ saved: SteppingState<MountainCarContinuousSavedState>) throws {
        currentState = saved.state.state
        precision = saved.state.storesSingle ? .single : .double
        lastForce = saved.state.lastForce
        needsReset = saved.needsReset
        generator = saved.generator
    }
}

/// MountainCarContinuous's saved state: the dynamics, whether it is stored as float32 (after a
/// step) or float64 (after a reset), and the last force applied.
public struct MountainCarContinuousSavedState: Codable {
    var state: MountainCar.State
    var storesSingle: Bool
    var lastForce: Float
}

extension MountainCarContinuous: EpisodeEndDescribing {
    /// "reached the flag" once the car is there (a success).
    public var episodeEnding: EpisodeEnding? {
        episodeSucceeded == true ? EpisodeEnding(words: "reached the flag", isSuccess: true) : nil
    }
}
