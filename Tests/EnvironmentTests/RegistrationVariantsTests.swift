import RLCore
import RLEnvironments
import Testing

@Suite("CliffWalkingSlippery-v1 and CartPole-v0 against Gymnasium's fixtures")
struct RegistrationVariantsTests {
    @Test("slippery cliff walking: the transition table equals Gymnasium's, by option and by id")
    func slipperyCliff() throws {
        let file = try Fixtures.cliffWalkingSlippery.get()
        #expect(file.start == CliffWalking.startState)
        let byOption = try #require(try EnvironmentRegistry.standard.make("cliffwalking", options: ["slippery": "true"]) as? CliffWalking)
        let byId = try #require(try EnvironmentRegistry.standard.make("CliffWalkingSlippery-v1") as? CliffWalking)
        #expect(byOption.isSlippery && byId.isSlippery)
        for (state, actions) in file.transitions.enumerated() {
            for (action, expected) in actions.enumerated() {
                let actual = byId.transitions(from: state, action: action).map {
                    Fixtures.Outcome(p: $0.probability, next: $0.nextState, reward: $0.reward, terminated: $0.terminated)
                }
                #expect(actual == expected, "state \(state) action \(action)")
            }
        }
        for (id, spec) in file.registeredIds {
            let registration = try EnvironmentRegistry.standard.registration(named: id)
            #expect(registration.maxEpisodeSteps == spec.maxEpisodeSteps && registration.rewardThreshold == spec.rewardThreshold)
        }
        let plain = try #require(try EnvironmentRegistry.standard.make("CliffWalkingSlippery-v1", options: ["slippery": "false"]) as? CliffWalking)
        #expect(!plain.isSlippery)
    }

    @Test("CartPole-v0 is CartPole-v1's environment with 200 steps and threshold 195")
    func cartPoleV0() throws {
        let file = try Fixtures.cartPoleVersions.get()
        for spec in [file.v0, file.v1] {
            let registration = try EnvironmentRegistry.standard.registration(named: spec.id)
            #expect(registration.maxEpisodeSteps == spec.maxEpisodeSteps && registration.rewardThreshold == spec.rewardThreshold)
            let made = try #require(try registration.make() as? TimeLimit<CartPole>)
            #expect(made.maxEpisodeSteps == spec.maxEpisodeSteps)
        }
        // Same dynamics: the same seed and actions give the same steps.
        var v0 = try #require(try EnvironmentRegistry.standard.make("CartPole-v0") as? TimeLimit<CartPole>)
        var v1 = try #require(try EnvironmentRegistry.standard.make("CartPole-v1") as? TimeLimit<CartPole>)
        #expect(v0.reset(seed: 3) == v1.reset(seed: 3))
        for index in 0..<30 {
            let result = try v0.step(index % 3 == 0 ? 0 : 1)
            #expect(try result == v1.step(index % 3 == 0 ? 0 : 1))
            if result.isDone { break }
        }
    }
}
