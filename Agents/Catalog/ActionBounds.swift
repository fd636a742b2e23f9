/// The bounds of a continuous action space, and the two ways agents map their outputs into it,
/// as Stable-Baselines3 does.
///
/// - Policies whose outputs are squashed into [-1, 1] (SAC, TD3) are *rescaled*:
///   `action = low + (a + 1) / 2 · (high − low)`; this needs finite bounds.
/// - Policies whose outputs are unbounded (PPO's Gaussian) are *clipped* to [low, high].
///
/// Either way the environment never sees an action outside its space.
public struct ActionBounds: Codable, Equatable, Sendable {
    /// The lower bound of each scalar.
    public var low: [Float]
    /// The upper bound of each scalar.
    public var high: [Float]

    /// Bounds from the space's `low` and `high`.
    public init(low: [Float], high: [Float]) {
        self.low = low
        self.high = high
    }

    /// The number of scalars of an action.
    public var dimension: Int { low.count }

    /// Whether every bound is finite (needed to rescale from [-1, 1]).
    public var isFinite: Bool { low.allSatisfy(\.isFinite) && high.allSatisfy(\.isFinite) }

    /// `unit` (each scalar in [-1, 1]) mapped onto the bounds, then clipped:
    /// `low + (a + 1) / 2 · (high − low)`.
    public func rescaled(fromUnit unit: [Float]) -> [Float] {
        (0..<dimension).map { index in
            let value = low[index] + (unit[index] + 1) / 2 * (high[index] - low[index])
            return Swift.min(Swift.max(value, low[index]), high[index])
        }
    }

    /// `action` mapped from the bounds back to [-1, 1]: `2 (action − low) / (high − low) − 1`
    /// (what a replay buffer stores for a squashed policy).
    public func unit(from action: [Float]) -> [Float] {
        (0..<dimension).map { index in 2 * (action[index] - low[index]) / (high[index] - low[index]) - 1 }
    }

    /// `action` clipped to the bounds (NaN stays NaN, and the environment refuses it).
    public func clipped(_ action: [Float]) -> [Float] {
        (0..<dimension).map { index in Swift.min(Swift.max(action[index], low[index]), high[index]) }
    }
}
