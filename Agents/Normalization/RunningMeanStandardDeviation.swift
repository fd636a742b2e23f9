/// A running mean and variance of vectors, updated a batch at a time with Chan et al.'s parallel
/// formula (Stable-Baselines3's `RunningMeanStd`):
///
///     δ = batchMean − mean,  n' = n + m
///     mean' = mean + δ · m / n'
///     M2'   = var · n + batchVar · m + δ² · n · m / n'
///     var'  = M2' / n'
///
/// Kept in `Double` so that millions of updates do not drift. Starts as SB3's does: mean 0,
/// variance 1, count 1e-4.
public struct RunningMeanStandardDeviation: Codable, Equatable, Sendable {
    /// The running mean of each component.
    public private(set) var mean: [Double]
    /// The running (population) variance of each component.
    public private(set) var variance: [Double]
    /// The number of vectors seen (plus the initial 1e-4).
    public private(set) var count: Double

    /// Statistics of vectors of `dimension` components, before any update.
    public init(dimension: Int) {
        mean = [Double](repeating: 0, count: dimension)
        variance = [Double](repeating: 1, count: dimension)
        count = 1e-4
    }

    /// Statistics as saved: means, variances and the count (as ``mean``, ``variance``, ``count``).
    public init(mean: [Double], variance: [Double], count: Double) {
        self.mean = mean
        self.variance = variance
        self.count = count
    }

    /// The number of components.
    public var dimension: Int { mean.count }

    /// Adds a batch of `rows` vectors, stored row after row in `batch`.
    public mutating func update(_ batch: UnsafeBufferPointer<Float>, rows: Int) {
        guard rows > 0 else { return }
        let m = Double(rows)
        let total = count + m
        for component in 0..<dimension {
            var sum = 0.0
            for row in 0..<rows { sum += Double(batch[row * dimension + component]) }
            let batchMean = sum / m
            var squares = 0.0
            for row in 0..<rows {
                let deviation = Double(batch[row * dimension + component]) - batchMean
                squares += deviation * deviation
            }
            let batchVariance = squares / m
            let delta = batchMean - mean[component]
            let m2 = variance[component] * count + batchVariance * m + delta * delta * count * m / total
            mean[component] += delta * m / total
            variance[component] = m2 / total
        }
        count = total
    }

    /// Adds a batch given as an array of rows, row after row.
    public mutating func update(_ batch: [Float]) {
        batch.withUnsafeBufferPointer { update($0, rows: batch.count / max(1, dimension)) }
    }
}
