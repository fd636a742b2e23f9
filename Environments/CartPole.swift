import Foundation
import RLCore
import SeededRandom

/// Balancing a pole on a cart — Gymnasium's `CartPole-v1` (classic control), with the same
/// physics to the last digit.
///
/// ## Description
///
/// A pole is attached by an un-actuated joint to a cart that moves along a frictionless
/// track (Barto, Sutton and Anderson, "Neuronlike adaptive elements that can solve difficult
/// learning control problems", 1983). The pole starts upright; the goal is to keep it up by
/// pushing the cart left or right.
///
/// ## Action space
///
/// `Discrete(2)`: 0 = push the cart to the left, 1 = push it to the right, with a force of
/// 10 N. The velocity the push causes depends on the pole's angle.
///
/// ## Observation space
///
/// `Box<SIMD4<Float>>`, the state rounded to `Float`:
///
/// | index | observation            | min             | max           |
/// |-------|------------------------|-----------------|---------------|
/// | 0     | cart position (m)      | -4.8            | 4.8           |
/// | 1     | cart velocity (m/s)    | -infinity       | infinity      |
/// | 2     | pole angle (rad)       | ≈ -0.418 (-24°) | ≈ 0.418 (24°) |
/// | 3     | pole angular velocity  | -infinity       | infinity      |
///
/// The bounds are twice the termination bounds, as Gymnasium's. The state itself is `Double`
/// (``state``).
///
/// ## Rewards
///
/// 1 for every step, including the step on which the pole falls (Gymnasium 1.x with
/// `sutton_barto_reward=False`). With ``usesSuttonBartoReward``: 0 per step and -1 when the pole
/// falls.
///
/// ## Starting state
///
/// Each of the four state variables uniform in [-0.05, 0.05).
///
/// ## Episode end
///
/// Terminates when the pole angle leaves ±12° (`12 * 2 * π / 360` rad) or the cart position
/// leaves ±2.4. The registry truncates at 500 steps (`CartPole-v1`); the task counts as solved
/// at a mean return of 475. Where Gymnasium warns about stepping after termination, this
/// environment throws ``EnvironmentError/resetNeeded(environment:)``.
///
/// ## Physics
///
/// Gravity 9.8, cart mass 1.0, pole mass 0.1, pole half-length 0.5, force 10, time step
/// 0.02 s, explicit Euler integration (`kinematics_integrator="euler"`), in `Double` with the
/// operations in `cartpole.py`'s order and the platform's `sin` and `cos` (glibc on Linux, as
/// NumPy uses there). Set the state with ``setState(_:)`` to replay a trajectory.
///
/// ## Arguments
///
/// - `usesSuttonBartoReward`: default `false`.
///
/// Renders as a line of numbers over a small ASCII picture, and as Gymnasium's 600x400
/// picture (track line, black cart, tan pole, blue axle), at 50 frames per second.
public struct CartPole: Environment, ActionNaming {
    /// The cart and pole's state.
    public struct State: Equatable, Sendable, Codable {
        /// The cart's position on the track (m, 0 in the middle).
        public var cartPosition: Double
        /// The cart's velocity (m/s).
        public var cartVelocity: Double
        /// The pole's angle from upright (rad, positive leaning right).
        public var poleAngle: Double
        /// The pole's angular velocity (rad/s).
        public var poleAngularVelocity: Double

        public init(cartPosition: Double, cartVelocity: Double, poleAngle: Double, poleAngularVelocity: Double) {
            self.cartPosition = cartPosition
            self.cartVelocity = cartVelocity
            self.poleAngle = poleAngle
            self.poleAngularVelocity = poleAngularVelocity
        }

        /// The state as Gymnasium's array order: `[x, x_dot, theta, theta_dot]`.
        public var values: [Double] { [cartPosition, cartVelocity, poleAngle, poleAngularVelocity] }

        /// The observation: each variable rounded to `Float` (NumPy's `astype(float32)`).
        @inlinable
        public var observation: SIMD4<Float> {
            SIMD4(Float(cartPosition), Float(cartVelocity), Float(poleAngle), Float(poleAngularVelocity))
        }
    }

    // MARK: - Constants (cartpole.py)

    // Computed and inlinable so that code in other modules sees the literal values.

    /// Gravitational acceleration (m/s²).
    @inlinable public static var gravity: Double { 9.8 }
    /// The cart's mass (kg).
    @inlinable public static var cartMass: Double { 1.0 }
    /// The pole's mass (kg).
    @inlinable public static var poleMass: Double { 0.1 }
    /// Half the pole's length (m); Gymnasium's `length`.
    @inlinable public static var poleHalfLength: Double { 0.5 }
    /// The force of a push (N).
    @inlinable public static var forceMagnitude: Double { 10.0 }
    /// The time step (s).
    @inlinable public static var timeStep: Double { 0.02 }
    /// The pole angle beyond which the episode terminates: 12° in radians.
    @inlinable public static var angleThreshold: Double { 12 * 2 * Double.pi / 360 }
    /// The cart position beyond which the episode terminates (m).
    @inlinable public static var positionThreshold: Double { 2.4 }

