import Foundation

/// How a ``VectorEnvironment`` spreads its copies over threads: each batch is cut into
/// contiguous shares that up to ``threadCount`` threads (the caller's and persistent workers)
/// claim one at a time, each share having at least ``minimumShareWork`` of stepping.
///
/// Handing a share to another thread costs about a microsecond when the worker is spinning,
/// ready, tens of microseconds when it has gone to sleep, and milliseconds when the machine's
/// cores are busy with other programs, so a batch is split only where that pays. Under
/// ``automatic`` a vector times its first ``calibrationBatches`` steps on the calling thread;
/// when a share of the fastest would have less than ``minimumShareWork`` (at most
/// `min(copies, sharesPerThread × threadCount, work ÷ minimumShareWork)` shares, and at least
/// 2), it stays on one thread for good. Otherwise it times as many split batches and splits
/// only while runs of split batches stay a tenth faster on average than one thread; it measures
/// both again every ``reviewInterval`` (waiting twice as long, up to ``longestReviewInterval``,
/// each time splitting lost). Worker
/// threads are started only when a batch is first split. Shares are claimed rather than
/// assigned, so a thread that is late leaves its shares to the others.
///
/// The split never changes results: copies are independent, so a vector gives the same
/// observations, rewards and episodes bit for bit whatever its threading.
public struct VectorThreading: Equatable, Sendable, CustomStringConvertible {
    /// The most threads that step a batch, the caller's included (≥ 1; 1 is synchronous).
    public var threadCount: Int
    /// The least stepping work a share must have; `.zero` always cuts a batch into
    /// `sharesPerThread × threadCount` shares (at most one per copy), assigned to the threads in
    /// turn so that every thread steps part of every batch.
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

    /// The least work per share, from the vector benchmarks (`Benchmarks/`, VectorBenchmarks) on
    /// a 2-core AMD EPYC (Zen 4) shared with other work: when the second core was free, a
    /// CartPole integrated in 20 substeps split across two threads was faster from 2 copies on
    /// (1.2 µs of work a batch), and the best split batch of 1,024 CartPole copies was 1.55
    /// times faster; when it was not, handing over cost 3.5 to 4 µs a batch. So a batch is split
    /// only when each share gets at least 1 µs, and the automatic policy measures whether
    /// splitting pays on the machine as it is.
    public static let measuredCrossover: Duration = .microseconds(1)

    /// The number of batches an automatic policy times on one thread, and then split, before
    /// it decides.
    public static let calibrationBatches = 16

    /// How often an automatic policy that splits measures both ways again.
    public static let reviewInterval: Duration = .seconds(1)

    /// The longest an automatic policy waits before trying to split again after splitting lost.
    public static let longestReviewInterval: Duration = .seconds(64)

    /// The most shares per thread: more, smaller shares let the threads that are running make
    /// up for one that is late.
    public static let sharesPerThread = 4

    /// One thread, the caller's: every batch is stepped copy after copy.
    public static let synchronous = VectorThreading(threadCount: 1, minimumShareWork: .zero)

    /// As many threads as the machine has active processors, each share with at least
    /// ``measuredCrossover`` of work: the default.
    public static var automatic: VectorThreading {
        VectorThreading(threadCount: ProcessInfo.processInfo.activeProcessorCount)
    }

    /// Always `count` threads, with `sharesPerThread` shares each (fewer only when there are
    /// fewer copies) assigned in turn, however little work each share has: for measuring the
    /// hand-off, and for tests of thread safety.
    public static func threads(_ count: Int) -> VectorThreading {
        VectorThreading(threadCount: count, minimumShareWork: .zero)
    }

    /// Whether the policy needs the work of a batch to decide (it may split, but not always).
    var needsCalibration: Bool { threadCount > 1 && minimumShareWork > .zero }

    /// The most shares a batch of `copyCount` copies is ever cut into.
    func shareCapacity(copyCount: Int) -> Int {
        threadCount > 1 ? max(1, min(copyCount, threadCount * Self.sharesPerThread)) : 1
    }

    /// The number of shares for a batch of `copyCount` copies whose stepping takes `batchWork`
    /// on one thread (ignored when the policy needs no calibration); 1 means synchronous.
    func shareCount(copyCount: Int, batchWork: Duration) -> Int {
        let most = shareCapacity(copyCount: copyCount)
        guard needsCalibration else { return most }
        return ShareTuner.shareCount(copyCount: copyCount, threadCount: threadCount,
                                     batchWork: ShareTuner.nanoseconds(batchWork),
                                     minimumShareWork: ShareTuner.nanoseconds(minimumShareWork))
    }

    public var description: String {
        if threadCount <= 1 { return "synchronous" }
        if minimumShareWork == .zero { return "\(threadCount) threads, always split" }
        return "up to \(threadCount) threads, shares of at least \(minimumShareWork)"
    }
}
