/// Chooses, batch after batch, how many shares a ``VectorEnvironment`` cuts its batches into,
/// following its ``VectorThreading`` policy: fixed for a synchronous or always-split policy,
/// measured for an automatic one.
///
/// An automatic policy first times ``VectorThreading/calibrationBatches`` batches on the calling
/// thread. If a share of the fastest of them would have less than the minimum share work, the
/// vector stays synchronous for good. Otherwise it times as many batches split into shares and
/// keeps the split only if their mean time is at least a tenth below the synchronous mean: on
/// a machine whose cores are busy with other work the hand-off can cost milliseconds, and then
/// one thread is faster. It measures both again after ``VectorThreading/reviewInterval``, and
/// waits twice as long (up to ``VectorThreading/longestReviewInterval``) each time splitting
/// loses, so the trials cost little while it does.
@usableFromInline
struct ShareTuner {
    @usableFromInline
    enum Phase {
        /// The shares are fixed by the policy.
        case fixed(shares: Int)
        /// Timing batches on the calling thread: the work of a batch, and the synchronous mean.
        case measuringWork(batchesLeft: Int, fastest: Duration, total: Duration)
        /// Timing batches split into `shares`, against the synchronous mean just measured.
        case tryingSplit(shares: Int, batchesLeft: Int, total: Duration, synchronousMean: Duration)
        /// Stepping with `shares` until the next review.
        case settled(shares: Int, until: ContinuousClock.Instant)
    }

    let threading: VectorThreading
    let copyCount: Int
    @usableFromInline private(set) var phase: Phase
    /// How long to wait before trying to split again after splitting lost.
    private(set) var backoff: Duration

    init(threading: VectorThreading, copyCount: Int) {
        self.threading = threading
        self.copyCount = copyCount
        backoff = VectorThreading.reviewInterval
        phase = threading.needsCalibration && copyCount > 1
            ? Self.startMeasuring()
            : .fixed(shares: threading.shareCount(copyCount: copyCount, batchWork: .zero))
    }

    private static func startMeasuring() -> Phase {
        .measuringWork(batchesLeft: VectorThreading.calibrationBatches, fastest: .seconds(Int64.max), total: .zero)
    }

    /// The shares to cut the next batch into (1: on the calling thread alone).
    @usableFromInline
    var shares: Int {
        switch phase {
        case .fixed(let shares), .tryingSplit(let shares, _, _, _), .settled(let shares, _): shares
        case .measuringWork: 1
        }
    }

    /// Whether the tuner wants the times of the step batches (``record(_:at:)``).
    @usableFromInline
    var timesBatches: Bool {
        if case .fixed = phase { return false }
        return true
    }

    /// Takes the time of the batch just stepped with ``shares`` shares, ending at `now`.
    @usableFromInline
    mutating func record(_ elapsed: Duration, at now: ContinuousClock.Instant) {
        let trialLength = VectorThreading.calibrationBatches
        switch phase {
        case .fixed:
            return
        case .measuringWork(let batchesLeft, let fastest, let total):
            let (fastest, total) = (min(fastest, elapsed), total + elapsed)
            guard batchesLeft <= 1 else {
                phase = .measuringWork(batchesLeft: batchesLeft - 1, fastest: fastest, total: total)
                return
            }
            let candidate = threading.shareCount(copyCount: copyCount, batchWork: fastest)
            // Too little work to split: that does not change with the machine's load.
            phase = candidate < 2
                ? .fixed(shares: 1)
                : .tryingSplit(shares: candidate, batchesLeft: trialLength, total: .zero,
                               synchronousMean: total / trialLength)
        case .tryingSplit(let shares, let batchesLeft, let total, let synchronousMean):
            let total = total + elapsed
            guard batchesLeft <= 1 else {
                phase = .tryingSplit(shares: shares, batchesLeft: batchesLeft - 1, total: total,
                                     synchronousMean: synchronousMean)
                return
            }
            if total / trialLength < synchronousMean * 0.9 {
                phase = .settled(shares: shares, until: now + VectorThreading.reviewInterval)
                backoff = VectorThreading.reviewInterval
            } else {
                phase = .settled(shares: 1, until: now + backoff)
                backoff = min(backoff * 2, VectorThreading.longestReviewInterval)
            }
        case .settled(_, let until):
            if now >= until { phase = Self.startMeasuring() }
        }
    }
}
