import Foundation
import RLCore

extension EnvironmentRegistry {
    /// The built-in environments:
    ///
    /// | id                 | alias           | time limit | options                                    |
    /// |--------------------|-----------------|------------|--------------------------------------------|
    /// | `FrozenLake-v1`    | `frozenlake`    | 100        | map, slippery, success-rate, size,         |
    /// |                    |                 |            | frozen-probability, map-seed, reward-schedule |
    /// | `FrozenLake8x8-v1` | `frozenlake8x8` | 200        | as FrozenLake-v1 (default map 8x8)         |
    /// | `CartPole-v1`      | `cartpole`      | 500        | sutton-barto-reward                        |
    /// | `CliffWalking-v1`  | `cliffwalking`  | none       | slippery                                   |
    /// | `GridWorld-v0`     | `gridworld`     | the map's  | map                                        |
    ///
    /// Every one also takes `max-episode-steps`. Copy it into a `var` to add your own.
    public static let standard: EnvironmentRegistry = {
        var registry = EnvironmentRegistry()
        // The built-in names are distinct and well-formed (the tests check), hence `try!`.
        for registration in [EnvironmentRegistration.frozenLake, .frozenLake8x8, .cartPole, .cliffWalking, .gridWorld] {
            try! registry.register(registration)
        }
        return registry
    }()
}

extension EnvironmentRegistration {
    // MARK: - FrozenLake

    /// `FrozenLake-v1`: the 4x4 map, slippery, 100 steps (Gymnasium's registration).
    public static let frozenLake = frozenLake(id: "FrozenLake-v1", alias: "frozenlake", mapName: "4x4",
                                              maxEpisodeSteps: 100, rewardThreshold: 0.70)

    /// `FrozenLake8x8-v1`: the 8x8 map, slippery, 200 steps (Gymnasium's registration).
    public static let frozenLake8x8 = frozenLake(id: "FrozenLake8x8-v1", alias: "frozenlake8x8", mapName: "8x8",
                                                 maxEpisodeSteps: 200, rewardThreshold: 0.85)

    private static func frozenLake(id: String, alias: String, mapName: String, maxEpisodeSteps: Int,
                                   rewardThreshold: Double) -> EnvironmentRegistration {
        EnvironmentRegistration(
            id: id, aliases: [alias],
            summary: "Cross a frozen lake from S to G without falling into a hole H; the ice is slippery (\(mapName) map).",
            maxEpisodeSteps: maxEpisodeSteps, rewardThreshold: rewardThreshold,
            options: [
                OptionDescription("map", help: "4x4, 8x8, random, rows like SFFF,FHFH,FFFH,HFFG, a map file (one row per line), or a map's text",
                                  defaultValue: mapName),
                OptionDescription("slippery", help: "whether moves may slip sideways (true or false)", defaultValue: "true"),
                OptionDescription("success-rate", help: "probability of the intended move when slippery, 0 to 1 (the rest splits between the two sideways moves)",
                                  defaultValue: "0.333…"),
                OptionDescription("size", help: "side of a random map, 2 to 256 (implies map=random)", defaultValue: "8"),
                OptionDescription("frozen-probability", help: "probability that a random map's tile is frozen, above 0 to 1 (implies map=random)",
                                  defaultValue: "0.8"),
                OptionDescription("map-seed", help: "seed of the random map (implies map=random)", defaultValue: "0"),
                OptionDescription("reward-schedule", help: "rewards for reaching the goal, a hole and a frozen tile, as goal,hole,frozen",
                                  defaultValue: "1,0,0"),
            ]
        ) { options in
            try makeFrozenLake(options, defaultMapName: mapName)
        }
    }

