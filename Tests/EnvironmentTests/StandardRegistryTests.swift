import Foundation
import RLCore
import RLEnvironments
import Testing

@Suite("The standard registry")
struct StandardRegistryTests {
    let registry = EnvironmentRegistry.standard

    @Test("ids, aliases, time limits and spaces of the built-in environments")
    func builtIns() throws {
        #expect(registry.names == ["FrozenLake-v1", "frozenlake", "FrozenLake8x8-v1", "frozenlake8x8", "CartPole-v1", "cartpole",
                                   "CartPole-v0", "CliffWalking-v1", "cliffwalking", "CliffWalkingSlippery-v1",
                                   "GridWorld-v0", "gridworld", "Acrobot-v1", "acrobot", "MountainCar-v0", "mountaincar",
                                   "MountainCarContinuous-v0", "mountaincarcontinuous", "Pendulum-v1", "pendulum",
                                   "Taxi-v4", "Taxi-v3", "taxi", "Blackjack-v1", "blackjack"])
        let expected: [(String, Int?, String, String)] = [
            ("FrozenLake-v1", 100, "Discrete(16)", "Discrete(4)"),
            ("FrozenLake8x8-v1", 200, "Discrete(64)", "Discrete(4)"),
            ("CartPole-v1", 500, "Box(low: [-4.8, -inf, -0.41887903, -inf], high: [4.8, inf, 0.41887903, inf], shape: [4])", "Discrete(2)"),
            ("CartPole-v0", 200, "Box(low: [-4.8, -inf, -0.41887903, -inf], high: [4.8, inf, 0.41887903, inf], shape: [4])", "Discrete(2)"),
            ("CliffWalking-v1", nil, "Discrete(48)", "Discrete(4)"),
            ("CliffWalkingSlippery-v1", nil, "Discrete(48)", "Discrete(4)"),
            ("GridWorld-v0", nil, "Discrete(70)", "Discrete(4)"),
            ("Acrobot-v1", 500, "Box(low: [-1.0, -1.0, -1.0, -1.0, -12.566371, -28.274334], high: [1.0, 1.0, 1.0, 1.0, 12.566371, 28.274334], shape: [6])",
             "Discrete(3)"),
            ("MountainCar-v0", 200, "Box(low: [-1.2, -0.07], high: [0.6, 0.07], shape: [2])", "Discrete(3)"),
            ("MountainCarContinuous-v0", 999, "Box(low: [-1.2, -0.07], high: [0.6, 0.07], shape: [2])",
             "Box(low: [-1.0], high: [1.0], shape: [1])"),
            ("Pendulum-v1", 200, "Box(low: [-1.0, -1.0, -8.0], high: [1.0, 1.0, 8.0], shape: [3])", "Box(low: [-2.0], high: [2.0], shape: [1])"),
            ("Taxi-v4", 200, "Discrete(500)", "Discrete(6)"),
            ("Blackjack-v1", nil, "Tuple(Discrete(32), Discrete(11), Discrete(2))", "Discrete(2)"),
        ]
        for (id, limit, observation, action) in expected {
            let registration = try registry.registration(named: id)
            #expect(registration.maxEpisodeSteps == limit, "\(id)")
            #expect(!registration.summary.isEmpty && !registration.summary.contains("\n"))
            let spaces = try registration.spaceDescriptions()
            #expect(spaces.observation == observation, "\(id)")
            #expect(spaces.action == action, "\(id)")
            #expect(registration.allOptions.allSatisfy { !$0.help.isEmpty })
        }
    }

    @Test("FrozenLake options: maps by name, rows and random; slippery; success rate; reward schedule")
    func frozenLakeOptions() throws {
        func lake(_ options: [String: String], id: String = "frozenlake") throws -> FrozenLake {
            try #require(try registry.make(id, options: options) as? TimeLimit<FrozenLake>).wrapped
        }
        #expect(try lake([:]).map == FrozenLake.maps["4x4"])
        #expect(try lake([:], id: "frozenlake8x8").map == FrozenLake.maps["8x8"])
        #expect(try lake(["map": "8x8"]).map == FrozenLake.maps["8x8"])
        #expect(try lake(["map": "SFF,FHF,FFG"]).map == ["SFF", "FHF", "FFG"])
        #expect(try lake(["slippery": "false"]).isSlippery == false)
        #expect(try lake(["success-rate": "0.9"]).successRate == 0.9)
        #expect(try lake(["reward-schedule": "2,-1,-0.01"]).rewardSchedule == .init(goal: 2, hole: -1, frozen: -0.01))
        #expect(try lake(["map": "random"]).map == FrozenLake.randomMap(size: 8, frozenProbability: 0.8, seed: 0))
        #expect(try lake(["size": "5", "map-seed": "7"]).map == FrozenLake.randomMap(size: 5, frozenProbability: 0.8, seed: 7))
        #expect(try lake(["frozen-probability": "0.9", "map": "random"]).map
                == FrozenLake.randomMap(size: 8, frozenProbability: 0.9, seed: 0))
    }

    @Test("bad FrozenLake options throw one clear line", arguments: [
        (["slippery": "sometimes"], "FrozenLake-v1: option slippery must be true or false, got 'sometimes'"),
        (["success-rate": "2"], "FrozenLake-v1: option success-rate must be from 0.0 to 1.0, got '2'"),
        (["success-rate": "0.5", "slippery": "false"], "FrozenLake-v1: option success-rate only applies when slippery is true, got '0.5'"),
        (["map": "9x9"], "FrozenLake-v1: option map must be 4x4, 8x8, random, rows like SFFF,FHFH,FFFH,HFFG, or an existing map file, got '9x9'"),
        (["map": "4x4", "size": "6"], "FrozenLake-v1: option size only applies to map=random, got '6'"),
        (["size": "1"], "FrozenLake-v1: option size must be from 2 to 256, got '1'"),
        (["frozen-probability": "0"], "FrozenLake-v1: option frozen-probability must be above 0 and at most 1, got '0'"),
        (["map-seed": "-1"], "FrozenLake-v1: option map-seed must be a whole number from 0 to 18446744073709551615, got '-1'"),
        (["reward-schedule": "1,0"], "FrozenLake-v1: option reward-schedule must be three numbers goal,hole,frozen such as 1,0,0, got '1,0'"),
        (["slipery": "true"], "FrozenLake-v1: unknown option 'slipery'; options: map, slippery, success-rate, size, frozen-probability, map-seed, reward-schedule, max-episode-steps"),
        (["max-episode-steps": "-5"], "FrozenLake-v1: option max-episode-steps must be a whole number of steps ≥ 1, or none, got '-5'"),
    ])
    func badFrozenLakeOptions(options: [String: String], message: String) {
        #expect(throws: EnvironmentError.invalidOption(message)) { try registry.make("frozenlake", options: options) }
    }

    @Test("a malformed inline map reports its row as the line")
    func badInlineMap() {
        #expect(throws: EnvironmentError.invalidMap(line: 2, message: "the row has 2 tiles but the first row has 3; rows must be equally long")) {
            try registry.make("frozenlake", options: ["map": "SFF,FG"])
        }
        #expect(throws: EnvironmentError.self) { try registry.make("gridworld", options: ["map": "S.G,#Q#"]) }
        #expect(throws: EnvironmentError.self) { try registry.make("gridworld", options: ["map": "nonsense"]) }
    }

    @Test("other environments' options, and max-episode-steps on any of them")
    func otherOptions() throws {
        let cartPole = try #require(try registry.make("cartpole", options: ["sutton-barto-reward": "true"]) as? TimeLimit<CartPole>)
        #expect(cartPole.wrapped.usesSuttonBartoReward)
        let limitedCliff = try #require(try registry.make("cliffwalking", options: ["max-episode-steps": "50"]) as? TimeLimit<CliffWalking>)
        #expect(limitedCliff.maxEpisodeSteps == 50)
        let world = try #require(try registry.make("gridworld", options: ["map": "slip: 0.5,S.G"]) as? GridWorld)
        #expect(world.map.slip == 0.5 && world.map.rows == ["S.G"])
        #expect(throws: EnvironmentError.self) { try registry.make("cartpole", options: ["map": "4x4"]) }
    }

    @Test("an unknown id lists the known ids and aliases")
    func unknownId() {
        #expect(throws: EnvironmentError.unknownEnvironment(id: "LunarLander-v3", known: registry.names)) {
            try registry.make("LunarLander-v3")
        }
    }

    @Test("users register their own environments in a copy; standard stays unchanged")
    func userRegistration() throws {
        var mine = EnvironmentRegistry.standard
        try mine.register(EnvironmentRegistration(id: "TinyLake-v0", aliases: ["tinylake"], summary: "A 2x2 lake.",
                                                  maxEpisodeSteps: 10) { _ in try FrozenLake(map: ["SF", "FG"]) })
        #expect(try (mine.make("tinylake") as? TimeLimit<FrozenLake>)?.wrapped.map == ["SF", "FG"])
        #expect(throws: EnvironmentError.self) { try EnvironmentRegistry.standard.make("tinylake") }
        #expect(throws: EnvironmentError.self) {
            try mine.register(EnvironmentRegistration(id: "Clash-v0", aliases: ["cartpole"], summary: "x") { _ in CartPole() })
        }
    }
}
