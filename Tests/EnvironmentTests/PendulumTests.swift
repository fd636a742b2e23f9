import RLCore
import RLEnvironments
import Testing

@Suite("Pendulum against Gymnasium's trajectories")
struct PendulumTests {
    static func state(_ values: [Double]) -> Pendulum.State {
        Pendulum.State(angle: values[0], angularVelocity: values[1])
    }

    @Test("the fixture holds 24 trajectories of 600 or 200 steps, gravities 10, 9.81 and 4, none terminating")
    func fixtureShape() throws {
        let trajectories = try Fixtures.pendulum.get().trajectories
        #expect(trajectories.count == 24)
        #expect(trajectories.filter { $0.steps.count == 600 }.count == 12 && trajectories.filter { $0.steps.count == 200 }.count == 12)
        #expect(Set(trajectories.compactMap(\.g)) == [10, 9.81, 4])
        #expect(trajectories.allSatisfy { $0.steps.allSatisfy { !$0.terminated } })
        #expect(trajectories.flatMap(\.steps).filter { abs($0.action[0]) > 2 }.count == 1901)
    }

    @Test("spaces and registration are Gymnasium's: Box(3), Box(1) torque in [-2, 2], 200 steps, no threshold")
    func spacesAndRegistration() throws {
        let file = try Fixtures.pendulum.get()
        let pendulum = try Pendulum()
        #expect(pendulum.observationSpace.low.map(Double.init) == file.observationSpace.low)
        #expect(pendulum.observationSpace.high.map(Double.init) == file.observationSpace.high)
        #expect(pendulum.actionSpace.low.map(Double.init) == file.actionSpace?.low)
        #expect(pendulum.actionSpace.high.map(Double.init) == file.actionSpace?.high)
        let registration = try EnvironmentRegistry.standard.registration(named: "pendulum")
        #expect(registration.id == file.env.id)
        #expect(registration.maxEpisodeSteps == file.env.maxEpisodeSteps)
        #expect(registration.rewardThreshold == nil && file.env.rewardThreshold == nil)
    }

    @Test("every step from the recorded previous state: states and rewards bit for bit on Linux, float32 observations",
          arguments: 0..<24)
    func stepByStep(index: Int) throws {
        let trajectory = try Fixtures.pendulum.get().trajectories[index]
        var pendulum = try Pendulum(gravity: try #require(trajectory.g))
        #expect(Fixtures.widened(Self.state(trajectory.initialState).observation) == trajectory.initialObservation)
        var previous = trajectory.initialState
        for (number, expected) in trajectory.steps.enumerated() {
            pendulum.setState(Self.state(previous))
            let result = try pendulum.step(Float(expected.action[0]))
            let label = "trajectory \(index) step \(number + 1)"
            #expect(Fixtures.matches([pendulum.state.angle, pendulum.state.angularVelocity], expected.state), "\(label)")
            #expect(Fixtures.widened(result.observation) == expected.observation, "\(label)")
            #expect(Fixtures.matches([result.reward], [expected.reward]), "\(label): \(result.reward) vs \(expected.reward)")
            #expect(!result.terminated && !result.truncated)
            previous = expected.state
        }
    }

    @Test("open-loop replays stay within 1e-9 up to the step where a one-ulp change departs", arguments: 0..<24)
    func openLoop(index: Int) throws {
        let trajectory = try Fixtures.pendulum.get().trajectories[index]
        var pendulum = try Pendulum(gravity: try #require(trajectory.g))
        pendulum.setState(Self.state(trajectory.initialState))
        for expected in trajectory.steps.prefix(min(trajectory.steps.count, trajectory.ulpDivergenceStep ?? .max)) {
            _ = try pendulum.step(Float(expected.action[0]))
            #expect(zip([pendulum.state.angle, pendulum.state.angularVelocity], expected.state).allSatisfy(Fixtures.isClose))
        }
    }

    @Test("the reward comes from the state before the step, with the angle brought into [-π, π)")
    func rewardBeforeTheStep() throws {
        var pendulum = try Pendulum()
        // Upright and still, no torque: the best reward, 0, although gravity then moves it.
        pendulum.setState(Pendulum.State(angle: 4 * .pi, angularVelocity: 0))
        #expect(try pendulum.step(0).reward == 0)
        // Hanging down: -π² whatever happens during the step.
        pendulum.setState(Pendulum.State(angle: .pi, angularVelocity: 0))
        #expect(abs(try pendulum.step(0).reward + Double.pi * Double.pi) < 1e-12)
    }

    @Test("g: a negative or non-finite gravity is refused; 0 is allowed; torques past ±2 are clipped, NaN refused")
    func gravityAndTorques() throws {
        #expect(throws: EnvironmentError.invalidOption("Pendulum-v1: option g must be a number ≥ 0, got '-9.81'")) {
            try EnvironmentRegistry.standard.make("pendulum", options: ["g": "-9.81"])
        }
        #expect(throws: EnvironmentError.self) { try Pendulum(gravity: -1) }
        #expect(throws: EnvironmentError.self) { try Pendulum(gravity: .infinity) }
        let made = try #require(try EnvironmentRegistry.standard.make("pendulum", options: ["g": "9.81"]) as? TimeLimit<Pendulum>)
        #expect(made.wrapped.gravity == 9.81 && made.maxEpisodeSteps == 200)
        var weightless = try Pendulum(gravity: 0)
        weightless.setState(Pendulum.State(angle: 1, angularVelocity: 0))
        _ = try weightless.step(0)
        #expect(weightless.state == Pendulum.State(angle: 1, angularVelocity: 0))
        var strong = try Pendulum(), limit = try Pendulum()
        strong.setState(Pendulum.State(angle: 1, angularVelocity: 0))
        limit.setState(Pendulum.State(angle: 1, angularVelocity: 0))
        #expect(try strong.step(41) == limit.step(2))
        #expect(strong.lastTorque == 2)
        #expect(throws: EnvironmentError.self) { try strong.step(.nan) }
    }
}
