import Foundation
import RLCore
import SeededRandom

/// Swinging the free end of a two-link chain above a line — Gymnasium's `Acrobot-v1` (classic
/// control), with the same dynamics to the last digit.
///
/// ## Description
///
/// Two links hang from a fixed pivot, joined by an actuated joint (Sutton, "Generalization in
/// Reinforcement Learning: Successful Examples Using Sparse Coarse Coding", NIPS 1995, and
/// Sutton and Barto's book). Torque on the middle joint must swing the free end of the outer
/// link above a line one link length over the pivot, starting from hanging down.
///
/// ## Action space
///
/// `Discrete(3)`: the torque on the joint between the links, 0 = −1 N m, 1 = 0, 2 = +1 N m.
///
/// ## Observation space
///
/// `Box<FloatVector6>`, computed from the state and rounded to `Float`:
///
/// | index | observation                        | min              | max             |
/// |-------|------------------------------------|------------------|-----------------|
/// | 0     | cos θ₁                             | -1               | 1               |
/// | 1     | sin θ₁                             | -1               | 1               |
/// | 2     | cos θ₂                             | -1               | 1               |
/// | 3     | sin θ₂                             | -1               | 1               |
/// | 4     | angular velocity of θ₁ (rad/s)     | ≈ -12.566 (-4π)  | ≈ 12.566 (4π)   |
/// | 5     | angular velocity of θ₂ (rad/s)     | ≈ -28.274 (-9π)  | ≈ 28.274 (9π)   |
///
/// θ₁ is the first link's angle from straight down; θ₂ the second link's angle relative to the
/// first. `[1, 0, 1, 0, 0, 0]` is both links hanging down at rest. The state itself is
/// `Double` (``state``), the angles wrapped into [-π, π].
///
/// ## Rewards
///
/// -1 per step, and 0 on the step that reaches the goal height. The task counts as solved at
/// a mean return of -100.
///
/// ## Starting state
///
/// Each of θ₁, θ₂ and the two angular velocities uniform in [-0.1, 0.1), rounded to `Float`
/// (Gymnasium stores the start as float32; every later state is `Double`).
///
/// ## Episode end
///
/// Terminates when the free end is above the line: `-cos θ₁ - cos(θ₂ + θ₁) > 1`. The
/// registry truncates at 500 steps (`Acrobot-v1`).
///
/// ## Dynamics
///
/// The book's equations (Gymnasium's default `book_or_nips = "book"`): links of length 1 and
/// mass 1, centres of mass at 0.5, moments of inertia 1, gravity 9.8; one fourth-order
/// Runge-Kutta step of 0.2 s per action, then both angles wrapped into [-π, π] and the
/// angular velocities clamped to ±4π and ±9π. The arithmetic follows `acrobot.py` operation by
/// operation, with `pow(x, 2)` where Gymnasium squares a NumPy scalar (it differs from `x * x`
/// in the last bit for about 0.1% of arguments), so on Linux every state is bit-for-bit
/// Gymnasium's. Torque noise is 0, as in Gymnasium. Set the state with ``setState(_:)`` to
/// replay a trajectory.
///
/// ## Arguments
///
/// None: Gymnasium's `Acrobot-v1` takes only `render_mode`. Its reset options (`low`,
/// `high`) are not supported; the start is always drawn from [-0.1, 0.1). The random stream
/// is this suite's (``SeededGenerator``), not NumPy's: a seed gives the same episodes on every
/// machine, but not Gymnasium's.
///
/// ## Version history
///
/// - v1: the observation gives the cosine and sine of each angle; 500 steps (Gymnasium's
///   current version, the only one here).
/// - v0: the angles themselves, 200 steps.
///
/// Renders as a line of numbers, and as Gymnasium's 500x500 picture (two turquoise links,
/// yellow joints, the black goal line), at 15 frames per second.
public struct Acrobot: Environment, ActionNaming, KeyboardPlayable {
    /// The two links' angles and angular velocities.
    public struct State: Equatable, Sendable, Codable {
        /// The first link's angle from straight down (rad).
        public var theta1: Double
        /// The second link's angle relative to the first (rad).
        public var theta2: Double
        /// θ₁'s angular velocity (rad/s).
        public var angularVelocity1: Double
        /// θ₂'s angular velocity (rad/s).
        public var angularVelocity2: Double

        /// The state with these angles (rad) and angular velocities (rad/s).
        public init(theta1: Double, theta2: Double, angularVelocity1: Double, angularVelocity2: Double) {
            self.theta1 = theta1
            self.theta2 = theta2
            self.angularVelocity1 = angularVelocity1
            self.angularVelocity2 = angularVelocity2
        }

