import RLCore
import RLEnvironments
import Testing

@Suite("Acrobot against Gymnasium's trajectories")
struct AcrobotTests {
    static func state(_ values: [Double]) -> Acrobot.State {
        Acrobot.State(theta1: values[0], theta2: values[1], angularVelocity1: values[2], angularVelocity2: values[3])
    }

    @Test("the fixture holds 24 trajectories: 17 reach the goal, 7 run 600 steps")
    func fixtureShape() throws {
        let trajectories = try Fixtures.acrobot.get().trajectories
        #expect(trajectories.count == 24)
        #expect(trajectories.filter { $0.steps.last?.terminated == true }.count == 17)
        #expect(trajectories.filter { $0.steps.count == 600 && $0.steps.last?.terminated == false }.count == 7)
    }

    @Test("spaces and registration are Gymnasium's: Box(6) with ±4π and ±9π velocity bounds, Discrete(3), 500 steps, -100")
    func spacesAndRegistration() throws {
        let file = try Fixtures.acrobot.get()
        let acrobot = Acrobot()
        #expect(acrobot.observationSpace.low.map(Double.init) == file.observationSpace.low)
        #expect(acrobot.observationSpace.high.map(Double.init) == file.observationSpace.high)
        #expect(acrobot.observationSpace.shape == [6])
        #expect(acrobot.actionSpace == Discrete(3))
        let registration = try EnvironmentRegistry.standard.registration(named: "acrobot")
        #expect(registration.id == file.env.id)
        #expect(registration.maxEpisodeSteps == file.env.maxEpisodeSteps)
        #expect(registration.rewardThreshold == file.env.rewardThreshold)
    }

    @Test("every step from the recorded previous state: the state (bit for bit on Linux), the float32 observation, reward and end",
          arguments: 0..<24)
    func stepByStep(index: Int) throws {
        let trajectory = try Fixtures.acrobot.get().trajectories[index]
        var acrobot = Acrobot()
        #expect(Fixtures.widened(Self.state(trajectory.initialState).observation) == trajectory.initialObservation)
        var previous = trajectory.initialState
        for (number, expected) in trajectory.steps.enumerated() {
            acrobot.setState(Self.state(previous))
            let result = try acrobot.step(expected.action)
            #expect(Fixtures.matches(acrobot.state.values, expected.state), "trajectory \(index) step \(number + 1)")
            #expect(Fixtures.widened(result.observation) == expected.observation, "trajectory \(index) step \(number + 1)")
            #expect(result.reward == expected.reward && result.terminated == expected.terminated && !result.truncated)
            if result.terminated {
                #expect(throws: EnvironmentError.self) { try acrobot.step(1) }
            }
            previous = expected.state
        }
    }

    @Test("open-loop replays from the start stay within 1e-9 up to the step where a one-ulp change departs",
          arguments: 0..<24)
    func openLoop(index: Int) throws {
        let trajectory = try Fixtures.acrobot.get().trajectories[index]
        var acrobot = Acrobot()
        acrobot.setState(Self.state(trajectory.initialState))
        let horizon = min(trajectory.steps.count, trajectory.ulpDivergenceStep ?? .max)
        for expected in trajectory.steps.prefix(horizon) {
            _ = try acrobot.step(expected.action)
            #expect(zip(acrobot.state.values, expected.state).allSatisfy(Fixtures.isClose))
        }
    }

    @Test("reset: a float32 start in [-0.1, 0.1), the same for the same seed; bad actions and steps after the end throw")
    func resetAndErrors() throws {
        var acrobot = Acrobot()
        #expect(throws: EnvironmentError.resetNeeded(environment: "Acrobot")) { try acrobot.step(1) }
        let first = acrobot.reset(seed: 4)
        #expect(acrobot.observationSpace.contains(first))
        #expect(acrobot.state.values.allSatisfy { $0 >= -0.1 && $0 < 0.1 && Double(Float($0)) == $0 })
        var other = Acrobot()
        #expect(other.reset(seed: 4) == first && other.state == acrobot.state)
        #expect(throws: EnvironmentError.invalidAction(
            "Acrobot: action 3 is not in the action space Discrete(3) (0 = Torque -1 (left), 1 = No torque, 2 = Torque +1 (right))")) {
            try acrobot.step(3)
        }
        // Straight up at rest is past the goal line: the next step terminates with reward 0.
        acrobot.setState(Acrobot.State(theta1: .pi, theta2: 0, angularVelocity1: 0, angularVelocity2: 0))
        let result = try acrobot.step(1)
        #expect(result.terminated && result.reward == 0 && acrobot.tipHeight > 1)
        #expect(throws: EnvironmentError.resetNeeded(environment: "Acrobot")) { try acrobot.step(1) }
    }
}
