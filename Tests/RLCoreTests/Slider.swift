import RLCore
import SeededRandom

/// A small continuous-action test environment: a point on [-1, 1] pushed by a force in
/// [-1, 1]; the episode terminates at either end. It keeps the contract (clipping finite forces
/// past the bounds, as Gymnasium's continuous tasks do) or breaks it in one chosen way.
struct Slider: Environment, KeyboardPlayable {
    /// How the environment treats actions outside its space.
    enum Handling {
        /// Clips finite forces, refuses NaN and infinity.
        case clips
        /// Refuses every action outside the space with `invalidAction`.
        case refusesOutside
        /// Clips finite forces and accepts NaN too (a break).
        case acceptsNaN
        /// Refuses finite forces past the bounds with an error that is not `invalidAction` (a break).
        case wrongErrorForClippable
    }

    struct UnexpectedForceError: Error {}

    let handling: Handling
    let observationSpace = Box<Float>(low: -1, high: 1)
    let actionSpace = Box<Float>(low: -1, high: 1)
    var position: Float = 0
    var needsReset = true
    var generator = SeededGenerator(seed: 0)

    init(handling: Handling = .clips) {
        self.handling = handling
    }

    mutating func reset(seed: UInt64?) -> Float {
        if let seed { generator = SeededGenerator(seed: seed) }
        position = generator.uniform(Float(-0.5), 0.5)
        needsReset = false
        return position
    }

    mutating func step(_ action: Float) throws -> StepResult<Float> {
        if needsReset { throw EnvironmentError.resetNeeded(environment: "Slider") }
        if !action.isFinite && handling != .acceptsNaN {
            throw EnvironmentError.invalidAction("Slider: \(action) is not a finite force")
        }
        if !actionSpace.contains(action) && action.isFinite {
            if handling == .refusesOutside { throw EnvironmentError.invalidAction("Slider: \(action) is outside [-1, 1]") }
            if handling == .wrongErrorForClippable { throw UnexpectedForceError() }
        }
        let force = action.isNaN ? 0 : min(max(action, -1), 1)
        position = min(max(position + 0.25 * force + generator.uniform(Float(-0.05), 0.05), -1), 1)
        let terminated = abs(position) == 1
        needsReset = terminated
        return StepResult(observation: position, reward: terminated ? 1 : -0.1, terminated: terminated)
    }
}
