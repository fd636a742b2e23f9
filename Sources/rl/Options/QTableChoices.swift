import ArgumentParser

/// A Q-table starting point from the notes (see `QTableAgent.Configuration`'s presets).
enum QTablePreset: String, CaseIterable, ExpressibleByArgument {
    case dummy
    case exploration
    case learningRate = "learning-rate"
}

/// How the Q-table explores.
enum ExplorationKind: String, CaseIterable, ExpressibleByArgument {
    case epsilon, noise
    /// Greedy choices only (ties broken at random), the notes' first step.
    case greedyOnly = "none"
}
