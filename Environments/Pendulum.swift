import Foundation
import RLCore
import SeededRandom

/// Swinging a pendulum up and keeping it upright with a limited torque — Gymnasium's
/// `Pendulum-v1` (classic control), with the same dynamics and rewards to the last digit.
///
/// ## Description
///
/// The classic inverted-pendulum swing-up: a rod hangs from a pivot, starting at a random
/// angle; torque at the pivot has to bring it upright and hold it there. θ = 0 is upright,
/// positive angles and torques are counter-clockwise.
///
/// ## Action space
///
/// `Box<Float>(low: -2, high: 2)`, shape `[1]`: the torque (N m). As in Gymnasium, a finite
/// torque outside [-2, 2] is accepted and clipped to it (reward included); NaN and infinity
/// throw ``EnvironmentError/invalidAction(_:)``.
///
/// ## Observation space
///
/// `Box<SIMD3<Float>>`, computed from the state and rounded to `Float`:
///
/// | index | observation           | min  | max |
/// |-------|-----------------------|------|-----|
/// | 0     | x = cos θ             | -1.0 | 1.0 |
/// | 1     | y = sin θ             | -1.0 | 1.0 |
/// | 2     | angular velocity θ̇    | -8.0 | 8.0 |
///
/// The state itself is `Double` (``state``); its angle is never wrapped, so it grows with
/// every full turn.
///
/// ## Rewards
///
/// `−(θₙ² + 0.1 · θ̇² + 0.001 · u²)` from the state *before* the step, where θₙ is the angle
/// brought into [-π, π) and u the clipped torque: at most 0 (upright, still, no torque), at
/// least about −16.27. As in Gymnasium, the squares are C's `pow` (`powf` for u, which stays
/// float32: `0.001 · u²` is float32 arithmetic), so every reward is bit-for-bit Gymnasium's.
///
/// ## Dynamics
///
/// `θ̇ ← clamp(θ̇ + (3g / 2l · sin θ + 3 / (m l²) · u) · dt, ±8)`, then `θ ← θ + θ̇ · dt`
/// (with the new speed), m = l = 1, dt = 0.05 s; `3.0 · u` is float32 arithmetic as in
/// Gymnasium. Set the state with ``setState(_:)`` to replay a trajectory.
///
/// ## Starting state
///
/// θ uniform in [-π, π), θ̇ uniform in [-1, 1).
///
/// ## Episode end
///
/// Never terminates; the registry truncates at 200 steps (`Pendulum-v1`). Gymnasium registers
/// no reward threshold.
///
/// ## Arguments
///
/// - `g` (registry option `g`, Gymnasium's `g`): the acceleration of gravity (m/s²), at
///   least 0; default 10.
///
/// Gymnasium's reset options (`x_init`, `y_init`) are not supported. The random stream is this
/// suite's (``SeededGenerator``), not NumPy's: a seed gives the same episodes on every
/// machine, but not Gymnasium's.
///
/// ## Version history
///
/// - v1: simpler equations, the same behaviour (Gymnasium's current version).
/// - v0: the initial version.
///
/// Renders as a line of numbers, and as Gymnasium's 500x500 picture (the red rod, its pivot
/// and end, and an arrow for the last torque), at 30 frames per second. Keyboard play pushes
/// with -2, 0 or +2 (see ``KeyboardActions``).
public struct Pendulum: Environment {
    /// The pendulum's angle and angular velocity.
    public struct State: Equatable, Sendable, Codable {
        /// The angle from upright (rad, counter-clockwise), not wrapped.
        public var angle: Double
        /// The angular velocity (rad/s), in [-8, 8] after a step.
        public var angularVelocity: Double

        /// The state at `angle` (rad from upright) turning at `angularVelocity` (rad/s).
        public init(angle: Double, angularVelocity: Double) {
            self.angle = angle
            self.angularVelocity = angularVelocity
        }

        /// The observation `[cos θ, sin θ, θ̇]` rounded to `Float`.
        @inlinable
        public var observation: SIMD3<Float> {
            SIMD3(Float(cos(angle)), Float(sin(angle)), Float(angularVelocity))
        }
    }

    // MARK: - Constants (pendulum.py)

    /// The speed limit (rad/s).
    @inlinable public static var maxSpeed: Double { 8 }
    /// The largest torque (N m).
    @inlinable public static var maxTorque: Float { 2 }
    /// The time of one step (s).
    @inlinable public static var timeStep: Double { 0.05 }
    /// The pendulum's mass (kg).
    @inlinable public static var mass: Double { 1 }
    /// The rod's length (m).
    @inlinable public static var length: Double { 1 }

    // MARK: - Properties

