import RL

/// A point in the square [−1, 1]² that must reach a round target: the example's environment
/// with a continuous observation (`Box<SIMD2<Float>>`), for DQN.
///
/// Each episode starts at a random place outside the target. An action moves the point a
/// tenth of a unit right, up, left or down, blown off course a little by Gaussian noise; the
/// walls of the square stop it. Every step costs 1, and the episode terminates when the point
/// is within ``targetRadius`` of ``target``, so the return is minus the number of steps taken.
/// The environment sets no time limit itself: the registry adds one (200 steps), as Gymnasium
/// does for its tasks.
///
/// A random walk reaches the target within 200 steps in about three episodes of ten; a
/// straight path takes about ten steps.
///
/// - Observation: the point's position `(x, y)`.
/// - Action: 0 right, 1 up, 2 left, 3 down.
struct ReachTarget: Environment, ActionNaming {
    /// The centre of the target.
    let target = SIMD2<Float>(0.5, 0.5)
    /// The distance from ``target`` at which the point has arrived.
    let targetRadius: Float = 0.1
    /// How far one action moves the point, before the noise.
    let stepLength: Float = 0.1
    /// The standard deviation of the noise added to each coordinate per step (≥ 0).
    let noise: Float

    let observationSpace = Box<SIMD2<Float>>(low: -1, high: 1, shape: [2])
    let actionSpace = Discrete(4)
    var actionNames: [String] { ["Right", "Up", "Left", "Down"] }

    /// The point's position.
    private(set) var position = SIMD2<Float>.zero
    private var needsReset = true
    // Seeded from the system until the first `reset(seed:)`, as the protocol asks.
    private var generator = SeededGenerator(seed: .random(in: .min ... .max))

    /// A point blown off course by noise of standard deviation `noise` per coordinate and step.
    ///
    /// - Throws: ``EnvironmentError/invalidOption(_:)`` for a negative or non-finite noise.
    init(noise: Float = 0.02) throws {
        guard noise >= 0, noise.isFinite else {
            throw EnvironmentError.invalidOption("ReachTarget: the noise must be a number ≥ 0, got \(noise)")
        }
        self.noise = noise
    }

    mutating func reset(seed: UInt64?) -> SIMD2<Float> {
        if let seed { generator = SeededGenerator(seed: seed) }
        repeat {
            position = SIMD2(generator.uniform(-1, 1), generator.uniform(-1, 1))
        } while arrived
        needsReset = false
        return position
    }

    mutating func step(_ action: Int) throws -> StepResult<SIMD2<Float>> {
        // Throws EnvironmentError before the first reset, after arriving, and for an action
        // outside 0 ... 3.
        try checkStep(action, needsReset: needsReset)
        let directions: [SIMD2<Float>] = [[1, 0], [0, 1], [-1, 0], [0, -1]]
        let drift = SIMD2(generator.normal(mean: 0, standardDeviation: noise),
                          generator.normal(mean: 0, standardDeviation: noise))
        position = (position + stepLength * directions[action] + drift)
            .clamped(lowerBound: SIMD2(repeating: -1), upperBound: SIMD2(repeating: 1))
        needsReset = arrived
        return StepResult(observation: position, reward: -1, terminated: arrived)
    }

    /// Whether the point is within the target.
    var arrived: Bool {
        let offset = position - target
        return (offset * offset).sum() <= targetRadius * targetRadius
    }

    var episodeSucceeded: Bool? { arrived }

    func renderText() -> String {
        // A 21 × 21 character map, y upwards: T the target, A the point.
        func cell(_ value: Float) -> Int { Int(((value + 1) * 10).rounded()) }
        var rows = [[Character]](repeating: Array(repeating: ".", count: 21), count: 21)
        rows[20 - cell(target.y)][cell(target.x)] = "T"
        rows[20 - cell(position.y)][cell(position.x)] = "A"
        return rows.map { String($0) }.joined(separator: "\n")
    }

    func drawing() -> Drawing {
        // 200 pixels per unit, y upwards in the task and downwards on the canvas.
        func point(_ value: SIMD2<Float>) -> Point {
            Point(x: Double(value.x + 1) * 200, y: Double(1 - value.y) * 200)
        }
        return Drawing(width: 400, height: 400, shapes: [
            .circle(center: point(target), radius: Double(targetRadius) * 200,
                    color: Color(red: 80, green: 180, blue: 80)),
            .circle(center: point(position), radius: 6, color: Color(red: 40, green: 90, blue: 200)),
        ])
    }
}
