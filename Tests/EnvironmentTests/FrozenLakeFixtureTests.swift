import RLCore
import RLEnvironments
import Testing

@Suite("FrozenLake against Gymnasium's fixture")
struct FrozenLakeFixtureTests {
    static let variants = ["4x4", "4x4-slippery", "8x8", "8x8-slippery"]

    func environment(for variant: Fixtures.FrozenLakeFile.Variant) throws -> FrozenLake {
        try FrozenLake(map: variant.map, isSlippery: variant.slippery)
    }

    @Test("the fixture has the four variants and the named maps match its maps")
    func variantsAndMaps() throws {
        let file = try Fixtures.frozenLake.get()
        #expect(Set(file.maps.keys) == Set(Self.variants))
        #expect(file.maps["4x4"]?.map == FrozenLake.maps["4x4"])
        #expect(file.maps["8x8"]?.map == FrozenLake.maps["8x8"])
    }

    @Test("the transition table equals Gymnasium's entry by entry", arguments: variants)
    func transitionsMatch(variant name: String) throws {
        let variant = try #require(try Fixtures.frozenLake.get().maps[name])
        let lake = try environment(for: variant)
        #expect(lake.stateCount == variant.transitions.count)
        #expect(lake.actionCount == 4)
        var compared = 0
        for (state, actions) in variant.transitions.enumerated() {
            #expect(actions.count == 4)
            for (action, expected) in actions.enumerated() {
                let actual = lake.transitions(from: state, action: action).map {
                    Fixtures.Outcome(p: $0.probability, next: $0.nextState, reward: $0.reward, terminated: $0.terminated)
                }
                #expect(actual == expected, "\(name) state \(state) action \(action)")
                compared += expected.count
            }
        }
        #expect(compared >= variant.transitions.count * 4)
    }

    @Test("value iteration on the table gives the fixture's optimal success within the time limit", arguments: variants)
    func optimalSuccessWithinLimit(variant name: String) throws {
        let variant = try #require(try Fixtures.frozenLake.get().maps[name])
        let lake = try environment(for: variant)
        // values[s] = the best probability of reaching the goal from s in the steps left.
        var values = [Double](repeating: 0, count: lake.stateCount)
        for _ in 0..<variant.maxEpisodeSteps {
            values = (0..<lake.stateCount).map { state in
                (0..<4).map { action in
                    lake.transitions(from: state, action: action).reduce(0.0) { total, outcome in
                        total + outcome.probability * (outcome.reward + (outcome.terminated ? 0 : values[outcome.nextState]))
                    }
                }.max()!
            }
        }
        #expect(abs(values[0] - variant.optimalSuccessWithinLimit) < 1e-9,
                "\(name): \(values[0]) vs \(variant.optimalSuccessWithinLimit)")
    }

    @Test("the registry's FrozenLake ids have the fixture's maps and time limits")
    func registryMatchesFixture() throws {
        let file = try Fixtures.frozenLake.get()
        for (id, variant) in [("FrozenLake-v1", "4x4-slippery"), ("FrozenLake8x8-v1", "8x8-slippery")] {
            let expected = try #require(file.maps[variant])
            let made = try EnvironmentRegistry.standard.make(id)
            let limited = try #require(made as? TimeLimit<FrozenLake>)
            #expect(limited.maxEpisodeSteps == expected.maxEpisodeSteps)
            #expect(limited.wrapped.map == expected.map)
            #expect(limited.wrapped.isSlippery)
            #expect(limited.wrapped.transitions(from: 0, action: 1).count == 3)
        }
        let deterministic = try #require(try EnvironmentRegistry.standard.make("frozenlake", options: ["slippery": "false"])
            as? TimeLimit<FrozenLake>)
        let table = try #require(file.maps["4x4"]).transitions
        #expect(deterministic.wrapped.transitions(from: 14, action: 2).map(\.nextState) == table[14][2].map(\.next))
    }
}
