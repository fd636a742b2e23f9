import RLCore
import RLEnvironments
import Testing

@Suite("MountainCarContinuous against Gymnasium's trajectories")
struct MountainCarContinuousTests {
    static func state(_ values: [Double]) -> MountainCarContinuous.State {
        MountainCarContinuous.State(position: values[0], velocity: values[1])
    }

    @Test("the fixture holds 24 trajectories: 14 reach the goal, 10 run 600 steps; about half the forces are out of range")
    func fixtureShape() throws {
        let trajectories = try Fixtures.mountainCarContinuous.get().trajectories
        #expect(trajectories.count == 24)
        #expect(trajectories.filter { $0.steps.last?.terminated == true }.count == 14)
        #expect(trajectories.filter { $0.steps.count == 600 }.count == 10)
        let actions = trajectories.flatMap(\.steps).map { $0.action[0] }
        #expect(actions.count == 7614 && actions.filter { abs($0) > 1 }.count == 3786)
    }

    @Test("spaces and registration are Gymnasium's: Box(2) observations, Box(1) force in [-1, 1], 999 steps, 90")
    func spacesAndRegistration() throws {
        let file = try Fixtures.mountainCarContinuous.get()
        let car = try MountainCarContinuous()
        #expect(car.observationSpace.low.map(Double.init) == file.observationSpace.low)
        #expect(car.observationSpace.high.map(Double.init) == file.observationSpace.high)
        #expect(car.actionSpace.low.map(Double.init) == file.actionSpace?.low)
        #expect(car.actionSpace.high.map(Double.init) == file.actionSpace?.high)
        #expect(car.actionSpace.shape == [1])
        let registration = try EnvironmentRegistry.standard.registration(named: "mountaincarcontinuous")
        #expect(registration.id == file.env.id)
        #expect(registration.maxEpisodeSteps == file.env.maxEpisodeSteps)
        #expect(registration.rewardThreshold == file.env.rewardThreshold)
    }

    @Test("every step from the recorded previous state (double after reset, float32 after a step): states, rewards, ends bit for bit",
          arguments: 0..<24)
    func stepByStep(index: Int) throws {
        let trajectory = try Fixtures.mountainCarContinuous.get().trajectories[index]
        var car = try MountainCarContinuous()
        var previous = trajectory.initialState
        for (number, expected) in trajectory.steps.enumerated() {
            car.setState(Self.state(previous), precision: number == 0 ? .double : .single)
            let result = try car.step(Float(expected.action[0]))
            let label = "trajectory \(index) step \(number + 1)"
            #expect([car.state.position, car.state.velocity] == expected.state, "\(label)")
            #expect(Fixtures.widened(result.observation) == expected.observation, "\(label)")
            #expect(Fixtures.matches([result.reward], [expected.reward]), "\(label): \(result.reward) vs \(expected.reward)")
            #expect(result.terminated == expected.terminated, "\(label)")
            #expect(car.storedPrecision == .single)
            previous = expected.state
        }
    }

    @Test("open-loop replays from the start reproduce every trajectory", arguments: 0..<24)
    func openLoop(index: Int) throws {
        let trajectory = try Fixtures.mountainCarContinuous.get().trajectories[index]
        var car = try MountainCarContinuous()
        car.setState(Self.state(trajectory.initialState))
        for expected in trajectory.steps {
            _ = try car.step(Float(expected.action[0]))
            #expect(zip([car.state.position, car.state.velocity], expected.state).allSatisfy {
                Fixtures.withinOneULP(Float($0), Float($1))
            })
        }
    }

    @Test("finite forces past the bounds are clipped, the reward uses them unclipped; NaN and infinity are refused")
    func outOfRangeForces() throws {
        var clipped = try MountainCarContinuous(), limit = try MountainCarContinuous()
        _ = clipped.reset(seed: 3)
        _ = limit.reset(seed: 3)
        // Both clipped to 1 (as the double 1.0: a force of exactly 1 would be float32 arithmetic).
        let strong = try clipped.step(5)
        let full = try limit.step(1.5)
        #expect(strong.observation == full.observation)
        #expect(strong.reward == -0.1 * 25 && full.reward == -0.1 * 2.25)
        for bad in [Float.nan, .infinity, -.infinity] {
            #expect(throws: EnvironmentError.self) { try clipped.step(bad) }
        }
        #expect(clipped.lastAction == 5)
    }
}
