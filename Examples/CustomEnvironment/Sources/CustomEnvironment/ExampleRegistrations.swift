import RL

/// The example's environments as registry entries: ids, aliases, time limits and options, so
/// they can be made by name (`try registry.make("inventory")`) the way `rl` makes the
/// built-in ones.
extension EnvironmentRegistration {
    /// `Inventory-v0` (alias `inventory`): see ``Inventory``. The season ends the episode, so
    /// there is no time limit.
    static let inventory = EnvironmentRegistration(
        id: "Inventory-v0", aliases: ["inventory"],
        summary: "Keep a shop stocked through a season: order in batches, hold little, sell out at the end.",
        options: [
            OptionDescription("season-days", help: "days in a season, 1 to 365", defaultValue: "15"),
            OptionDescription("capacity", help: "units the shelf holds, 1 to 50", defaultValue: "9"),
        ]
    ) { options in
        try Inventory(seasonDays: try options.integer("season-days", in: 1 ... 365) ?? 15,
                      capacity: try options.integer("capacity", in: 1 ... 50) ?? 9)
    }

    /// `ReachTarget-v0` (alias `reach-target`): see ``ReachTarget``; 200 steps at most.
    static let reachTarget = EnvironmentRegistration(
        id: "ReachTarget-v0", aliases: ["reach-target"],
        summary: "Move a point across the unit square to a round target in as few steps as possible.",
        maxEpisodeSteps: 200,
        // A straight path takes about ten steps from an average start; −15 leaves room for the noise.
        rewardThreshold: -15,
        options: [
            OptionDescription("noise", help: "standard deviation of the drift per step, 0 to 0.2", defaultValue: "0.02"),
        ]
    ) { options in
        try ReachTarget(noise: Float(try options.double("noise", in: 0 ... 0.2) ?? 0.02))
    }
}

extension EnvironmentRegistry {
    /// The built-in environments and this example's.
    ///
    /// - Throws: ``EnvironmentError/invalidOption(_:)`` if an example id or alias clashes
    ///   with a built-in name.
    static func withExampleEnvironments() throws -> EnvironmentRegistry {
        var registry = EnvironmentRegistry.standard
        try registry.register(.inventory)
        try registry.register(.reachTarget)
        return registry
    }
}