    @inlinable static var totalMass: Double { poleMass + cartMass }
    @inlinable static var poleMassLength: Double { poleMass * poleHalfLength }

    // MARK: - Properties

    public let observationSpace: Box<SIMD4<Float>>
    public let actionSpace = Discrete(2)
    public var framesPerSecond: Int { 50 }
    public var actionNames: [String] { ["Push left", "Push right"] }

    /// Whether rewards follow Sutton and Barto (0 per step, -1 at the fall) instead of 1 per step.
    public let usesSuttonBartoReward: Bool

    /// The cart and pole's current state.
    public var state: State { currentState }

    @usableFromInline var currentState = State(cartPosition: 0, cartVelocity: 0, poleAngle: 0, poleAngularVelocity: 0)
    @usableFromInline var needsReset = true
    @usableFromInline var generator: SeededGenerator

    /// Creates the environment; call `reset` (or ``setState(_:)``) before stepping.
    public init(usesSuttonBartoReward: Bool = false) {
        self.usesSuttonBartoReward = usesSuttonBartoReward
        // Gymnasium leaves the velocities unbounded (np.inf).
        let high: [Float] = [Float(Self.positionThreshold * 2), .infinity, Float(Self.angleThreshold * 2), .infinity]
        self.observationSpace = Box(low: high.map { -$0 }, high: high)
        self.generator = .seededFromSystem()
    }

    // MARK: - Environment

