import Foundation
import RLCore

extension EnvironmentRegistry {
    /// The built-in environments:
    ///
    /// | id                          | alias                   | time limit | options                                 |
    /// |-----------------------------|-------------------------|------------|-----------------------------------------|
    /// | `FrozenLake-v1`             | `frozenlake`            | 100        | map, slippery, success-rate, size,      |
    /// |                             |                         |            | frozen-probability, map-seed, reward-schedule |
    /// | `FrozenLake8x8-v1`          | `frozenlake8x8`         | 200        | as FrozenLake-v1 (default map 8x8)      |
    /// | `CartPole-v1`               | `cartpole`              | 500        | sutton-barto-reward                     |
    /// | `CartPole-v0`               |                         | 200        | sutton-barto-reward                     |
    /// | `CliffWalking-v1`           | `cliffwalking`          | none       | slippery                                |
    /// | `CliffWalkingSlippery-v1`   |                         | none       | slippery (default true)                 |
    /// | `GridWorld-v0`              | `gridworld`             | the map's  | map                                     |
    /// | `Acrobot-v1`                | `acrobot`               | 500        |                                         |
    /// | `MountainCar-v0`            | `mountaincar`           | 200        | goal-velocity                           |
    /// | `MountainCarContinuous-v0`  | `mountaincarcontinuous` | 999        | goal-velocity                           |
    /// | `Pendulum-v1`               | `pendulum`              | 200        | g                                       |
    /// | `Taxi-v4`                   | `Taxi-v3`, `taxi`       | 200        | rainy, rainy-probability,               |
    /// |                             |                         |            | fickle-passenger, fickle-probability    |
    /// | `Blackjack-v1`              | `blackjack`             | none       | sab, natural                            |
    ///
    /// Every one also takes `max-episode-steps`. Ids, time limits and reward thresholds are
    /// Gymnasium 1.4's registrations. Copy it into a `var` to add your own.
    public static let standard: EnvironmentRegistry = {
        var registry = EnvironmentRegistry()
        // The built-in names are distinct and well-formed (the tests check), hence `try!`.
        for registration in [EnvironmentRegistration.frozenLake, .frozenLake8x8, .cartPole, .cartPoleV0, .cliffWalking,
                             .cliffWalkingSlippery, .gridWorld, .acrobot, .mountainCar, .mountainCarContinuous, .pendulum,
                             .taxi, .blackjack] {
            try! registry.register(registration)  // Cannot fail: distinct, well-formed names (tested).
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
    public static let cartPole = cartPole(id: "CartPole-v1", aliases: ["cartpole"], maxEpisodeSteps: 500, rewardThreshold: 475)

    /// `CartPole-v0`: the same environment, 200 steps, solved at 195 (Gymnasium's registration).
    public static let cartPoleV0 = cartPole(id: "CartPole-v0", aliases: [], maxEpisodeSteps: 200, rewardThreshold: 195)

    private static func cartPole(id: String, aliases: [String], maxEpisodeSteps: Int, rewardThreshold: Double) -> EnvironmentRegistration {
        EnvironmentRegistration(
            id: id, aliases: aliases,
            summary: "Keep a pole upright on a cart by pushing the cart left or right; +1 per step (\(maxEpisodeSteps) steps).",
            maxEpisodeSteps: maxEpisodeSteps, rewardThreshold: rewardThreshold,
            options: [
                OptionDescription("sutton-barto-reward", help: "0 per step and -1 when the pole falls, instead of +1 per step (true or false)",
                                  defaultValue: "false"),
            ]
        ) { options in
            CartPole(usesSuttonBartoReward: try options.bool("sutton-barto-reward") ?? false)
        }
    }

    // MARK: - CliffWalking

    /// `CliffWalking-v1`: no time limit (Gymnasium registers none).
    public static let cliffWalking = cliffWalking(id: "CliffWalking-v1", aliases: ["cliffwalking"], slippery: false)

    /// `CliffWalkingSlippery-v1`: `CliffWalking-v1` with `is_slippery=True` (Gymnasium's registration).
    public static let cliffWalkingSlippery = cliffWalking(id: "CliffWalkingSlippery-v1", aliases: [], slippery: true)

    private static func cliffWalking(id: String, aliases: [String], slippery: Bool) -> EnvironmentRegistration {
        EnvironmentRegistration(
            id: id, aliases: aliases,
            summary: "Walk along a cliff from start to goal on a 4x12 grid; -1 per step, -100 and back to start for a fall"
                + (slippery ? "; moves slip sideways." : "."),
            options: [
                OptionDescription("slippery", help: "whether moves may go sideways, each of the three directions 1/3 (true or false; Gymnasium's is_slippery)",
                                  defaultValue: slippery ? "true" : "false"),
            ]
        ) { options in
            CliffWalking(isSlippery: try options.bool("slippery") ?? slippery)
        }
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

extension EnvironmentRegistration {
    // MARK: - Acrobot

    /// `Acrobot-v1`: 500 steps, solved at -100 (Gymnasium's registration).
    public static let acrobot = EnvironmentRegistration(
        id: "Acrobot-v1", aliases: ["acrobot"],
        summary: "Swing the free end of a two-link chain above the line by torquing the middle joint; -1 per step.",
        maxEpisodeSteps: 500, rewardThreshold: -100
    ) { _ in
        Acrobot()
    }

    // MARK: - MountainCar

    /// The `goal-velocity` option of both mountain cars (Gymnasium's `goal_velocity`).
    private static let goalVelocityOption = OptionDescription(
        "goal-velocity", help: "the velocity the car must at least have at the flag, a number (Gymnasium's goal_velocity)",
        defaultValue: "0")

    /// `MountainCar-v0`: 200 steps, solved at -110 (Gymnasium's registration).
    public static let mountainCar = EnvironmentRegistration(
        id: "MountainCar-v0", aliases: ["mountaincar"],
        summary: "Drive an underpowered car up the right hill by rocking it back and forth; -1 per step.",
        maxEpisodeSteps: 200, rewardThreshold: -110, options: [goalVelocityOption]
    ) { options in
        try MountainCar(goalVelocity: try options.double("goal-velocity") ?? 0)
    }

    /// `MountainCarContinuous-v0`: 999 steps, solved at 90 (Gymnasium's registration).
    public static let mountainCarContinuous = EnvironmentRegistration(
        id: "MountainCarContinuous-v0", aliases: ["mountaincarcontinuous"],
        summary: "Drive an underpowered car up the right hill with a continuous force; +100 at the flag, -0.1·force² per step.",
        maxEpisodeSteps: 999, rewardThreshold: 90, options: [goalVelocityOption]
    ) { options in
        try MountainCarContinuous(goalVelocity: try options.double("goal-velocity") ?? 0)
    }

    // MARK: - Pendulum

    /// `Pendulum-v1`: 200 steps, no reward threshold (Gymnasium's registration).
    public static let pendulum = EnvironmentRegistration(
        id: "Pendulum-v1", aliases: ["pendulum"],
        summary: "Swing a pendulum up and hold it upright with a limited torque; the reward penalises angle, speed and torque.",
        maxEpisodeSteps: 200,
        options: [
            OptionDescription("g", help: "the acceleration of gravity in m/s², a number ≥ 0 (Gymnasium's g)", defaultValue: "10"),
        ]
    ) { options in
        let gravity = try options.double("g") ?? 10
        guard gravity >= 0 else { throw options.invalid("g", "must be a number ≥ 0") }
        return try Pendulum(gravity: gravity)
    }

    // MARK: - Taxi

    /// `Taxi-v4` (alias id `Taxi-v3`): 200 steps, solved at 8 (Gymnasium's registration;
    /// Gymnasium 1.4 registers only v4, and v3's dynamics are the same by default).
    public static let taxi = EnvironmentRegistration(
        id: "Taxi-v4", aliases: ["Taxi-v3", "taxi"],
        summary: "Drive a taxi to the passenger, pick them up and drop them off at their destination; +20 for delivery, -1 per step.",
        maxEpisodeSteps: 200, rewardThreshold: 8,
        options: [
            OptionDescription("rainy", help: "whether moves may slip sideways (true or false; Gymnasium's is_rainy)", defaultValue: "false"),
            OptionDescription("rainy-probability", help: "probability of the intended move when rainy, 0 to 1 (rainy_probability)",
                              defaultValue: "0.8"),
            OptionDescription("fickle-passenger", help: "whether the passenger may change destination once after boarding (true or false; fickle_passenger)",
                              defaultValue: "false"),
            OptionDescription("fickle-probability", help: "probability that a fickle passenger changes their mind, 0 to 1 (fickle_probability)",
                              defaultValue: "0.3"),
        ]
    ) { options in
        let rainy = try options.bool("rainy") ?? false
        let fickle = try options.bool("fickle-passenger") ?? false
        if options.contains("rainy-probability") && !rainy {
            throw options.invalid("rainy-probability", "only applies when rainy is true")
        }
        if options.contains("fickle-probability") && !fickle {
            throw options.invalid("fickle-probability", "only applies when fickle-passenger is true")
        }
        return try Taxi(isRainy: rainy, rainyProbability: try options.double("rainy-probability", in: 0...1) ?? 0.8,
                        isFicklePassenger: fickle, fickleProbability: try options.double("fickle-probability", in: 0...1) ?? 0.3)
    }

    // MARK: - Blackjack

    /// `Blackjack-v1`: no time limit, no threshold, registered with `sab=True` (Gymnasium's registration).
    public static let blackjack = EnvironmentRegistration(
        id: "Blackjack-v1", aliases: ["blackjack"],
        summary: "Beat the dealer at blackjack from an infinite deck: stick or hit; +1 win, -1 loss, 0 draw.",
        options: [
            OptionDescription("sab", help: "Sutton and Barto's rules: a natural wins unless the dealer has one too (true or false)",
                              defaultValue: "true"),
            OptionDescription("natural", help: "a winning natural pays 1.5 (true or false; needs sab=false)", defaultValue: "false"),
        ]
    ) { options in
        let natural = try options.bool("natural") ?? false
        let sab = try options.bool("sab") ?? true
        if natural && sab {
            throw options.invalid("natural", "needs sab=false (under Sutton and Barto's rules a natural pays 1)")
        }
        return try Blackjack(usesSuttonBartoRules: sab, paysNaturalBonus: natural)
    }
}
