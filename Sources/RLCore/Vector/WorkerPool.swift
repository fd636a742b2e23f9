import Foundation
import Synchronization

/// Persistent threads that run the shares of a batch beside the calling thread: the caller
/// runs share 0 and worker `k` runs share `k`, and ``run(shareCount:)`` returns once all are
/// done.
///
/// A round is started by one atomic store (the round number and its share count in one word,
/// so that a worker never mixes two rounds) and finished by an atomic countdown. Between rounds
/// a worker spins on that word for up to ``spinDuration``, so back-to-back batches are handed
/// over in well under a microsecond, and then sleeps on a condition, so that an idle vector
/// costs no processor time; waking a sleeping worker takes tens of microseconds.
///
/// The pool is not reentrant: one caller at a time.
@usableFromInline
final class WorkerPool: @unchecked Sendable {
    /// The number of worker threads, besides the caller.
    @usableFromInline let workerCount: Int

    /// How long an idle worker spins before it sleeps.
    static let spinDuration: Duration = .microseconds(200)

    /// What a worker runs for its share (its argument is the share number, 1...workerCount).
    /// The pool hands it to its threads itself; the caller vouches that shares do not race.
    private let job: (Int) -> Void

    // The round word: (round number << 16) | share count. Written by the caller only.
    private let roundWord = Atomic<Int>(0)
    private let unfinishedShares = Atomic<Int>(0)
    private let sleepingWorkers = Atomic<Int>(0)
    private let stopRequested = Atomic<Bool>(false)
    private let condition = NSCondition()
    private var liveWorkers = 0          // guarded by `condition`
    private var round = 0                // the caller's only

    /// Starts `workerCount` threads that run `job(k)` for share `k` of each round.
    ///
    /// `job` is called concurrently for different shares; it must touch only its share's data.
    @usableFromInline
    init(workerCount: Int, job: @escaping (Int) -> Void) {
        self.workerCount = max(0, workerCount)
        self.job = job
        liveWorkers = self.workerCount
        for share in stride(from: 1, through: self.workerCount, by: 1) {
            let thread = Thread { [self] in workerLoop(share: share) }
            thread.start()
        }
    }

    /// Runs `job(0)` on the calling thread and `job(1 ..< shareCount)` on the workers, and
    /// returns when every share is done (the shares' writes are then visible to the caller).
    ///
    /// `shareCount` is clamped to 1 ... `workerCount + 1`.
    @usableFromInline
    func run(shareCount requested: Int, caller: () -> Void) {
        let shareCount = max(1, min(requested, workerCount + 1))
        guard shareCount > 1 else { return caller() }
        unfinishedShares.store(shareCount - 1, ordering: .relaxed)
        round += 1
        // Sequentially consistent with the sleeper count below: either this store is seen by a
        // worker about to sleep, or that worker's count is seen here and it is woken.
        roundWord.store(round << 16 | shareCount, ordering: .sequentiallyConsistent)
        if sleepingWorkers.load(ordering: .sequentiallyConsistent) > 0 {
            condition.lock()
            condition.broadcast()
            condition.unlock()
        }
        caller()
        var spins = 0
        while unfinishedShares.load(ordering: .acquiring) != 0 {
            spins += 1
            // A worker that lost its processor (the machine is shared) gets it back sooner.
            if spins > 4_096 { sched_yield() }
        }
    }

    /// Ends the worker threads and waits until they have left; the pool cannot run again.
    func stop() {
        stopRequested.store(true, ordering: .sequentiallyConsistent)
        round += 1
        roundWord.store(round << 16, ordering: .sequentiallyConsistent)
        condition.lock()
        condition.broadcast()
        while liveWorkers > 0 { condition.wait() }
        condition.unlock()
    }

    // MARK: - Workers

    private func workerLoop(share: Int) {
        Self.prepareWorkerThread(share: share)
        var seen = 0
        while true {
            let word = nextRoundWord(after: seen)
            if stopRequested.load(ordering: .acquiring) { break }
            seen = word
            if share < word & 0xFFFF {
                job(share)
                unfinishedShares.subtract(1, ordering: .releasing)
            }
        }
        condition.lock()
        liveWorkers -= 1
        condition.broadcast()
        condition.unlock()
    }

    /// Waits for a round word other than `seen`: spinning first, then asleep.
    private func nextRoundWord(after seen: Int) -> Int {
        let clock = ContinuousClock()
        let deadline = clock.now + Self.spinDuration
        var spins = 0
        while true {
            let word = roundWord.load(ordering: .acquiring)
            if word != seen { return word }
            spins += 1
            // Reading the clock costs more than a load, so look at it only now and then.
            if spins & 255 == 0 && clock.now >= deadline { break }
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
    private static func prepareWorkerThread(share: Int) {
        // Named for debuggers and `top -H`. Foundation's `Thread.name` does not reach the
        // system on Linux, and glibc's pthread_setname_np is not visible to Swift there, so the
        // name is written where the kernel keeps it (15 characters at most).
        let name = "rl-vector-\(share)"
        #if canImport(Darwin)
        _ = pthread_setname_np(name)
        #else
        try? name.write(toFile: "/proc/thread-self/comm", atomically: false, encoding: .utf8)
        #endif
    }
}
