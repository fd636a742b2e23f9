import FloatingPointMode
import Foundation
import Synchronization

/// Persistent threads that help the calling thread run the shares of a batch: ``run(shareCount:assigned:)``
/// runs shares `0 ..< shareCount` on the caller and the workers and returns once all are done.
///
/// Shares are normally claimed from one atomic counter, one at a time, so a worker that is late
/// (it was asleep, or the machine is busy and it has no processor) leaves its shares to the
/// others: at worst the caller runs them all, as a synchronous vector would. The share count
/// and the next share sit in one atomic word, so a worker never mixes two rounds. Assigned
/// shares instead go to the threads in turn (share `k` to thread `k mod threads`, the caller
/// being thread 0), so that every thread steps part of every batch.
///
/// Between rounds a worker spins for up to ``spinDuration`` (yielding the processor on every turn
/// after the first microsecond, so that it never holds up a caller waiting for the same core),
/// so back-to-back batches are handed over within a microsecond, and then sleeps on a
/// condition, so that an idle vector costs no processor time; a sleeping worker takes tens of
/// microseconds to wake. The caller, waiting for the last shares, yields too. The pool is not
/// reentrant: one caller at a time.
@usableFromInline
final class WorkerPool: @unchecked Sendable {
    /// The number of worker threads, besides the caller.
    @usableFromInline let workerCount: Int

    /// How long an idle worker spins before it sleeps.
    static let spinDuration: Duration = .microseconds(200)

    /// What runs share `k` (any thread may run any share). The pool hands it to its threads
    /// itself; the caller vouches that shares do not race.
    private let job: (Int) -> Void

    // (share count << 32) | the next unclaimed share, in a round whose shares are claimed.
    private let claims = Atomic<Int>(0)
    private let finishedShares = Atomic<Int>(0)
    // (round number << 32) | the share count of a round whose shares are assigned (0 when they
    // are claimed). A new value starts a round (or stops the pool); a worker runs the assigned
    // shares of exactly the round whose word it read, so never twice.
    private let roundWord = Atomic<Int>(0)
    private let sleepingWorkers = Atomic<Int>(0)
    private let stopRequested = Atomic<Bool>(false)
    private let condition = NSCondition()
    private var liveWorkers = 0          // guarded by `condition`
    private var round = 0                // the caller's only

    /// Starts `workerCount` threads that help run the shares of each round.
    ///
    /// `job` is called concurrently for different shares; it must touch only its share's data.
    @usableFromInline
    init(workerCount: Int, job: @escaping (Int) -> Void) {
        self.workerCount = max(0, workerCount)
        self.job = job
        liveWorkers = self.workerCount
        for worker in stride(from: 1, through: self.workerCount, by: 1) {
            let thread = Thread { [self] in workerLoop(worker: worker) }
            thread.start()
        }
    }

    /// Runs `job(k)` for every share `k` in `0 ..< shareCount`, on the calling thread and the
    /// workers, and returns when all are done (their writes are then visible to the caller).
    ///
    /// - Parameter assigned: whether share `k` goes to thread `k mod (workerCount + 1)` instead
    ///   of whichever thread claims it first.
    @usableFromInline
    func run(shareCount: Int, assigned: Bool) {
        guard shareCount > 1 && workerCount > 0 else {
            for share in 0..<max(0, shareCount) { job(share) }
            return
        }
        finishedShares.store(0, ordering: .relaxed)
        // Releasing: a worker that claims a share of this round sees what the caller wrote for it.
        claims.store(assigned ? 0 : shareCount << 32, ordering: .releasing)
        round += 1
        // Sequentially consistent with the sleeper count below: either this store is seen by a
        // worker about to sleep, or that worker's count is seen here and it is woken.
        roundWord.store(round << 32 | (assigned ? shareCount : 0), ordering: .sequentiallyConsistent)
        if sleepingWorkers.load(ordering: .sequentiallyConsistent) > 0 {
            condition.lock()
            condition.broadcast()
            condition.unlock()
        }
        runShares(thread: 0, assignedShareCount: assigned ? shareCount : 0)
        var spins = 0
        while finishedShares.load(ordering: .acquiring) < shareCount {
            spins += 1
            // A worker that lost its processor mid-share (the machine is shared) gets it back sooner.
            if spins > 256 { sched_yield() }
        }
    }

