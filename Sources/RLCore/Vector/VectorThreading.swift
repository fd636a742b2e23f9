import Foundation

/// How a ``VectorEnvironment`` spreads its copies over threads: at most ``threadCount``
/// contiguous shares of the batch, each run on its own thread (the caller's thread runs the
/// first), and only as many as have at least ``minimumShareWork`` of stepping each.
///
/// Handing a share to another thread costs about a microsecond even when the worker is
/// spinning, ready (and far more when it has gone to sleep), so a batch is split only when a
/// share's work pays for that. Under ``automatic`` a vector times its first
/// ``calibrationBatches`` steps on the calling thread alone, takes the fastest as the work of
/// a batch, and from then on uses `min(threadCount, copies, work ÷ minimumShareWork)` shares
/// (at least one). Worker threads are started only when a batch is first split.
///
/// The split never changes results: copies are independent, so a vector gives the same
/// observations, rewards and episodes bit for bit whatever its threading.
public struct VectorThreading: Equatable, Sendable, CustomStringConvertible {
    /// The most threads a batch is split across, the caller's included (≥ 1; 1 is synchronous).
    public var threadCount: Int
    /// The least stepping work a share must have before a batch is split; `.zero` always splits
    /// into ``threadCount`` shares (at most one per copy).
    public var minimumShareWork: Duration

    /// A policy of at most `threadCount` threads whose shares each have at least
    /// `minimumShareWork` of work.
    ///
    /// - Parameters:
    ///   - threadCount: the most threads, the caller's included; a vector refuses values below 1.
    ///   - minimumShareWork: the least work per share (default ``measuredCrossover``); a vector
    ///     refuses negative durations.
    public init(threadCount: Int, minimumShareWork: Duration = Self.measuredCrossover) {
        self.threadCount = threadCount
        self.minimumShareWork = minimumShareWork
    }

    /// The share work above which splitting a batch in two beat stepping it on one thread,
    /// measured with the vector benchmarks (`Benchmarks/`, VectorBenchmarks) on a 2-core
    /// AMD EPYC (Zen 4): CartPole broke even at 128 copies a batch and a costlier environment
    /// at an equal amount of work (see the README's speed table).
    public static let measuredCrossover: Duration = .microseconds(3)

    /// The number of steps a vector under an automatic policy times on the calling thread
    /// before it decides how to split its batches.
    public static let calibrationBatches = 16

    /// One thread, the caller's: every batch is stepped copy after copy.
    public static let synchronous = VectorThreading(threadCount: 1, minimumShareWork: .zero)

    /// As many threads as the machine has active processors, each share with at least
    /// ``measuredCrossover`` of work: the default.
    public static var automatic: VectorThreading {
        VectorThreading(threadCount: ProcessInfo.processInfo.activeProcessorCount)
    }

    /// Always `count` shares (fewer only when there are fewer copies), however little work
    /// each has: for measuring the hand-off, and for tests.
    public static func threads(_ count: Int) -> VectorThreading {
        VectorThreading(threadCount: count, minimumShareWork: .zero)
    }

    /// Whether the policy needs the work of a batch to decide (it may split, but not always).
    var needsCalibration: Bool { threadCount > 1 && minimumShareWork > .zero }

    /// The number of shares for a batch of `copyCount` copies whose stepping takes `batchWork`
    /// on one thread (ignored when the policy needs no calibration).
    @usableFromInline
    func shareCount(copyCount: Int, batchWork: Duration) -> Int {
        let most = max(1, min(threadCount, copyCount))
        guard needsCalibration else { return most }
        let affordable = batchWork / minimumShareWork
        guard affordable.isFinite else { return most }
        return max(1, min(most, Int(affordable)))
    }

    public var description: String {
        if threadCount <= 1 { return "synchronous" }
        if minimumShareWork == .zero { return "\(threadCount) threads, always split" }
        return "up to \(threadCount) threads, shares of at least \(minimumShareWork)"
    }
}
