@testable import RLCore
import Testing

/// The automatic threading policy's decisions, fed with batch times made up for the purpose.
@Suite("ShareTuner")
struct ShareTunerTests {
    let clock = ContinuousClock()

    /// Records `count` batches of `each` ending at `now`.
    func record(_ tuner: inout ShareTuner, _ count: Int, of each: Duration, at now: ContinuousClock.Instant) {
        for _ in 0..<count { tuner.record(each, at: now) }
    }

    @Test("splits when a share of the batch has the minimum work and the split batches are faster")
    func keepsAFasterSplit() {
        let policy = VectorThreading(threadCount: 2, minimumShareWork: .microseconds(10))
        var tuner = ShareTuner(threading: policy, copyCount: 64)
        let start = clock.now
        #expect(tuner.shares == 1)
        record(&tuner, 16, of: .microseconds(100), at: start)
        #expect(tuner.shares == 8)                          // min(64 copies, 2 × 4, 100 µs ÷ 10 µs): a trial
        record(&tuner, 16, of: .microseconds(60), at: start)
        #expect(tuner.shares == 8)                          // 60 µs < 0.9 × 100 µs: kept
        tuner.record(.microseconds(60), at: start + .milliseconds(500))
        #expect(tuner.shares == 8)
        tuner.record(.microseconds(60), at: start + .seconds(1))
        #expect(tuner.shares == 1)                          // the review: measuring on one thread again
    }

    @Test("stays on one thread when splitting does not pay, and tries again later and later")
    func backsOff() {
        let policy = VectorThreading(threadCount: 2, minimumShareWork: .microseconds(10))
        var tuner = ShareTuner(threading: policy, copyCount: 64)
        var now = clock.now
        for expectedBackoff in [2, 4, 8, 16, 32, 64, 64] {
            record(&tuner, 16, of: .microseconds(100), at: now)
            #expect(tuner.shares == 8)
            record(&tuner, 16, of: .microseconds(95), at: now)   // not a tenth faster
            #expect(tuner.shares == 1)
            #expect(tuner.backoff == .seconds(expectedBackoff))
            now = now + .seconds(expectedBackoff / 2)           // the wait before this trial
            tuner.record(.microseconds(100), at: now - .milliseconds(1))
            #expect(tuner.shares == 1 && tuner.timesBatches)
            tuner.record(.microseconds(100), at: now)           // due: measuring again
        }
    }

    @Test("batches too small to share stay on one thread for good, without timing")
    func tooLittleWork() {
        var tuner = ShareTuner(threading: VectorThreading(threadCount: 2, minimumShareWork: .microseconds(10)), copyCount: 64)
        record(&tuner, 16, of: .microseconds(15), at: clock.now)
        #expect(tuner.shares == 1)
        #expect(!tuner.timesBatches)
    }

    @Test("fixed policies do not time: synchronous, always split, a single copy")
    func fixedPolicies() {
        for (policy, copies, shares) in [(VectorThreading.synchronous, 64, 1), (.threads(3), 64, 12), (.threads(3), 5, 5),
                                         (.automatic, 1, 1)] {
            let tuner = ShareTuner(threading: policy, copyCount: copies)
            #expect(tuner.shares == shares && !tuner.timesBatches, "\(policy), \(copies) copies")
        }
    }
}