    public mutating func reset(seed: UInt64?) -> SIMD4<Float> {
        if let seed { generator = SeededGenerator(seed: seed) }
        currentState = State(cartPosition: generator.uniform(-0.05, 0.05), cartVelocity: generator.uniform(-0.05, 0.05),
                             poleAngle: generator.uniform(-0.05, 0.05), poleAngularVelocity: generator.uniform(-0.05, 0.05))
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
    public mutating func step(_ action: Int) throws -> StepResult<SIMD4<Float>> {
        guard !needsReset, action == 0 || action == 1 else { throw refusal(of: action) }
        var x = currentState.cartPosition
        var xDot = currentState.cartVelocity
        var theta = currentState.poleAngle
        var thetaDot = currentState.poleAngularVelocity

        // The lines below follow cartpole.py operation by operation, so that rounding matches.
        let force = action == 1 ? Self.forceMagnitude : -Self.forceMagnitude
        let cosTheta = cos(theta)
        let sinTheta = sin(theta)
        let temp = (force + Self.poleMassLength * (thetaDot * thetaDot) * sinTheta) / Self.totalMass
        let thetaAcceleration = (Self.gravity * sinTheta - cosTheta * temp)
            / (Self.poleHalfLength * (4.0 / 3.0 - Self.poleMass * (cosTheta * cosTheta) / Self.totalMass))
        let xAcceleration = temp - Self.poleMassLength * thetaAcceleration * cosTheta / Self.totalMass

        // Explicit Euler: positions move with the old velocities.
        x = x + Self.timeStep * xDot
        xDot = xDot + Self.timeStep * xAcceleration
        theta = theta + Self.timeStep * thetaDot
        thetaDot = thetaDot + Self.timeStep * thetaAcceleration
        currentState = State(cartPosition: x, cartVelocity: xDot, poleAngle: theta, poleAngularVelocity: thetaDot)

        let terminated = x < -Self.positionThreshold || x > Self.positionThreshold
            || theta < -Self.angleThreshold || theta > Self.angleThreshold
        needsReset = terminated
        let reward: Double = usesSuttonBartoReward ? (terminated ? -1 : 0) : 1
        return StepResult(observation: currentState.observation, reward: reward, terminated: terminated)
    }

    @usableFromInline
    func refusal(of action: Int) -> EnvironmentError {
        stepRefusal(environment: "CartPole", action: action, actionCount: 2, needsReset: needsReset,
                    actionNames: actionNames)
    }

    // MARK: - Rendering

    /// One line of the state, then a 49-character track from -2.4 to 2.4 with the cart `[_]`
    /// and the pole above it (`|` upright, `/` or `\` leaning by more than 3°).
    public func renderText() -> String {
        let state = currentState
        let numbers = "x \(format(state.cartPosition)) m  v \(format(state.cartVelocity)) m/s  "
            + "angle \(format(state.poleAngle * 180 / .pi))°  angular velocity \(format(state.poleAngularVelocity)) rad/s"
        let width = 49
        let fraction = (state.cartPosition + Self.positionThreshold) / (2 * Self.positionThreshold)
        let column = min(width - 1, max(0, Int((fraction * Double(width - 1)).rounded())))
        let lean = state.poleAngle * 180 / .pi
        let pole: Character = lean > 3 ? "/" : lean < -3 ? "\\" : "|"
        var poleLine = [Character](repeating: " ", count: width + 2)
        poleLine[column + 1] = pole
        var trackLine = [Character](repeating: "-", count: width + 2)
        trackLine[0] = "|"
        trackLine[width + 1] = "|"
        for offset in -1...1 where (0..<(width + 2)).contains(column + 1 + offset) {
            trackLine[column + 1 + offset] = offset == 0 ? "_" : offset < 0 ? "[" : "]"
        }
        return numbers + "\n" + String(poleLine) + "\n" + String(trackLine) + "\n"
    }

    private func format(_ value: Double) -> String {
        String(format: "%+.3f", value)
    }

    /// Gymnasium's pygame picture on a 600x400 canvas (y downwards): the track line at
    /// y = 300, the black 50x30 cart centred at x = 300 + position × 125, the tan
    /// (202, 152, 101) 10-pixel-wide pole of 125 pixels turned by the angle around the axle,
    /// and the blue (129, 132, 203) axle disc of radius 5. The viewer draws it anti-aliased, so
    /// a pole near upright leans smoothly instead of stepping a pixel at a time.
    public func drawing() -> Drawing {
        let width = 600.0, height = 400.0
        let scale = width / (Self.positionThreshold * 2)
        let poleWidth = 10.0, poleLength = scale * (2 * Self.poleHalfLength)
        let cartWidth = 50.0, cartHeight = 30.0
        let axleOffset = cartHeight / 4
        let cartX = currentState.cartPosition * scale + width / 2
        let cartY = 100.0   // the cart's top in Gymnasium's upward-y coordinates
        // Gymnasium draws with y upwards and flips the surface; flip each point the same way.
        func flipped(_ x: Double, _ y: Double) -> Point { Point(x: x, y: height - y) }

        let (left, right, top, bottom) = (-cartWidth / 2, cartWidth / 2, cartHeight / 2, -cartHeight / 2)
        let cart = [(left, bottom), (left, top), (right, top), (right, bottom)].map { flipped($0.0 + cartX, $0.1 + cartY) }

        let (poleLeft, poleRight, poleTop, poleBottom) = (-poleWidth / 2, poleWidth / 2, poleLength - poleWidth / 2, -poleWidth / 2)
        // pygame's Vector2.rotate_rad(-theta): a clockwise turn in upward-y coordinates.
        let angle = -currentState.poleAngle
        let pole = [(poleLeft, poleBottom), (poleLeft, poleTop), (poleRight, poleTop), (poleRight, poleBottom)].map { corner in
            let x = corner.0 * cos(angle) - corner.1 * sin(angle)
            let y = corner.0 * sin(angle) + corner.1 * cos(angle)
            return flipped(x + cartX, y + cartY + axleOffset)
        }
        let axle = flipped(Double(Int(cartX)), Double(Int(cartY + axleOffset)))
        return Drawing(width: Int(width), height: Int(height), background: .white, shapes: [
            .polygon(cart, color: .black),
            .polygon(pole, color: Color(red: 202, green: 152, blue: 101)),
            .circle(center: axle, radius: Double(Int(poleWidth / 2)), color: Color(red: 129, green: 132, blue: 203)),
            // Along the middle of the pixel row above y = 300, so that it stays one sharp row.
            .line(from: Point(x: 0, y: height - cartY - 0.5), to: Point(x: width, y: height - cartY - 0.5), color: .black),
        ])
    }
}

// MARK: - Saving the state

extension CartPole: StatefulEnvironment {
    /// The cart and pole, whether a reset is due and the random stream.
    public var savedState: SteppingState<State> {
        SteppingState(state: currentState, needsReset: needsReset, generator: generator)
    }

    public mutating func restore(_ saved: SteppingState<State>) throws {
        currentState = saved.state
        needsReset = saved.needsReset
        generator = saved.generator
    }
}

extension CartPole: EpisodeEndDescribing {
    /// "the cart left the track" or "the pole fell", once the episode has ended (a failure).
    public var episodeEnding: EpisodeEnding? {
        let state = currentState
        if abs(state.cartPosition) > Self.positionThreshold { return EpisodeEnding(words: "the cart left the track", isSuccess: false) }
        if abs(state.poleAngle) > Self.angleThreshold { return EpisodeEnding(words: "the pole fell", isSuccess: false) }
        return nil
    }
}
