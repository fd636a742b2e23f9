@testable import RLCore
import Testing

/// The automatic threading policy's decisions, fed with batch times made up for the purpose.
@Suite("ShareTuner")
struct ShareTunerTests {
    /// Records `count` batches of `each` microseconds ending at `now` (nanoseconds).
    func record(_ tuner: inout ShareTuner, _ count: Int, of each: Int64, at now: Int64) {
        for _ in 0..<count { tuner.record(each * 1_000, at: now) }
    }

    let second: Int64 = 1_000_000_000

    @Test("splits when a share of the batch has the minimum work and the split batches are faster")
    func keepsAFasterSplit() {
        let policy = VectorThreading(threadCount: 2, minimumShareWork: .microseconds(10))
        var tuner = ShareTuner(threading: policy, copyCount: 64)
        let start = ShareTuner.now()
        #expect(tuner.shares == 1)
        record(&tuner, 16, of: 100, at: start)
        #expect(tuner.shares == 8)                          // min(64 copies, 2 × 4, 100 µs ÷ 10 µs): a trial
        record(&tuner, 16, of: 60, at: start)
        #expect(tuner.shares == 8)                          // 60 µs < 0.9 × 100 µs: kept
        record(&tuner, 16, of: 70, at: start + second / 2)  // still paying
        #expect(tuner.shares == 8)
        record(&tuner, 1, of: 60, at: start + second)
        #expect(tuner.shares == 1)                          // the review: measuring on one thread again
        #expect(tuner.backoff == second)
    }

    @Test("goes back to one thread as soon as a run of split batches stops paying")
    func dropsASplitThatStopsPaying() {
        let policy = VectorThreading(threadCount: 2, minimumShareWork: .microseconds(10))
        var tuner = ShareTuner(threading: policy, copyCount: 64)
        let start = ShareTuner.now()
        record(&tuner, 16, of: 100, at: start)
        record(&tuner, 16, of: 60, at: start)
        #expect(tuner.shares == 8)
        record(&tuner, 15, of: 95, at: start + 1_000)       // the machine got busy
        #expect(tuner.shares == 8)
        record(&tuner, 1, of: 95, at: start + 2_000)        // a run of 16 that does not pay
        #expect(tuner.shares == 1)
        #expect(tuner.backoff == 2 * second)                // and the next trial waits longer
    }

    @Test("stays on one thread when splitting does not pay, and tries again later and later")
    func backsOff() {
        let policy = VectorThreading(threadCount: 2, minimumShareWork: .microseconds(10))
        var tuner = ShareTuner(threading: policy, copyCount: 64)
        var now = ShareTuner.now()
        for expectedBackoff: Int64 in [2, 4, 8, 16, 32, 64, 64] {
            record(&tuner, 16, of: 100, at: now)
            #expect(tuner.shares == 8)
            record(&tuner, 16, of: 95, at: now)                 // not a tenth faster
            #expect(tuner.shares == 1)
            #expect(tuner.backoff == expectedBackoff * second)
            now += expectedBackoff / 2 * second                 // the wait before this trial
            record(&tuner, 1, of: 100, at: now - 1)
            #expect(tuner.shares == 1 && tuner.timesBatches)
            record(&tuner, 1, of: 100, at: now)                 // due: measuring again
        }
    }

    @Test("batches too small to share stay on one thread for good, without timing")
    func tooLittleWork() {
        var tuner = ShareTuner(threading: VectorThreading(threadCount: 2, minimumShareWork: .microseconds(10)), copyCount: 64)
        record(&tuner, 16, of: 15, at: ShareTuner.now())
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
