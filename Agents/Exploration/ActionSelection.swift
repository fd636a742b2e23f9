import SeededRandom

/// Choosing among actions by their values.
enum ActionSelection {
    /// The index of the largest value (the first one on ties).
    static func argmax(_ values: UnsafeBufferPointer<Float>) -> Int {
        var best = 0
        for index in 1..<values.count where values[index] > values[best] { best = index }
        return best
    }

    /// The index of the largest value, ties broken uniformly at random (the notes' `rargmax`):
    /// without it an all-zero table always picks action 0 and never learns on FrozenLake.
    static func argmaxBreakingTies(_ values: UnsafeBufferPointer<Float>, using generator: inout SeededGenerator) -> Int {
        var best = values[0]
        var ties = 1
        var chosen = 0
        for index in 1..<values.count {
            let value = values[index]
            if value > best {
                best = value
                ties = 1
                chosen = index
            } else if value == best {
                // Reservoir sampling: keep each of the k tied indices with probability 1/k.
                ties += 1
                if generator.uniformInt(below: ties) == 0 { chosen = index }
            }
        }
        return chosen
    }

    /// With probability ε a uniformly random action, otherwise `greedy()`.
    static func epsilonGreedy(
        epsilon: Double, actionCount: Int, using generator: inout SeededGenerator,
        greedy: (inout SeededGenerator) throws -> Int
    ) rethrows -> Int {
        try generator.uniformDouble() < epsilon ? generator.uniformInt(below: actionCount) : greedy(&generator)
    }
}