        /// The state in Gymnasium's order: `[theta1, theta2, dtheta1, dtheta2]`.
        public var values: [Double] { [theta1, theta2, angularVelocity1, angularVelocity2] }

        /// The observation `[cos θ₁, sin θ₁, cos θ₂, sin θ₂, θ̇₁, θ̇₂]`, computed in `Double`
        /// and rounded to `Float` (Gymnasium's `_get_ob` on a float64 state).
        @inlinable
        public var observation: FloatVector6 {
            FloatVector6(Float(cos(theta1)), Float(sin(theta1)), Float(cos(theta2)), Float(sin(theta2)),
                         Float(angularVelocity1), Float(angularVelocity2))
        }
    }

    // MARK: - Constants (acrobot.py)

    /// The time of one step (s).
    @inlinable public static var timeStep: Double { 0.2 }
    /// The length of the first link (m); the second's is the same.
    @inlinable public static var linkLength: Double { 1.0 }
    /// The mass of each link (kg).
    @inlinable public static var linkMass: Double { 1.0 }
    /// The position of each link's centre of mass along it (m).
    @inlinable public static var linkCenterOfMass: Double { 0.5 }
    /// Each link's moment of inertia.
    @inlinable public static var linkMomentOfInertia: Double { 1.0 }
    /// Gravitational acceleration (m/s²).
    @inlinable public static var gravity: Double { 9.8 }
    /// The bound on θ₁'s angular velocity: 4π rad/s.
    @inlinable public static var maxVelocity1: Double { 4 * Double.pi }
    /// The bound on θ₂'s angular velocity: 9π rad/s.
    @inlinable public static var maxVelocity2: Double { 9 * Double.pi }

    // MARK: - Properties

    public let observationSpace = Box<FloatVector6>(
        low: [-1, -1, -1, -1, -Float(Acrobot.maxVelocity1), -Float(Acrobot.maxVelocity2)],
        high: [1, 1, 1, 1, Float(Acrobot.maxVelocity1), Float(Acrobot.maxVelocity2)])
    public let actionSpace = Discrete(3)
    public var framesPerSecond: Int { 15 }
    public var actionNames: [String] { ["Torque -1 (left)", "No torque", "Torque +1 (right)"] }
    /// No torque while no key is held.
    public var idleAction: Int? { 1 }

    /// The current state.
    public var state: State { currentState }

    @usableFromInline var currentState = State(theta1: 0, theta2: 0, angularVelocity1: 0, angularVelocity2: 0)
    @usableFromInline var needsReset = true
    @usableFromInline var generator: SeededGenerator

    /// Creates the environment; call `reset` (or ``setState(_:)``) before stepping.
    public init() {
        generator = .seededFromSystem()
    }

    // MARK: - Environment

    public mutating func reset(seed: UInt64?) -> FloatVector6 {
        if let seed { generator = SeededGenerator(seed: seed) }
        // Gymnasium draws float64 values and stores them as float32.
        func draw() -> Double { Double(Float(generator.uniform(-0.1, 0.1))) }
        currentState = State(theta1: draw(), theta2: draw(), angularVelocity1: draw(), angularVelocity2: draw())
        needsReset = false
        // Gymnasium's first observation takes the float32 cosines and sines of the float32 start.
        let start = currentState
        return FloatVector6(cos(Float(start.theta1)), sin(Float(start.theta1)), cos(Float(start.theta2)),
                            sin(Float(start.theta2)), Float(start.angularVelocity1), Float(start.angularVelocity2))
    }

    /// Starts an episode from `state` instead of a random one (for replaying a recorded
    /// trajectory, or for tests); the next `step` continues from it.
    public mutating func setState(_ state: State) {
        currentState = state
        needsReset = false
    }

    @inlinable
    public mutating func step(_ action: Int) throws -> StepResult<FloatVector6> {
        guard !needsReset, action >= 0, action < 3 else { throw refusal(of: action) }
        let torque = Double(action - 1)
        var next = Self.rungeKuttaStep(from: currentState, torque: torque)
        next.theta1 = Self.wrap(next.theta1)
        next.theta2 = Self.wrap(next.theta2)
        next.angularVelocity1 = Swift.min(Swift.max(next.angularVelocity1, -Self.maxVelocity1), Self.maxVelocity1)
        next.angularVelocity2 = Swift.min(Swift.max(next.angularVelocity2, -Self.maxVelocity2), Self.maxVelocity2)
        currentState = next
        // cos θ₁ serves the goal test and the observation: computed once.
        let cosTheta1 = cos(next.theta1)
        let terminated = -cosTheta1 - cos(next.theta2 + next.theta1) > 1.0
        needsReset = terminated
        let observation = FloatVector6(Float(cosTheta1), Float(sin(next.theta1)), Float(cos(next.theta2)), Float(sin(next.theta2)),
                                       Float(next.angularVelocity1), Float(next.angularVelocity2))
        return StepResult(observation: observation, reward: terminated ? 0 : -1, terminated: terminated)
    }

