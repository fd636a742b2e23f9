import Foundation
import RL

/// CartPole's dynamics integrated in `substeps` Euler steps of `0.02 / substeps` seconds each:
/// an environment `substeps` times costlier per step than CartPole, for measuring where
/// splitting a batch across threads pays (the classic-control tasks with finer integrators,
/// such as Acrobot's Runge-Kutta, cost several times CartPole's step).
struct SubsteppedCartPole: Environment {
    let observationSpace = CartPole().observationSpace
    let actionSpace = Discrete(2)
    let substeps: Int
    var state = SIMD4<Double>()
    var needsReset = true
    var generator = SeededGenerator(seed: 0)

    init(substeps: Int) {
        self.substeps = substeps
    }

    mutating func reset(seed: UInt64?) -> SIMD4<Float> {
        if let seed { generator = SeededGenerator(seed: seed) }
        for index in 0..<4 { state[index] = generator.uniform(-0.05, 0.05) }
        needsReset = false
        return SIMD4<Float>(state)
    }

    mutating func step(_ action: Int) throws -> StepResult<SIMD4<Float>> {
        try checkStep(action, needsReset: needsReset)
        let force = action == 1 ? CartPole.forceMagnitude : -CartPole.forceMagnitude
        let totalMass = CartPole.cartMass + CartPole.poleMass
        let poleMassLength = CartPole.poleMass * CartPole.poleHalfLength
        let timeStep = CartPole.timeStep / Double(substeps)
        for _ in 0..<substeps {
            let (x, xDot, theta, thetaDot) = (state[0], state[1], state[2], state[3])
            let cosTheta = cos(theta), sinTheta = sin(theta)
            let temp = (force + poleMassLength * thetaDot * thetaDot * sinTheta) / totalMass
            let thetaAcceleration = (CartPole.gravity * sinTheta - cosTheta * temp)
                / (CartPole.poleHalfLength * (4.0 / 3.0 - CartPole.poleMass * cosTheta * cosTheta / totalMass))
            let xAcceleration = temp - poleMassLength * thetaAcceleration * cosTheta / totalMass
            state = SIMD4(x + timeStep * xDot, xDot + timeStep * xAcceleration,
                          theta + timeStep * thetaDot, thetaDot + timeStep * thetaAcceleration)
        }
        let terminated = abs(state[0]) > CartPole.positionThreshold || abs(state[2]) > CartPole.angleThreshold
        needsReset = terminated
        return StepResult(observation: SIMD4<Float>(state), reward: 1, terminated: terminated)
    }
}