    /// Runs this thread's shares of the current round: its assigned ones, or those it claims
    /// until none is left.
    private func runShares(thread: Int, assignedShareCount: Int) {
        if assignedShareCount > 0 {
            for share in stride(from: thread, to: assignedShareCount, by: workerCount + 1) {
                job(share)
                finishedShares.add(1, ordering: .releasing)
            }
            return
        }
        while true {
            let word = claims.wrappingAdd(1, ordering: .acquiringAndReleasing).oldValue
            let (shareCount, share) = (word >> 32, word & 0xFFFF_FFFF)
            guard share < shareCount else { return }
            job(share)
            finishedShares.add(1, ordering: .releasing)
        }
    }

    /// Ends the worker threads and waits until they have left; the pool cannot run again.
    func stop() {
        stopRequested.store(true, ordering: .sequentiallyConsistent)
        round += 1
        roundWord.store(round << 32, ordering: .sequentiallyConsistent)
        condition.lock()
        condition.broadcast()
        while liveWorkers > 0 { condition.wait() }
        condition.unlock()
    }

    // MARK: - Workers

    private func workerLoop(worker: Int) {
        Self.prepareWorkerThread(worker: worker)
        var seen = 0
        while true {
            seen = nextRound(after: seen)
            if stopRequested.load(ordering: .acquiring) { break }
            runShares(thread: worker, assignedShareCount: seen & 0xFFFF_FFFF)
        }
        condition.lock()
        liveWorkers -= 1
        condition.broadcast()
        condition.unlock()
    }

    /// Waits for a round word other than `seen`: spinning first, then asleep.
    private func nextRound(after seen: Int) -> Int {
        let clock = ContinuousClock()
        let deadline = clock.now + Self.spinDuration
        var spins = 0
        while true {
            let word = roundWord.load(ordering: .acquiring)
            if word != seen { return word }
            spins += 1
            guard spins > 256 else { continue }
            // After a microsecond or so, give the processor away on every turn: when the machine
            // is busy, the caller may be waiting for this very core, and a worker that kept
            // spinning on it would hold the batch up until the end of its spin.
            sched_yield()
            // Reading the clock costs more than a load, so look at it only now and then.
            if spins & 15 == 0 && clock.now >= deadline { break }
        }
        condition.lock()
        sleepingWorkers.add(1, ordering: .sequentiallyConsistent)
        var word = roundWord.load(ordering: .sequentiallyConsistent)
        while word == seen {
            condition.wait()
            word = roundWord.load(ordering: .sequentiallyConsistent)
        }
        sleepingWorkers.subtract(1, ordering: .sequentiallyConsistent)
        condition.unlock()
        return word
    }

    // MARK: - Worker thread start

    /// Runs first on every worker thread, before its first share: the one place for the
    /// per-thread setup every computing thread needs (floating-point modes such as
    /// flush-to-zero belong here).
    private static func prepareWorkerThread(worker: Int) {
        // Environments compute on this thread: subnormals flushed, as on every computing thread.
        DenormalMode.applyPolicy()
        // Named for debuggers and `top -H`. Foundation's `Thread.name` does not reach the
        // system on Linux, and glibc's pthread_setname_np is not visible to Swift there, so the
        // name is written where the kernel keeps it (15 characters at most).
        let name = "rl-vector-\(worker)"
        #if canImport(Darwin)
        _ = pthread_setname_np(name)
        #else
        try? name.write(toFile: "/proc/thread-self/comm", atomically: false, encoding: .utf8)
        #endif
    }
}
