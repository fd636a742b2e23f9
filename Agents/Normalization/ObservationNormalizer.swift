/// Normalises observations by running statistics, as Stable-Baselines3's `VecNormalize` does:
///
///     ô = clip((o − mean) / √(var + ε), −clip, clip),   ε = 1e-8, clip = 10 by default
///
/// While training, every batch of observations updates the statistics before it is normalised;
/// frozen (for evaluation, or a loaded agent), the statistics stay as they are. Saved in
/// checkpoints, so a loaded agent sees its observations as it did when it learned.
public struct ObservationNormalizer: Codable, Equatable, Sendable {
    /// The running statistics of the raw observations.
    public private(set) var statistics: RunningMeanStandardDeviation
    /// The bound of the normalised values (default 10).
    public let clip: Float
    /// ε under the square root (default 1e-8).
    public let epsilon: Double

    /// A normaliser for observations of `dimension` features.
    public init(dimension: Int, clip: Float = 10, epsilon: Double = 1e-8) {
        statistics = RunningMeanStandardDeviation(dimension: dimension)
        self.clip = clip
        self.epsilon = epsilon
    }

    /// A normaliser with statistics gathered before (a loaded agent's).
    public init(statistics: RunningMeanStandardDeviation, clip: Float = 10, epsilon: Double = 1e-8) {
        self.statistics = statistics
        self.clip = clip
        self.epsilon = epsilon
    }

    /// Updates the statistics with `rows` observations (row after row), when not frozen.
    public mutating func update(_ observations: UnsafeBufferPointer<Float>, rows: Int) {
        statistics.update(observations, rows: rows)
    }

    /// Updates the statistics with observations given row after row.
    public mutating func update(_ observations: [Float]) {
        statistics.update(observations)
    }

    /// Normalises `rows` observations in place.
    public func normalize(_ observations: UnsafeMutableBufferPointer<Float>, rows: Int) {
        let dimension = statistics.dimension
        for component in 0..<dimension {
            let mean = statistics.mean[component]
            let scale = 1 / (statistics.variance[component] + epsilon).squareRoot()
            for row in 0..<rows {
                let index = row * dimension + component
                let value = Float((Double(observations[index]) - mean) * scale)
                observations[index] = min(clip, max(-clip, value))
            }
        }
    }

    /// The normalised copy of observations given row after row.
    public func normalized(_ observations: [Float]) -> [Float] {
        var copy = observations
        copy.withUnsafeMutableBufferPointer { normalize($0, rows: observations.count / max(1, statistics.dimension)) }
        return copy
    }
}
