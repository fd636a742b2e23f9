import Foundation

/// Chooses, batch after batch, how many shares a ``VectorEnvironment`` cuts its batches into,
/// following its ``VectorThreading`` policy: fixed for a synchronous or always-split policy,
/// measured for an automatic one.
///
/// An automatic policy first times ``VectorThreading/calibrationBatches`` batches on the calling
/// thread. If a share of the fastest of them would have less than the minimum share work, the
/// vector stays synchronous for good. Otherwise it times as many batches split into shares and
/// keeps the split only if their mean time is at least a tenth below the synchronous mean: on
/// a machine whose cores are busy with other work the hand-off costs more than it saves, and
/// then one thread is faster. While it splits, it keeps timing: as soon as a run of as many
/// split batches is no longer a tenth faster than the synchronous mean, it goes back to one
/// thread. It measures both again after ``VectorThreading/reviewInterval``, and waits twice as
/// long (up to ``VectorThreading/longestReviewInterval``) each time splitting loses, so the
/// trials cost little while it does.
///
/// Times are whole nanoseconds of the monotonic clock: the tuner is read on every batch, and
/// the standard library's clock instants have a layout only known at run time, which would make
/// every read of the vector's state go through type metadata.
@usableFromInline
struct ShareTuner {
    @usableFromInline
    enum Phase {
        /// The shares are fixed by the policy.
        case fixed
        /// Timing batches on the calling thread: the work of a batch, and the synchronous mean.
        case measuringWork(batchesLeft: Int, fastest: Int64, total: Int64)
        /// Timing batches split into ``shares``, against the synchronous mean just measured.
        case tryingSplit(batchesLeft: Int, total: Int64, synchronousMean: Int64)
        /// Splitting until the next review (a time in nanoseconds), timing runs of batches
        /// against the synchronous mean.
        case splitting(until: Int64, batchesLeft: Int, total: Int64, synchronousMean: Int64)
        /// On one thread until the next review, a time in nanoseconds.
        case waiting(until: Int64)
    }

    /// The shares to cut the next batch into (1: on the calling thread alone).
    @usableFromInline private(set) var shares: Int
    /// Whether the tuner wants the times of the step batches (``record(_:at:)``).
    @usableFromInline private(set) var timesBatches: Bool
    private(set) var phase: Phase
    /// How long to wait before trying to split again after splitting lost, in nanoseconds.
    private(set) var backoff: Int64
    /// The policy's figures: the most threads, the least work per share in nanoseconds.
    private let threadCount: Int
    private let minimumShareWork: Int64
    private let copyCount: Int

    init(threading: VectorThreading, copyCount: Int) {
        threadCount = threading.threadCount
        minimumShareWork = Self.nanoseconds(threading.minimumShareWork)
        self.copyCount = copyCount
        backoff = Self.nanoseconds(VectorThreading.reviewInterval)
        if threading.needsCalibration && copyCount > 1 {
            (shares, timesBatches, phase) = (1, true, Self.startMeasuring())
        } else {
            (shares, timesBatches, phase) = (threading.shareCount(copyCount: copyCount, batchWork: .zero), false, .fixed)
        }
    }

    /// The monotonic clock, in nanoseconds.
    @usableFromInline
    static func now() -> Int64 {
        var time = timespec()
        clock_gettime(CLOCK_MONOTONIC, &time)
        return Int64(time.tv_sec) * 1_000_000_000 + Int64(time.tv_nsec)
    }

    static func nanoseconds(_ duration: Duration) -> Int64 {
        let (seconds, attoseconds) = duration.components
        let (whole, overflow) = seconds.multipliedReportingOverflow(by: 1_000_000_000)
        return overflow ? (seconds < 0 ? .min : .max) : whole &+ attoseconds / 1_000_000_000
    }

    private static func startMeasuring() -> Phase {
        .measuringWork(batchesLeft: VectorThreading.calibrationBatches, fastest: .max, total: 0)
    }

    /// Takes the time of the batch just stepped with ``shares`` shares, `elapsed` nanoseconds
    /// ending at `now` (the monotonic clock).
    @usableFromInline
    mutating func record(_ elapsed: Int64, at now: Int64) {
        let trialLength = Int64(VectorThreading.calibrationBatches)
        switch phase {
        case .fixed:
            return
        case .measuringWork(let batchesLeft, let fastest, let total):
            let (fastest, total) = (min(fastest, elapsed), total &+ elapsed)
            guard batchesLeft <= 1 else {
                phase = .measuringWork(batchesLeft: batchesLeft - 1, fastest: fastest, total: total)
                return
            }
            let candidate = Self.shareCount(copyCount: copyCount, threadCount: threadCount,
                                            batchWork: fastest, minimumShareWork: minimumShareWork)
            if candidate < 2 {
                // Too little work to split: that does not change with the machine's load.
                (shares, timesBatches, phase) = (1, false, .fixed)
            } else {
                shares = candidate
                phase = .tryingSplit(batchesLeft: Int(trialLength), total: 0, synchronousMean: total / trialLength)
            }
        case .tryingSplit(let batchesLeft, let total, let synchronousMean):
            let total = total &+ elapsed
            guard batchesLeft <= 1 else {
                phase = .tryingSplit(batchesLeft: batchesLeft - 1, total: total, synchronousMean: synchronousMean)
                return
            }
            if Self.pays(total / trialLength, against: synchronousMean) {
                backoff = Self.nanoseconds(VectorThreading.reviewInterval)
                phase = .splitting(until: now &+ backoff, batchesLeft: Int(trialLength), total: 0,
                                   synchronousMean: synchronousMean)
            } else {
                stopSplitting(at: now)
            }
        case .splitting(let until, let batchesLeft, let total, let synchronousMean):
            let total = total &+ elapsed
            if now >= until {
                shares = 1
                phase = Self.startMeasuring()
            } else if batchesLeft > 1 {
                phase = .splitting(until: until, batchesLeft: batchesLeft - 1, total: total,
                                   synchronousMean: synchronousMean)
            } else if Self.pays(total / trialLength, against: synchronousMean) {
                phase = .splitting(until: until, batchesLeft: Int(trialLength), total: 0,
                                   synchronousMean: synchronousMean)
            } else {
                stopSplitting(at: now)
            }
        case .waiting(let until):
            if now >= until { phase = Self.startMeasuring() }
        }
    }

    /// Whether split batches of mean `splitMean` beat synchronous ones of `synchronousMean` by
    /// at least a tenth.
    private static func pays(_ splitMean: Int64, against synchronousMean: Int64) -> Bool {
        splitMean < synchronousMean - synchronousMean / 10
    }

    /// Goes back to one thread until the backoff is over, and doubles the backoff.
    private mutating func stopSplitting(at now: Int64) {
        shares = 1
        phase = .waiting(until: now &+ backoff)
        backoff = min(backoff &* 2, Self.nanoseconds(VectorThreading.longestReviewInterval))
    }

    /// `min(copies, sharesPerThread × threads, work ÷ minimum share work)`, or 1 below 2.
    static func shareCount(copyCount: Int, threadCount: Int, batchWork: Int64, minimumShareWork: Int64) -> Int {
        let most = max(1, min(copyCount, threadCount * VectorThreading.sharesPerThread))
        let affordable = minimumShareWork > 0 ? batchWork / minimumShareWork : Int64(most)
        let shares = Int(min(Int64(most), max(0, affordable)))
        return shares >= 2 ? shares : 1
    }
}