    public let observationSpace = Box<SIMD3<Float>>(low: [-1, -1, -Float(Pendulum.maxSpeed)],
                                                    high: [1, 1, Float(Pendulum.maxSpeed)])
    public let actionSpace = Box<Float>(low: -Pendulum.maxTorque, high: Pendulum.maxTorque)
    public var framesPerSecond: Int { 30 }

    /// The acceleration of gravity (m/s²).
    public let gravity: Double

    /// The current state.
    public var state: State { currentState }
    /// The last torque applied, clipped to [-2, 2], or `nil` right after `reset`.
    public var lastTorque: Float? { lastClippedTorque.isNaN ? nil : lastClippedTorque }

    @usableFromInline var currentState = State(angle: .pi, angularVelocity: 0)
    @usableFromInline var lastClippedTorque = Float.nan
    @usableFromInline var needsReset = true
    @usableFromInline var generator: SeededGenerator
    /// 3g / 2l, computed once in Gymnasium's order.
    @usableFromInline let gravityFactor: Double

    /// Creates the pendulum; call `reset` (or ``setState(_:)``) before stepping.
    ///
    /// - Parameter gravity: the acceleration of gravity (m/s²), at least 0 (default 10).
    /// - Throws: ``EnvironmentError/invalidOption(_:)`` for a negative or non-finite gravity.
    public init(gravity: Double = 10) throws {
        guard gravity.isFinite, gravity >= 0 else {
            throw EnvironmentError.invalidOption("Pendulum: gravity g must be a finite number ≥ 0, got \(gravity)")
        }
        self.gravity = gravity
        // 3 * g / (2 * l), evaluated left to right (g = 9.81 gives 14.715000000000002).
        gravityFactor = 3 * gravity / (2 * Self.length)
        generator = .seededFromSystem()
    }

    // MARK: - Environment

    public mutating func reset(seed: UInt64?) -> SIMD3<Float> {
        if let seed { generator = SeededGenerator(seed: seed) }
        currentState = State(angle: generator.uniform(-Double.pi, Double.pi), angularVelocity: generator.uniform(-1, 1))
        lastClippedTorque = .nan
        needsReset = false
        return currentState.observation
    }

    /// Starts an episode from `state` instead of a random one (for replaying a recorded
    /// trajectory, or for tests); the next `step` continues from it.
    public mutating func setState(_ state: State) {
        currentState = state
        lastClippedTorque = .nan
        needsReset = false
    }

    @inlinable
    public mutating func step(_ action: Float) throws -> StepResult<SIMD3<Float>> {
        guard !needsReset, action.isFinite else { throw refusal(of: action) }
        let theta = currentState.angle
        let thetaDot = currentState.angularVelocity
        let u = Swift.min(Swift.max(action, -Self.maxTorque), Self.maxTorque)
        lastClippedTorque = u
        // The cost of the state before the step; u² and 0.001 · u² stay float32.
        let torqueCost = Float(0.001) * powf(u, 2)
        let costs = pow(Self.normalizedAngle(theta), 2) + 0.1 * pow(thetaDot, 2) + Double(torqueCost)
        let acceleration = gravityFactor * sin(theta) + Double(Float(3.0 / (Self.mass * Self.length * Self.length)) * u)
        var newThetaDot = thetaDot + acceleration * Self.timeStep
        newThetaDot = Swift.min(Swift.max(newThetaDot, -Self.maxSpeed), Self.maxSpeed)
        let newTheta = theta + newThetaDot * Self.timeStep
        currentState = State(angle: newTheta, angularVelocity: newThetaDot)
        return StepResult(observation: currentState.observation, reward: -costs)
    }

    /// `angle` brought into [-π, π): `((angle + π) mod 2π) − π` with NumPy's floored modulo.
    @inlinable
    static func normalizedAngle(_ angle: Double) -> Double {
        let turn = 2 * Double.pi
        let shifted = angle + Double.pi
        // NumPy's remainder: C's fmod, moved into [0, 2π) when its sign differs from 2π's.
        var remainder = fmod(shifted, turn)
        if remainder != 0 {
            if remainder < 0 { remainder += turn }
        } else {
            remainder = 0
        }
        return remainder - Double.pi
    }

    @usableFromInline
    func refusal(of action: Float) -> EnvironmentError {
        if needsReset { return .resetNeeded(environment: "Pendulum") }
        return .invalidAction("Pendulum: action \(action) is not a finite torque (the action space is \(actionSpace); finite torques outside it are clipped)")
    }

    // MARK: - Rendering

