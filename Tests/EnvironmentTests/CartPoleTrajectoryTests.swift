import RLCore
import RLEnvironments
import Testing

@Suite("CartPole against Gymnasium's trajectories")
struct CartPoleTrajectoryTests {
    static func state(_ values: [Double]) -> CartPole.State {
        CartPole.State(cartPosition: values[0], cartVelocity: values[1], poleAngle: values[2], poleAngularVelocity: values[3])
    }

    @Test("the fixture holds 24 trajectories: 16 end at the angle bound, 4 at the position bound, 4 run 600 steps")
    func fixtureShape() throws {
        let trajectories = try Fixtures.cartPole.get().trajectories
        #expect(trajectories.count == 24)
        let ends = trajectories.map { trajectory -> String in
            guard let last = trajectory.steps.last, last.terminated else { return "running" }
            return abs(last.state[0]) > CartPole.positionThreshold ? "position" : "angle"
        }
        #expect(ends.filter { $0 == "angle" }.count == 16)
        #expect(ends.filter { $0 == "position" }.count == 4)
        #expect(ends.filter { $0 == "running" }.count == 4)
        #expect(trajectories.filter { $0.steps.count == 600 }.count == 4)
    }

    @Test("every trajectory is reproduced: states to 1e-9, float32 observations exactly, rewards and ends",
          arguments: 0..<24)
    func reproduces(index: Int) throws {
        let trajectory = try Fixtures.cartPole.get().trajectories[index]
        var cartPole = CartPole()
        cartPole.setState(Self.state(trajectory.initialState))
        var worstRelativeError = 0.0
        for (number, expected) in trajectory.steps.enumerated() {
            let result = try cartPole.step(expected.action)
            for (actual, reference) in zip(cartPole.state.values, expected.state) {
                let error = abs(actual - reference) / max(abs(reference), 1e-300)
                worstRelativeError = max(worstRelativeError, reference == 0 ? abs(actual) : error)
            }
            let observation = (0..<4).map { Double(result.observation[$0]) }
            #expect(observation == expected.observation, "trajectory \(index) step \(number + 1)")
            #expect(result.reward == expected.reward)
            #expect(result.terminated == expected.terminated, "trajectory \(index) step \(number + 1)")
            #expect(!result.truncated)
            if result.terminated {
                #expect(number == trajectory.steps.count - 1, "terminated early at step \(number + 1)")
                #expect(throws: EnvironmentError.self) { try cartPole.step(0) }
            }
        }
        #expect(worstRelativeError <= 1e-9, "trajectory \(index): relative state error \(worstRelativeError)")
    }

    #if os(Linux)
    /// On Linux the sines and cosines come from glibc, as NumPy's did when the fixture was made,
    /// so with the operations in cartpole.py's order every state is bit-for-bit Gymnasium's. A
    /// reordered formula stays within 1e-9 over these trajectories, so only this test sees it.
    @Test("on Linux every state is bit-for-bit Gymnasium's")
    func bitExactOnLinux() throws {
        for (index, trajectory) in try Fixtures.cartPole.get().trajectories.enumerated() {
            var cartPole = CartPole()
            cartPole.setState(Self.state(trajectory.initialState))
            for (number, expected) in trajectory.steps.enumerated() {
                _ = try cartPole.step(expected.action)
                guard cartPole.state.values == expected.state else {
                    Issue.record("trajectory \(index) step \(number + 1): \(cartPole.state.values) vs \(expected.state)")
                    break
                }
            }
        }
    }
    #endif
}
