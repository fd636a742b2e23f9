import Foundation
import RLCore
import SeededRandom

/// Driving an underpowered car up a hill by rocking it back and forth — Gymnasium's
/// `MountainCar-v0` (classic control), with the same dynamics to the last digit.
///
/// ## Description
///
/// A car sits in a sinusoidal valley (height `sin(3x) · 0.45 + 0.55`); its engine is too weak
/// to climb the right hill directly, so it has to build momentum by driving left and right
/// (Andrew Moore's PhD thesis, 1990). The goal is the flag at position 0.5 on the right hill.
///
/// ## Action space
///
/// `Discrete(3)`: 0 = accelerate to the left, 1 = do not accelerate, 2 = accelerate to the
/// right.
///
/// ## Observation space
///
/// `Box<SIMD2<Float>>`, the state rounded to `Float`:
///
/// | index | observation               | min   | max  |
/// |-------|---------------------------|-------|------|
/// | 0     | position along the x-axis | -1.2  | 0.6  |
/// | 1     | velocity                  | -0.07 | 0.07 |
///
/// The state itself is `Double` (``state``).
///
/// ## Transition dynamics
///
/// `velocity += (action − 1) · 0.001 + cos(3 · position) · (−0.0025)` (the sum formed first),
/// clamped to ±0.07; `position += velocity`, clamped to [-1.2, 0.6]; at the left wall
/// (position −1.2) a leftward velocity becomes 0 (an inelastic collision). In `Double` with
/// the operations in `mountain_car.py`'s order and the platform's `cos` (glibc on Linux), so
/// every state is bit-for-bit Gymnasium's.
///
/// ## Rewards
///
/// -1 for every step, the one reaching the goal included. The task counts as solved at a mean
/// return of -110.
///
/// ## Starting state
///
/// Position uniform in [-0.6, -0.4), velocity 0.
///
/// ## Episode end
///
/// Terminates when the position is at least 0.5 and the velocity at least the goal velocity
/// (0 by default). The registry truncates at 200 steps (`MountainCar-v0`).
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
/// 600x400 picture (the hill, the black car with grey wheels, the yellow flag), at 30 frames
/// per second.
public struct MountainCar: Environment, ActionNaming, KeyboardPlayable {
    /// The car's position and velocity.
    public struct State: Equatable, Sendable, Codable {
        /// The position along the x-axis, in [-1.2, 0.6].
        public var position: Double
        /// The velocity, in [-0.07, 0.07].
        public var velocity: Double

        /// The state at `position` moving at `velocity`.
        public init(position: Double, velocity: Double) {
            self.position = position
            self.velocity = velocity
        }

        /// The observation: both rounded to `Float`.
        @inlinable
        public var observation: SIMD2<Float> { SIMD2(Float(position), Float(velocity)) }
    }

    // MARK: - Constants (mountain_car.py)

    /// The left wall.
    @inlinable public static var minPosition: Double { -1.2 }
    /// The right end of the track.
    @inlinable public static var maxPosition: Double { 0.6 }
    /// The speed limit.
    @inlinable public static var maxSpeed: Double { 0.07 }
    /// The flag's position.
    @inlinable public static var goalPosition: Double { 0.5 }
    /// The engine's acceleration per step.
    @inlinable public static var force: Double { 0.001 }
    /// The slope's pull per step.
    @inlinable public static var gravity: Double { 0.0025 }

    // MARK: - Properties

    /// The positions and velocities of the valley, rounded to `Float`: the observation space of
    /// both mountain cars.
    public static let valleySpace = Box<SIMD2<Float>>(low: [Float(minPosition), -Float(maxSpeed)],
                                                      high: [Float(maxPosition), Float(maxSpeed)])

    public let observationSpace = MountainCar.valleySpace
    public let actionSpace = Discrete(3)
    public var framesPerSecond: Int { 30 }
    public var actionNames: [String] { ["Accelerate left", "Don't accelerate", "Accelerate right"] }
    /// No acceleration while no key is held (Gymnasium's `get_keys_to_action`).
    public var idleAction: Int? { 1 }