    @usableFromInline
    func refusal(of action: Int) -> EnvironmentError {
        stepRefusal(environment: "Acrobot", action: action, actionCount: 3, needsReset: needsReset,
                    actionNames: actionNames)
    }

    // MARK: - Dynamics (acrobot.py, operation by operation)

    /// The time derivatives of the state under `torque`: Gymnasium's `_dsdt` with the book's
    /// equation for θ̈₂.
    @inlinable
    static func derivatives(_ state: State, torque: Double) -> State {
        let (m1, m2) = (linkMass, linkMass)
        let l1 = linkLength
        let (lc1, lc2) = (linkCenterOfMass, linkCenterOfMass)
        let (i1, i2) = (linkMomentOfInertia, linkMomentOfInertia)
        let g = gravity
        let theta1 = state.theta1, theta2 = state.theta2
        let dtheta1 = state.angularVelocity1, dtheta2 = state.angularVelocity2
        let cosTheta2 = cos(theta2)
        let sinTheta2 = sin(theta2)
        let d1 = m1 * (lc1 * lc1) + m2 * (l1 * l1 + lc2 * lc2 + 2 * l1 * lc2 * cosTheta2) + i1 + i2
        let d2 = m2 * (lc2 * lc2 + l1 * lc2 * cosTheta2) + i2
        let phi2 = m2 * lc2 * g * cos(theta1 + theta2 - Double.pi / 2.0)
        let phi1 = -m2 * l1 * lc2 * pow(dtheta2, 2) * sinTheta2
            - 2 * m2 * l1 * lc2 * dtheta2 * dtheta1 * sinTheta2
            + (m1 * lc1 + m2 * l1) * g * cos(theta1 - Double.pi / 2)
            + phi2
        let ddtheta2 = (torque + d2 / d1 * phi1 - m2 * l1 * lc2 * pow(dtheta1, 2) * sinTheta2 - phi2)
            / (m2 * (lc2 * lc2) + i2 - pow(d2, 2) / d1)
        let ddtheta1 = -(d2 * ddtheta2 + phi1) / d1
        return State(theta1: dtheta1, theta2: dtheta2, angularVelocity1: ddtheta1, angularVelocity2: ddtheta2)
    }

    /// One fourth-order Runge-Kutta step of ``timeStep`` (Gymnasium's `rk4` over `[0, dt]`).
    @inlinable
    static func rungeKuttaStep(from y0: State, torque: Double) -> State {
        let dt = timeStep
        let halfStep = dt / 2.0
        func plus(_ base: State, _ scale: Double, _ slope: State) -> State {
            State(theta1: base.theta1 + scale * slope.theta1, theta2: base.theta2 + scale * slope.theta2,
                  angularVelocity1: base.angularVelocity1 + scale * slope.angularVelocity1,
                  angularVelocity2: base.angularVelocity2 + scale * slope.angularVelocity2)
        }
        let k1 = derivatives(y0, torque: torque)
        let k2 = derivatives(plus(y0, halfStep, k1), torque: torque)
        let k3 = derivatives(plus(y0, halfStep, k2), torque: torque)
        let k4 = derivatives(plus(y0, dt, k3), torque: torque)
        // y0 + dt / 6 * (k1 + 2 k2 + 2 k3 + k4), summed left to right as NumPy does.
        let sixth = dt / 6.0
        func combine(_ a: Double, _ b: Double, _ c: Double, _ d: Double) -> Double { a + 2 * b + 2 * c + d }
        return State(
            theta1: y0.theta1 + sixth * combine(k1.theta1, k2.theta1, k3.theta1, k4.theta1),
            theta2: y0.theta2 + sixth * combine(k1.theta2, k2.theta2, k3.theta2, k4.theta2),
            angularVelocity1: y0.angularVelocity1
                + sixth * combine(k1.angularVelocity1, k2.angularVelocity1, k3.angularVelocity1, k4.angularVelocity1),
            angularVelocity2: y0.angularVelocity2
                + sixth * combine(k1.angularVelocity2, k2.angularVelocity2, k3.angularVelocity2, k4.angularVelocity2))
    }