    private static func makeFrozenLake(_ options: EnvironmentOptions, defaultMapName: String) throws -> FrozenLake {
        let slippery = try options.bool("slippery") ?? true
        if options.contains("success-rate") && !slippery {
            throw options.invalid("success-rate", "only applies when slippery is true")
        }
        let successRate = try options.double("success-rate", in: 0...1) ?? 1.0 / 3.0
        let rewards = try rewardSchedule(options)
        let randomOptions = ["size", "frozen-probability", "map-seed"].filter(options.contains)
        let mapValue = options.string("map") ?? (randomOptions.isEmpty ? defaultMapName : "random")
        if mapValue != "random", let name = randomOptions.first {
            throw options.invalid(name, "only applies to map=random", options.string(name))
        }

        if mapValue == "random" {
            let size = try options.integer("size", in: 2...256) ?? 8
            let probability = try options.double("frozen-probability") ?? 0.8
            guard probability > 0, probability <= 1 else {
                throw options.invalid("frozen-probability", "must be above 0 and at most 1")
            }
            let map = try FrozenLake.randomMap(size: size, frozenProbability: probability, seed: try options.seed("map-seed") ?? 0)
            return try FrozenLake(map: map, isSlippery: slippery, successRate: successRate, rewardSchedule: rewards)
        }
        if FrozenLake.maps[mapValue] != nil {
            return try FrozenLake(mapName: mapValue, isSlippery: slippery, successRate: successRate, rewardSchedule: rewards)
        }
        if let text = try MapFile.text(ofOption: mapValue) {
            return try FrozenLake(mapText: text, isSlippery: slippery, successRate: successRate, rewardSchedule: rewards)
        }
        if mapValue.allSatisfy({ "SFHG, ".contains($0) }) {
            return try FrozenLake(mapText: mapValue, isSlippery: slippery, successRate: successRate, rewardSchedule: rewards)
        }
        throw options.invalid("map", "must be 4x4, 8x8, random, rows like SFFF,FHFH,FFFH,HFFG, or an existing map file")
    }

    private static func rewardSchedule(_ options: EnvironmentOptions) throws -> FrozenLake.RewardSchedule {
        guard let text = options.string("reward-schedule") else { return .standard }
        let values = text.split(separator: ",").compactMap { Double($0.trimmingWhitespace()) }
        guard values.count == 3, values.allSatisfy(\.isFinite), text.split(separator: ",").count == 3 else {
            throw options.invalid("reward-schedule", "must be three numbers goal,hole,frozen such as 1,0,0")
        }
        return FrozenLake.RewardSchedule(goal: values[0], hole: values[1], frozen: values[2])
    }

    // MARK: - CartPole

    /// `CartPole-v1`: 500 steps, solved at a mean return of 475 (Gymnasium's registration).
    public static let cartPole = EnvironmentRegistration(
        id: "CartPole-v1", aliases: ["cartpole"],
        summary: "Keep a pole upright on a cart by pushing the cart left or right; +1 per step.",
        maxEpisodeSteps: 500, rewardThreshold: 475,
        options: [
            OptionDescription("sutton-barto-reward", help: "0 per step and -1 when the pole falls, instead of +1 per step (true or false)",
                              defaultValue: "false"),
        ]
    ) { options in
        CartPole(usesSuttonBartoReward: try options.bool("sutton-barto-reward") ?? false)
    }

    // MARK: - CliffWalking

    /// `CliffWalking-v1`: no time limit (Gymnasium registers none).
    public static let cliffWalking = EnvironmentRegistration(
        id: "CliffWalking-v1", aliases: ["cliffwalking"],
        summary: "Walk along a cliff from start to goal on a 4x12 grid; -1 per step, -100 and back to start for a fall.",
        options: [
            OptionDescription("slippery", help: "whether moves may go sideways, each of the three directions 1/3 (true or false)",
                              defaultValue: "false"),
        ]
    ) { options in
        CliffWalking(isSlippery: try options.bool("slippery") ?? false)
    }

    // MARK: - GridWorld

    /// `GridWorld-v0`: a grid world from a text map; the map sets its own step limit.
    public static let gridWorld = EnvironmentRegistration(
        id: "GridWorld-v0", aliases: ["gridworld"],
        summary: "Walk from S to G on a grid from a text map, around walls and pits (default: a 7x10 walled garden, limit 100).",
        options: [
            OptionDescription("map", help: "a grid-world map file, 'default', the map's lines separated by commas, or its text",
                              defaultValue: "default"),
        ]
    ) { options in
        guard let value = options.string("map"), value != "default" else { return GridWorld() }
        if let text = try MapFile.text(ofOption: value) {
            return GridWorld(map: try GridWorldMap(parsing: text))
        }
        guard value.contains(",") else {
            throw options.invalid("map", "must be 'default', an existing map file, or the map's lines separated by commas")
        }
        return GridWorld(map: try GridWorldMap(parsing: value, lineSeparator: ","))
    }
}
