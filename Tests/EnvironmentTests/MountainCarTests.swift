import RLCore
import RLEnvironments
import Testing

@Suite("MountainCar against Gymnasium's trajectories")
struct MountainCarTests {
    static func state(_ values: [Double]) -> MountainCar.State {
        MountainCar.State(position: values[0], velocity: values[1])
    }

    @Test("the fixture holds 24 trajectories: 11 reach the goal, 13 run 600 steps, with wall hits and the speed clamp")
    func fixtureShape() throws {
        let trajectories = try Fixtures.mountainCar.get().trajectories
        #expect(trajectories.count == 24)
        #expect(trajectories.filter { $0.steps.last?.terminated == true }.count == 11)
        #expect(trajectories.filter { $0.steps.count == 600 }.count == 13)
        let states = trajectories.flatMap(\.steps).map(\.state)
        #expect(states.contains { $0[0] == MountainCar.minPosition && $0[1] == 0 })
        #expect(states.contains { abs($0[1]) == MountainCar.maxSpeed })
    }

    @Test("spaces and registration are Gymnasium's: Box(2), Discrete(3), 200 steps, -110")
    func spacesAndRegistration() throws {
        let file = try Fixtures.mountainCar.get()
        let car = try MountainCar()
        #expect(car.observationSpace.low.map(Double.init) == file.observationSpace.low)
        #expect(car.observationSpace.high.map(Double.init) == file.observationSpace.high)
        #expect(car.actionSpace == Discrete(3))
        let registration = try EnvironmentRegistry.standard.registration(named: "mountaincar")
        #expect(registration.id == file.env.id)
        #expect(registration.maxEpisodeSteps == file.env.maxEpisodeSteps)
        #expect(registration.rewardThreshold == file.env.rewardThreshold)
    }

    @Test("every step from the recorded previous state: states bit for bit on Linux, observations, rewards, ends",
          arguments: 0..<24)
    func stepByStep(index: Int) throws {
        let trajectory = try Fixtures.mountainCar.get().trajectories[index]
        var car = try MountainCar()
        car.setState(Self.state(trajectory.initialState))
        #expect(Fixtures.widened(car.state.observation) == trajectory.initialObservation)
        for (number, expected) in trajectory.steps.enumerated() {
            let result = try car.step(expected.action)
            #expect(Fixtures.matches([car.state.position, car.state.velocity], expected.state), "trajectory \(index) step \(number + 1)")
            #expect(Fixtures.widened(result.observation) == expected.observation, "trajectory \(index) step \(number + 1)")
            #expect(result.reward == expected.reward && result.terminated == expected.terminated)
            car.setState(Self.state(expected.state))
        }
    }

    @Test("goal velocity: the flag only counts at that speed; a non-finite one is refused")
    func goalVelocity() throws {
        var strict = try MountainCar(goalVelocity: 0.05)
        strict.setState(MountainCar.State(position: 0.49, velocity: 0.02))
        #expect(try !strict.step(1).terminated)
        var relaxed = try MountainCar()
        relaxed.setState(MountainCar.State(position: 0.49, velocity: 0.02))
        #expect(try relaxed.step(1).terminated)
        #expect(relaxed.episodeSucceeded == true)
        let made = try #require(try EnvironmentRegistry.standard.make("mountaincar", options: ["goal-velocity": "0.05"]) as? TimeLimit<MountainCar>)
        #expect(made.wrapped.goalVelocity == 0.05)
        #expect(throws: EnvironmentError.self) { try MountainCar(goalVelocity: .nan) }
        #expect(throws: EnvironmentError.invalidOption("MountainCar-v0: option goal-velocity must be a number, got 'fast'")) {
            try EnvironmentRegistry.standard.make("mountaincar", options: ["goal-velocity": "fast"])
        }
    }

    @Test("reset: position in [-0.6, -0.4), velocity 0, repeatable by seed")
    func reset() throws {
        var car = try MountainCar()
        for seed in 0..<50 as Range<UInt64> {
            let observation = car.reset(seed: seed)
            #expect(car.state.position >= -0.6 && car.state.position < -0.4 && car.state.velocity == 0)
            var other = try MountainCar()
            #expect(other.reset(seed: seed) == observation)
        }
    }
}