    /// `angle` brought into [-π, π] by whole turns (Gymnasium's `wrap`).
    @inlinable
    static func wrap(_ angle: Double) -> Double {
        let turn = Double.pi - -Double.pi
        var wrapped = angle
        while wrapped > Double.pi { wrapped = wrapped - turn }
        while wrapped < -Double.pi { wrapped = wrapped + turn }
        return wrapped
    }

    /// The height of the free end above the pivot, in link lengths (the goal is above 1).
    public var tipHeight: Double {
        -cos(currentState.theta1) - cos(currentState.theta2 + currentState.theta1)
    }

    // MARK: - Rendering

    /// One line of the angles (degrees) and angular velocities, and the free end's height
    /// against the goal line.
    public func renderText() -> String {
        let state = currentState
        func degrees(_ radians: Double) -> String { String(format: "%+7.1f°", radians * 180 / .pi) }
        func speed(_ value: Double) -> String { String(format: "%+7.3f", value) }
        return "θ1 \(degrees(state.theta1))  θ2 \(degrees(state.theta2))  "
            + "ω1 \(speed(state.angularVelocity1)) rad/s  ω2 \(speed(state.angularVelocity2)) rad/s\n"
            + "tip height \(String(format: "%+.3f", tipHeight)) (goal: above +1.000)\n"
    }

    /// Gymnasium's picture on a 500x500 canvas (y downwards): the goal line one link length
    /// above the pivot, each link a turquoise (0, 204, 204) bar 0.2 link lengths wide, and a
    /// yellow (204, 204, 0) disc at the pivot and at the middle joint. 4.4 link lengths span
    /// the canvas.
    public func drawing() -> Drawing {
        let size = 500.0
        let scale = size / (2 * (2 * Self.linkLength + 0.2))
        let center = Point(x: size / 2, y: size / 2)
        let linkColor = Color(red: 0, green: 204, blue: 204)
        let jointColor = Color(red: 204, green: 204, blue: 0)
        let halfWidth = 0.1 * scale
        // Angles measured from straight down; on the canvas (y down) down is +y.
        let angle1 = currentState.theta1
        let angle2 = currentState.theta1 + currentState.theta2
        let joint = Point(x: center.x + Self.linkLength * sin(angle1) * scale, y: center.y + Self.linkLength * cos(angle1) * scale)
        let tip = Point(x: joint.x + Self.linkLength * sin(angle2) * scale, y: joint.y + Self.linkLength * cos(angle2) * scale)
        func bar(from start: Point, to end: Point) -> Drawing.Shape {
            let length = hypot(end.x - start.x, end.y - start.y)
            let (normalX, normalY) = length > 0 ? (-(end.y - start.y) / length, (end.x - start.x) / length) : (1, 0)
            return .polygon([
                Point(x: start.x + normalX * halfWidth, y: start.y + normalY * halfWidth),
                Point(x: end.x + normalX * halfWidth, y: end.y + normalY * halfWidth),
                Point(x: end.x - normalX * halfWidth, y: end.y - normalY * halfWidth),
                Point(x: start.x - normalX * halfWidth, y: start.y - normalY * halfWidth),
            ], color: linkColor)
        }
        // On the middle of a pixel row, so that the thin line stays sharp.
        let goalY = (center.y - Self.linkLength * scale).rounded(.down) + 0.5
        return Drawing(width: Int(size), height: Int(size), background: .white, shapes: [
            .line(from: Point(x: center.x - 2.2 * scale, y: goalY), to: Point(x: center.x + 2.2 * scale, y: goalY), color: .black),
            bar(from: center, to: joint),
            .circle(center: center, radius: halfWidth, color: jointColor),
            bar(from: joint, to: tip),
            .circle(center: joint, radius: halfWidth, color: jointColor),
        ])
    }
}

// MARK: - Saving the state

extension Acrobot: StatefulEnvironment {
    /// The angles and velocities, whether a reset is due and the random stream.
    public var savedState: SteppingState<State> {
        SteppingState(state: currentState, needsReset: needsReset, generator: generator)
    }

    public mutating func restore(_ saved: SteppingState<State>) throws {
        currentState = saved.state
        needsReset = saved.needsReset
        generator = saved.generator
    }
}

extension Acrobot: EpisodeEndDescribing {
    /// "swung above the line" once the free end has risen above it (a success).
    public var episodeEnding: EpisodeEnding? {
        tipHeight > 1 ? EpisodeEnding(words: "swung above the line", isSuccess: true) : nil
    }
}
