import RLCore
import RLEnvironments
import Testing

@Suite("CliffWalking against Gymnasium's fixture")
struct CliffWalkingFixtureTests {
    @Test("the transition table equals Gymnasium's entry by entry")
    func transitionsMatch() throws {
        let file = try Fixtures.cliffWalking.get()
        let cliff = CliffWalking()
        #expect(file.start == CliffWalking.startState)
        #expect(file.transitions.count == cliff.stateCount)
        for (state, actions) in file.transitions.enumerated() {
            #expect(actions.count == 4)
            for (action, expected) in actions.enumerated() {
                let actual = cliff.transitions(from: state, action: action).map {
                    Fixtures.Outcome(p: $0.probability, next: $0.nextState, reward: $0.reward, terminated: $0.terminated)
                }
                #expect(actual == expected, "state \(state) action \(action)")
            }
        }
    }

    @Test("stepping follows the table: a fall costs -100, returns to the start and does not end the episode")
    func steppingFollowsTable() throws {
        var cliff = CliffWalking()
        #expect(cliff.reset(seed: 0) == 36)
        let fall = try cliff.step(1)
        #expect(fall == StepResult(observation: 36, reward: -100, terminated: false))
        // Up, right along row 2 to the last column, then down to the goal: 13 steps of -1.
        var total = 0.0
        var result = try cliff.step(0)
        total += result.reward
        for _ in 0..<11 {
            result = try cliff.step(1)
            total += result.reward
        }
        result = try cliff.step(2)
        total += result.reward
        #expect(result.observation == 47 && result.terminated)
        #expect(total == -13)
        #expect(cliff.episodeSucceeded == true)
        #expect(throws: EnvironmentError.resetNeeded(environment: "CliffWalking")) { try cliff.step(0) }
    }

    @Test("the registry's CliffWalking-v1 has no time limit, as Gymnasium registers none")
    func noTimeLimit() throws {
        #expect(try EnvironmentRegistry.standard.make("CliffWalking-v1") is CliffWalking)
        #expect(try EnvironmentRegistry.standard.registration(named: "cliffwalking").maxEpisodeSteps == nil)
    }

    @Test("slippery cliff walking lists the three moves at 1/3 each")
    func slippery() throws {
        let cliff = CliffWalking(isSlippery: true)
        // From 24 (row 2, column 0), up: left (stays), up (12), right (25), each 1/3.
        let outcomes = cliff.transitions(from: 24, action: 0)
        #expect(outcomes.map(\.nextState) == [24, 12, 25])
        #expect(outcomes.allSatisfy { $0.probability == 1.0 / 3.0 })
        let made = try EnvironmentRegistry.standard.make("cliffwalking", options: ["slippery": "true"])
        #expect((made as? CliffWalking)?.isSlippery == true)
    }
}