    /// The velocity the car must at least have at the flag.
    public let goalVelocity: Double

    /// The current state.
    public var state: State { currentState }

    @usableFromInline var currentState = State(position: -0.5, velocity: 0)
    @usableFromInline var needsReset = true
    @usableFromInline var generator: SeededGenerator

    /// Creates the environment; call `reset` (or ``setState(_:)``) before stepping.
    ///
    /// - Parameter goalVelocity: the velocity the car must at least have at the flag (default 0).
    /// - Throws: ``EnvironmentError/invalidOption(_:)`` when `goalVelocity` is not finite.
    public init(goalVelocity: Double = 0) throws {
        guard goalVelocity.isFinite else {
            throw EnvironmentError.invalidOption("MountainCar: the goal velocity must be a finite number, got \(goalVelocity)")
        }
        self.goalVelocity = goalVelocity
        generator = .seededFromSystem()
    }

    // MARK: - Environment

    public mutating func reset(seed: UInt64?) -> SIMD2<Float> {
        if let seed { generator = SeededGenerator(seed: seed) }
        currentState = State(position: generator.uniform(-0.6, -0.4), velocity: 0)
        needsReset = false
        return currentState.observation
    }

    /// Starts an episode from `state` instead of a random one (for replaying a recorded
    /// trajectory, or for tests); the next `step` continues from it.
    public mutating func setState(_ state: State) {
        currentState = state
        needsReset = false
    }

    @inlinable
    public mutating func step(_ action: Int) throws -> StepResult<SIMD2<Float>> {
        guard !needsReset, action >= 0, action < 3 else { throw refusal(of: action) }
        var position = currentState.position
        var velocity = currentState.velocity
        // As mountain_car.py: the two terms are summed first, then added.
        velocity += Double(action - 1) * Self.force + cos(3 * position) * -Self.gravity
        velocity = Swift.min(Swift.max(velocity, -Self.maxSpeed), Self.maxSpeed)
        position += velocity
        position = Swift.min(Swift.max(position, Self.minPosition), Self.maxPosition)
        if position == Self.minPosition && velocity < 0 { velocity = 0 }
        currentState = State(position: position, velocity: velocity)
        let terminated = position >= Self.goalPosition && velocity >= goalVelocity
        needsReset = terminated
        return StepResult(observation: currentState.observation, reward: -1, terminated: terminated)
    }

    @usableFromInline
    func refusal(of action: Int) -> EnvironmentError {
        stepRefusal(environment: "MountainCar", action: action, actionCount: 3, needsReset: needsReset,
                    actionNames: actionNames)
    }

    /// Whether the car is at the flag: read it when an episode ends.
    public var episodeSucceeded: Bool? { currentState.position >= Self.goalPosition && currentState.velocity >= goalVelocity }

    // MARK: - Rendering

    /// One line of the state, then the track from -1.2 to 0.6 with the car `o` and the flag `F`.
    public func renderText() -> String {
        HillPicture.text(position: currentState.position, velocity: currentState.velocity, goalPosition: Self.goalPosition)
    }

    /// Gymnasium's picture (see ``HillPicture``).
    public func drawing() -> Drawing {
        HillPicture.drawing(position: currentState.position, goalPosition: Self.goalPosition, push: nil)
    }
}

// MARK: - Saving the state

extension MountainCar: StatefulEnvironment {
    /// The position and velocity, whether a reset is due and the random stream.
    public var savedState: SteppingState<State> {
        SteppingState(state: currentState, needsReset: needsReset, generator: generator)
    }

    public mutating func restore(_ saved: SteppingState<State>) throws {
        currentState = saved.state
        needsReset = saved.needsReset
        generator = saved.generator
    }
}

extension MountainCar: EpisodeEndDescribing {
    /// "reached the flag" once the car is there (a success).
    public var episodeEnding: EpisodeEnding? {
        episodeSucceeded == true ? EpisodeEnding(words: "reached the flag", isSuccess: true) : nil
    }
}
