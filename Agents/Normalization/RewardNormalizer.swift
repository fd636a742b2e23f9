/// Scales rewards by the standard deviation of the discounted return, as Stable-Baselines3's
/// `VecNormalize` does (rewards are not centred, so their sign is kept):
///
///     Rₜ = γ · Rₜ₋₁ + rₜ          per copy, reset to 0 when its episode ends
///     r̂ₜ = clip(rₜ / √(var(R) + ε), −clip, clip)
///
/// Only training rewards are scaled; evaluations report the environment's own returns.
public struct RewardNormalizer: Codable, Equatable, Sendable {
    /// The running statistics of the discounted returns.
    public private(set) var statistics = RunningMeanStandardDeviation(dimension: 1)
    /// The discounted return of each copy so far.
    public private(set) var returns: [Double]
    /// γ of the discounted return.
    public let discount: Double
    /// The bound of the scaled rewards (default 10).
    public let clip: Float
    /// ε under the square root (default 1e-8).
    public let epsilon: Double

    /// A normaliser for `copies` environments with discount γ.
    public init(copies: Int, discount: Double, clip: Float = 10, epsilon: Double = 1e-8) {
        returns = [Double](repeating: 0, count: copies)
        self.discount = discount
        self.clip = clip
        self.epsilon = epsilon
    }

    /// Updates the return statistics with one step of every copy's rewards, scales the rewards
    /// in place, and resets the returns of the copies whose episodes ended.
    public mutating func normalize(_ rewards: UnsafeMutableBufferPointer<Float>, episodeEnded: (Int) -> Bool) {
        for copy in returns.indices { returns[copy] = returns[copy] * discount + Double(rewards[copy]) }
        let snapshot = returns.map(Float.init)
        snapshot.withUnsafeBufferPointer { statistics.update($0, rows: snapshot.count) }
        let scale = 1 / (statistics.variance[0] + epsilon).squareRoot()
        for copy in returns.indices {
            rewards[copy] = min(clip, max(-clip, Float(Double(rewards[copy]) * scale)))
            if episodeEnded(copy) { returns[copy] = 0 }
        }
    }
}
