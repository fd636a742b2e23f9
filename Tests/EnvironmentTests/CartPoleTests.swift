import RLCore
import RLEnvironments
import Testing

@Suite("CartPole")
struct CartPoleTests {
    @Test("spaces follow Gymnasium: Discrete(2), and a box of twice the termination bounds")
    func spaces() {
        let cartPole = CartPole()
        #expect(cartPole.actionSpace == Discrete(2))
        let box = cartPole.observationSpace
        #expect(box.high == [4.8, .infinity, Float(2 * 12 * 2 * Double.pi / 360), .infinity])
        #expect(box.low == box.high.map { -$0 })
        #expect(CartPole.angleThreshold == 12 * 2 * Double.pi / 360)
    }

    @Test("reset draws each state variable uniformly in [-0.05, 0.05) and returns it as Float")
    func resetRange() {
        var cartPole = CartPole()
        var minimum = 1.0, maximum = -1.0
        _ = cartPole.reset(seed: 8)
        for _ in 0..<2_000 {
            let observation = cartPole.reset()
            let values = cartPole.state.values
            #expect(observation == cartPole.state.observation)
            #expect(values.allSatisfy { $0 >= -0.05 && $0 < 0.05 })
            minimum = min(minimum, values.min()!)
            maximum = max(maximum, values.max()!)
        }
        #expect(minimum < -0.049 && maximum > 0.049)
    }

    @Test("the same seed gives the same episode; different seeds differ")
    func seeding() throws {
        func play(_ seed: UInt64) throws -> [SIMD4<Float>] {
            var cartPole = CartPole()
            var observations = [cartPole.reset(seed: seed)]
            for step in 0..<200 {
                let result = try cartPole.step(step % 3 == 0 ? 0 : 1)
                observations.append(result.observation)
                if result.isDone { observations.append(cartPole.reset()) }
            }
            return observations
        }
        #expect(try play(3) == play(3))
        #expect(try play(3) != play(4))
    }

    @Test("a reward of 1 every step, including the fall; Sutton-Barto rewards 0 and -1")
    func rewards() throws {
        for suttonBarto in [false, true] {
            var cartPole = CartPole(usesSuttonBartoReward: suttonBarto)
            _ = cartPole.reset(seed: 1)
            var rewards: [Double] = []
            var result = try cartPole.step(1)
            rewards.append(result.reward)
            while !result.terminated {
                result = try cartPole.step(1)
                rewards.append(result.reward)
            }
            #expect(rewards.count > 5 && rewards.count < 100)
            if suttonBarto {
                #expect(rewards.dropLast().allSatisfy { $0 == 0 } && rewards.last == -1)
            } else {
                #expect(rewards.allSatisfy { $0 == 1 })
            }
            #expect(abs(cartPole.state.poleAngle) > CartPole.angleThreshold)
        }
    }

    @Test("termination at each bound, and not just inside")
    func bounds() throws {
        var cartPole = CartPole()
        for (state, ends) in [
            (CartPole.State(cartPosition: 2.39, cartVelocity: 1, poleAngle: 0, poleAngularVelocity: 0), true),
            (CartPole.State(cartPosition: -2.39, cartVelocity: -1, poleAngle: 0, poleAngularVelocity: 0), true),
            (CartPole.State(cartPosition: 0, cartVelocity: 0, poleAngle: 0.2, poleAngularVelocity: 1), true),
            (CartPole.State(cartPosition: 0, cartVelocity: 0, poleAngle: -0.2, poleAngularVelocity: -1), true),
            (CartPole.State(cartPosition: 2.3, cartVelocity: 0, poleAngle: 0.1, poleAngularVelocity: 0), false),
        ] {
            cartPole.setState(state)
            #expect(try cartPole.step(0).terminated == ends, "\(state)")
        }
    }

    @Test("step before reset, after termination, and with an invalid action throw")
    func errors() throws {
        var cartPole = CartPole()
        #expect(throws: EnvironmentError.resetNeeded(environment: "CartPole")) { try cartPole.step(0) }
        _ = cartPole.reset(seed: 0)
        #expect(throws: EnvironmentError.invalidAction(
            "CartPole: action 2 is not in the action space Discrete(2) (0 = Push left, 1 = Push right)")) {
            try cartPole.step(2)
        }
        cartPole.setState(CartPole.State(cartPosition: 2.4, cartVelocity: 1, poleAngle: 0, poleAngularVelocity: 0))
        #expect(try cartPole.step(1).terminated)
        #expect(throws: EnvironmentError.resetNeeded(environment: "CartPole")) { try cartPole.step(1) }
        #expect(cartPole.episodeSucceeded == nil)
    }

    @Test("the registry's CartPole-v1 truncates at 500 steps")
    func timeLimit() throws {
        let made = try EnvironmentRegistry.standard.make("cartpole")
        var limited = try #require(made as? TimeLimit<CartPole>)
        #expect(limited.maxEpisodeSteps == 500)
        #expect(try EnvironmentRegistry.standard.registration(named: "CartPole-v1").rewardThreshold == 475)
        // Holding the pole still: replace the state every step so the episode never terminates.
        _ = limited.reset(seed: 0)
        var result = StepResult(observation: SIMD4<Float>(), reward: 0)
        for _ in 0..<500 {
            limited.wrapped.setState(CartPole.State(cartPosition: 0, cartVelocity: 0, poleAngle: 0, poleAngularVelocity: 0))
            result = try limited.step(0)
        }
        #expect(result.truncated && !result.terminated)
        #expect(throws: EnvironmentError.self) { try limited.step(0) }
    }
}