    /// One line of the angle (degrees from upright, brought into [-180°, 180°)), the angular
    /// velocity and the last torque.
    public func renderText() -> String {
        let degrees = Self.normalizedAngle(currentState.angle) * 180 / .pi
        let torque = lastTorque.map { String(format: "%+.3f N m", Double($0)) } ?? "none yet"
        return String(format: "angle %+7.1f° from upright  angular velocity %+.3f rad/s  ", degrees, currentState.angularVelocity)
            + "torque \(torque)\n"
    }

    /// Gymnasium's picture on a 500x500 canvas (y downwards): the red (204, 77, 77) rod, one
    /// unit long and 0.2 wide with a disc at each end, turned by the angle from upright
    /// (counter-clockwise on screen), a black axle disc, and for the last torque a curved
    /// arrow around the pivot, its size proportional to the torque and pointing its way
    /// (counter-clockwise for positive torque). 4.4 units span the canvas.
    public func drawing() -> Drawing {
        let size = 500.0
        let scale = size / (2 * 2.2)
        let center = Point(x: Double(Int(size) / 2), y: Double(Int(size) / 2))
        let rodColor = Color(red: 204, green: 77, blue: 77)
        let rodLength = 1 * scale
        let halfWidth = 0.1 * scale
        // Upright is up on screen; a positive angle turns counter-clockwise (to the left).
        let angle = currentState.angle
        let direction = (x: -sin(angle), y: -cos(angle))
        let normal = (x: -direction.y, y: direction.x)
        let end = Point(x: center.x + direction.x * rodLength, y: center.y + direction.y * rodLength)
        var shapes: [Drawing.Shape] = [
            .polygon([
                Point(x: center.x + normal.x * halfWidth, y: center.y + normal.y * halfWidth),
                Point(x: end.x + normal.x * halfWidth, y: end.y + normal.y * halfWidth),
                Point(x: end.x - normal.x * halfWidth, y: end.y - normal.y * halfWidth),
                Point(x: center.x - normal.x * halfWidth, y: center.y - normal.y * halfWidth),
            ], color: rodColor),
            .circle(center: center, radius: Double(Int(halfWidth)), color: rodColor),
            .circle(center: Point(x: Double(Int(end.x)), y: Double(Int(end.y))), radius: Double(Int(halfWidth)), color: rodColor),
            .circle(center: center, radius: 0.05 * scale, color: .black),
        ]
        if let torque = lastTorque, torque != 0 {
            shapes += Self.torqueArrow(center: center, radius: scale * Double(abs(torque)) / 4 + 0.15 * scale,
                                       counterClockwise: torque > 0)
        }
        return Drawing(width: Int(size), height: Int(size), background: .white, shapes: shapes)
    }

    /// A black arc of three quarters of a turn around `center`, with an arrowhead at its end.
    static func torqueArrow(center: Point, radius: Double, counterClockwise: Bool) -> [Drawing.Shape] {
        let color = Color.black
        // Screen angles (y down): a counter-clockwise turn on screen decreases the angle.
        let sign = counterClockwise ? -1.0 : 1.0
        let startAngle = Double.pi / 2
        let sweep = 1.5 * Double.pi
        let segments = 24
        func point(_ angle: Double) -> Point {
            Point(x: center.x + radius * cos(angle), y: center.y + radius * sin(angle))
        }
        var shapes: [Drawing.Shape] = []
        for index in 0..<segments {
            let from = startAngle + sign * sweep * Double(index) / Double(segments)
            let to = startAngle + sign * sweep * Double(index + 1) / Double(segments)
            shapes.append(.line(from: point(from), to: point(to), color: color, width: 3))
        }
        let endAngle = startAngle + sign * sweep
        let tip = point(endAngle + sign * 0.35)
        let outer = Point(x: center.x + (radius + 9) * cos(endAngle), y: center.y + (radius + 9) * sin(endAngle))
        let inner = Point(x: center.x + (radius - 9) * cos(endAngle), y: center.y + (radius - 9) * sin(endAngle))
        shapes.append(.polygon([tip, outer, inner], color: color))
        return shapes
    }
}

// MARK: - Saving the state

extension Pendulum: StatefulEnvironment {
    /// The angle, velocity and last torque, whether a reset is due and the random stream.
    public var savedState: SteppingState<PendulumSavedState> {
        SteppingState(state: PendulumSavedState(state: currentState, lastClippedTorque: lastClippedTorque), needsReset: needsReset, generator: generator)
    }

    public mutating func restore(_ saved: SteppingState<PendulumSavedState>) throws {
        currentState = saved.state.state
        lastClippedTorque = saved.state.lastClippedTorque
        needsReset = saved.needsReset
        generator = saved.generator
    }
}

/// Pendulum's saved state: the dynamics and the last torque applied (for the picture).
public struct PendulumSavedState: Codable {
    var state: Pendulum.State
    var lastClippedTorque: Float
}
