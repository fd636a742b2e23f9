import Foundation
import FloatingPointMode

/// N copies of an environment stepped as one batch, with observations, rewards and episode
/// ends in contiguous buffers (row `i` for copy `i`): Gymnasium's `SyncVectorEnv`, optionally
/// spread over threads.
///
/// ```swift
/// let vector = try VectorEnvironment(copies: 8) { _ in TimeLimit(CartPole(), maxEpisodeSteps: 500) }
/// vector.reset(seed: 42)                          // copy i is reset with seed 42 + i
/// try vector.step(actionIndices: [0, 1, 1, 0, 1, 0, 0, 1])
/// vector.observations                             // 8 × 4 floats, row-major
/// vector.rewards; vector.terminated; vector.truncated
/// ```
///
/// Any ``Environment`` can be vectorised, a user's as well as the built-in ones; the registry
/// makes vectors of registered environments by id, each copy with its time limit
/// (``EnvironmentRegistry/makeVector(_:copies:options:autoreset:threading:)``). Agents that do
/// not know the environment's type hold a vector as `any` ``BatchedEnvironment``, whose
/// surface is buffers; that protocol lists them.
///
/// ## Actions
///
/// A batch of actions is applied whole or not at all: its size and every action are checked
/// before any copy steps. A finite action space takes one index per copy
/// (``step(actionIndices:)``, the position in the space: ``Space/element(atIndex:)``); a ``Box``
/// takes one row of floats per copy (``step(actionRows:)``, ``Space/unflatten(_:)-(UnsafeBufferPointer<Float>)``),
/// which must lie within the bounds.
///
/// ## Seeding
///
/// As Gymnasium: `reset(seed: s)` resets copy `i` with seed `s + i`; `reset(seed: nil)`
/// continues each copy's random stream. The same seed and actions give the same batches on
/// any number of threads.
///
/// ## Autoreset
///
/// ``AutoresetMode/nextStep`` (the default, as Gymnasium 1.x): the step that ends a copy's
/// episode reports its last observation with `terminated` or `truncated` set; the next step
/// resets that copy instead of stepping it (its action is ignored) and reports the new first
/// observation with reward 0 and both flags false. ``AutoresetMode/sameStep``: the step that
/// ends an episode resets the copy at once, reports the ended episode's reward and flags with
/// the new first observation, and keeps the ended episode's last observation in
/// ``finalObservations`` (flagged in ``hasFinalObservation``), for bootstrapping through a
/// truncation as Stable-Baselines3's `terminal_observation`.
///
/// ## Episode statistics
///
/// Per copy: the running episode's return and length (``episodeReturns``,
/// ``episodeLengths``), the episode finished on the last step (``finishedEpisode(copy:)``) and
/// the last one finished (``lastEpisode(copy:)``) as ``EpisodeRecord``s, with success for
/// tasks that have a goal; overall, ``completedEpisodes`` and ``totalSteps``. A `reset`
/// abandons running episodes without recording them.
///
/// ## Threads
///
/// ``VectorThreading`` decides into how many contiguous shares a batch is cut and how many
/// threads (the caller's and persistent workers) claim them. The default,
/// ``VectorThreading/automatic``, splits only when a share's work pays for the hand-off.
///
/// ## Memory and speed
///
/// Every buffer is allocated once, when the vector is made, and keeps its address; stepping
/// allocates nothing unless the environment does. The stepping code is inlinable, so a vector
/// of a concrete type is specialised for it in the caller's module; through
/// `any BatchedEnvironment` it runs the generic code, which is slower per step. A vector is
/// used from one thread at a time.
public final class VectorEnvironment<Copy: Environment>: BatchedEnvironment, @unchecked Sendable {
    /// The largest number of copies a vector takes.
    public static var maximumCopies: Int { 1 << 22 }

    /// The number of copies (≥ 1).
    public let copyCount: Int
    /// When copies whose episode ended are reset.
    public let autoresetMode: AutoresetMode
    /// How batches are spread over threads.
    public let threading: VectorThreading
    /// The observation space of every copy.
    public let observationSpace: Copy.ObservationSpace
    /// The action space of every copy.
    public let actionSpace: Copy.ActionSpace
    /// The floats in one observation row: the observation space's flattened count.
    public let observationWidth: Int
    /// How actions are given: indices for a finite action space, rows of floats otherwise.
    public let actionLayout: VectorActionLayout

    /// The number of shares the next batch is cut into (1: stepped on the calling thread alone):
    /// fixed by a synchronous or always-split policy; an automatic one's trial or decision.
    public var shareCount: Int { control.pointee.tuner.shares }

    @usableFromInline let copies: UnsafeMutablePointer<Copy>
    @usableFromInline let storage: VectorStorage
    /// Actions read from rows, checked before stepping (the rows path).
    @usableFromInline let rowActions: UnsafeMutablePointer<Copy.Action?>
    /// What each share of the current batch did, one slot per possible share.
    @usableFromInline let shareOutcomes: UnsafeMutablePointer<ShareOutcome>
    @usableFromInline let shareCapacity: Int
    /// Whether shares are assigned to the threads in turn rather than claimed: for a policy that
    /// always splits, so that every thread steps some copies (what a test of thread safety needs).
    @usableFromInline let assignsShares: Bool
    @usableFromInline let name: String
    /// The vector's changing state, in memory of its own: the class's stored `var`s would each
    /// cost a run-time exclusivity check per access, several per batch.
    @usableFromInline let control: UnsafeMutablePointer<Control>

    /// The state that changes from batch to batch.
    @usableFromInline
    struct Control {
        /// What the shares run in the current round.
        @usableFromInline var operation = Operation.reset(seed: nil)
        /// The shares of the current round.
        @usableFromInline var activeShareCount = 1
        /// Chooses the shares of each batch.
        @usableFromInline var tuner: ShareTuner
        /// The worker threads, started on the first split batch.
        @usableFromInline var pool: WorkerPool?
        @usableFromInline var state = ReadyState.neverReset
        @usableFromInline var completedEpisodes = 0
        @usableFromInline var totalSteps = 0

        init(tuner: ShareTuner) {
            self.tuner = tuner
        }
    }

    /// What the shares run in the current round.
    @usableFromInline
    enum Operation {
        case reset(seed: UInt64?)
        case stepIndices(UnsafeBufferPointer<Int>)
        case stepRowActions
    }

    /// Whether the vector can step.
    @usableFromInline
    enum ReadyState {
        case neverReset, ready, failed
    }

    /// What one share did: environment steps, finished episodes, and the first copy that threw.
    @usableFromInline
    struct ShareOutcome {
        @usableFromInline var steps = 0
        @usableFromInline var episodes = 0
        @usableFromInline var failedCopy = -1
        @usableFromInline var failure: (any Error)?

        @inlinable init() {}
    }

    // MARK: - Making

    /// Makes `copies` copies with `make(i)` for copy `i`, not yet reset.
    ///
    /// Each call of `make` must return a new, independent environment (not one instance shared
    /// by reference), and all must have the same spaces.
    ///
    /// - Parameters:
    ///   - copies: the number of copies, 1 ... ``maximumCopies``.
    ///   - autoreset: when ended episodes are reset (default ``AutoresetMode/nextStep``).
    ///   - threading: how batches are spread over threads (default ``VectorThreading/automatic``).
    ///   - make: makes copy `i`, for `i` in `0 ..< copies`.
    /// - Throws: ``EnvironmentError/invalidVector(_:)`` for a copy count or thread count out of
    ///   range or copies whose spaces differ; whatever `make` throws.
    public init(copies: Int, autoreset: AutoresetMode = .nextStep, threading: VectorThreading = .automatic,
                make: (Int) throws -> Copy) throws {
        let name = "VectorEnvironment<\(Copy.self)>"
        guard copies >= 1, copies <= Self.maximumCopies else {
            throw EnvironmentError.invalidVector(
                "\(name): the number of copies must be from 1 to \(Self.maximumCopies), got \(copies)")
        }
        guard threading.threadCount >= 1 else {
            throw EnvironmentError.invalidVector("\(name): the thread count must be at least 1, got \(threading.threadCount)")
        }
        guard threading.minimumShareWork >= .zero else {
            throw EnvironmentError.invalidVector("\(name): the minimum share work must not be negative, got \(threading.minimumShareWork)")
        }
        var made: [Copy] = []
        made.reserveCapacity(copies)
        for index in 0..<copies { made.append(try make(index)) }
        let first = made[0]
        let (observationText, actionText) = ("\(first.observationSpace)", "\(first.actionSpace)")
        for (index, copy) in made.enumerated().dropFirst() {
            let (observation, action) = ("\(copy.observationSpace)", "\(copy.actionSpace)")
            guard observation == observationText, action == actionText else {
                throw EnvironmentError.invalidVector(
                    "\(name): copy \(index) has the spaces \(observation) → \(action), copy 0 \(observationText) → \(actionText)")
            }
        }

        self.name = "\(name) (\(copies) copies)"
        copyCount = copies
        autoresetMode = autoreset
        self.threading = threading
        observationSpace = first.observationSpace
        actionSpace = first.actionSpace
        observationWidth = first.observationSpace.flattenedCount
        actionLayout = first.actionSpace.elementCount.map { .indices(count: $0) }
            ?? .rows(width: first.actionSpace.flattenedCount)
        storage = VectorStorage(copyCount: copies, observationWidth: observationWidth,
                                writesObservationIndices: first.observationSpace.isFinite,
                                keepsFinalObservations: autoreset == .sameStep)
        self.copies = .allocate(capacity: copies)
        for (index, copy) in made.enumerated() { (self.copies + index).initialize(to: copy) }
        rowActions = .allocate(capacity: copies)
        rowActions.initialize(repeating: nil, count: copies)
        shareCapacity = threading.shareCapacity(copyCount: copies)
        assignsShares = threading.minimumShareWork == .zero
        shareOutcomes = .allocate(capacity: shareCapacity)
        shareOutcomes.initialize(repeating: ShareOutcome(), count: shareCapacity)
        control = .allocate(capacity: 1)
        control.initialize(to: Control(tuner: ShareTuner(threading: threading, copyCount: copies)))
    }

    deinit {
        control.pointee.pool?.stop()
        control.deinitialize(count: 1)
        control.deallocate()
        copies.deinitialize(count: copyCount)
        copies.deallocate()
        rowActions.deinitialize(count: copyCount)
        rowActions.deallocate()
        shareOutcomes.deinitialize(count: shareCapacity)
        shareOutcomes.deallocate()
        storage.deallocate()
    }

    /// A copy of environment `copy` as it is now (for rendering or inspection), or `nil` for
    /// an index out of range.
    public func environment(copy: Int) -> Copy? {
        guard copy >= 0 && copy < copyCount else { return nil }
        return copies[copy]
    }

    // MARK: - Reset and step

    /// Resets every copy: copy `i` with `seed + i` (wrapping), or each continuing its own
    /// random stream when `seed` is `nil`. Running episodes are abandoned unrecorded; the
    /// rewards and flags read 0 and false.
    @inlinable
    public func reset(seed: UInt64?) {
        storage.clearForReset()
        control.pointee.operation = .reset(seed: seed)
        // Resetting cannot fail: `Environment.reset` does not throw.
        try? runBatch(timed: false)
        control.pointee.state = .ready
    }

    /// Steps every copy with the action at `actionIndices[i]` in the finite action space.
    ///
    /// - Throws: see ``BatchedEnvironment/step(actionIndices:)``.
    @inlinable
    public func step(actionIndices: UnsafeBufferPointer<Int>) throws {
        try checkReady()
        guard actionIndices.count == copyCount else {
            throw batchSizeError(actionIndices.count, "action indices")
        }
        guard let actionCount = actionSpace.elementCount else {
            throw EnvironmentError.invalidAction(
                "\(name): the action space \(actionSpace) is not finite; give rows of floats with step(actionRows:)")
        }
        // Check the whole batch first, branch-free, so that a refused batch steps no copy.
        var outside = 0
        for index in 0..<copyCount {
            outside &+= UInt(bitPattern: actionIndices[index]) >= UInt(actionCount) ? 1 : 0
        }
        if outside > 0 { throw outsideIndexError(actionIndices, actionCount: actionCount) }
        control.pointee.operation = .stepIndices(actionIndices)
        try runBatch(timed: true)
    }

    /// Steps every copy with the action whose flattened form is its row of `actionRows`.
    ///
    /// - Throws: see ``BatchedEnvironment/step(actionRows:)``.
    @inlinable
    public func step(actionRows: UnsafeBufferPointer<Float>) throws {
        try checkReady()
        let width = actionSpace.flattenedCount
        guard actionRows.count == copyCount * width else {
            throw EnvironmentError.invalidAction(
                "\(name): \(actionRows.count) floats of action rows for \(copyCount) copies; give \(copyCount) rows of \(width) (\(copyCount * width) floats)")
        }
        guard let base = actionRows.baseAddress else { return }
        for index in 0..<copyCount {
            let row = UnsafeBufferPointer(start: base + index * width, count: width)
            guard let action = actionSpace.unflatten(row), actionSpace.contains(action) else {
                throw outsideRowError(copy: index, row: row)
            }
            rowActions[index] = action
        }
        control.pointee.operation = .stepRowActions
        try runBatch(timed: true)
    }

    // MARK: - Running a batch

    /// Runs the current operation on every copy, split into shares as the threading policy
    /// decides, then adds up the shares' figures and throws the first copy's error, if any.
    @inlinable
    func runBatch(timed: Bool) throws {
        let control = self.control
        // The calling thread steps copies too: subnormals flushed there as on the workers.
        DenormalMode.applyPolicy()
        for share in 0..<shareCapacity { shareOutcomes[share] = ShareOutcome() }
        let shares = control.pointee.tuner.shares
        control.pointee.activeShareCount = shares
        let timesBatch = timed && control.pointee.tuner.timesBatches
        let start = timesBatch ? ShareTuner.now() : 0
        if shares > 1 {
            let pool = control.pointee.pool ?? startPool()
            pool.run(shareCount: shares, assigned: assignsShares)
        } else {
            runShare(0)
        }
        if timesBatch {
            let now = ShareTuner.now()
            control.pointee.tuner.record(now - start, at: now)
        }
        var failure: (any Error)?
        for share in 0..<control.pointee.activeShareCount {
            let outcome = shareOutcomes[share]
            control.pointee.totalSteps += outcome.steps
            control.pointee.completedEpisodes += outcome.episodes
            // Shares are in copy order, so this is the lowest copy that threw, as on one thread.
            if failure == nil, let error = outcome.failure { failure = error }
        }
        if let failure {
            control.pointee.state = .failed
            throw failure
        }
    }

    /// Starts the worker threads, on the first batch that is split.
    @inlinable
    func startPool() -> WorkerPool {
        // The pool is stopped in `deinit` before the vector's memory goes, so the reference
        // the workers hold never outlives the vector.
        let workers = min(threading.threadCount, shareCapacity) - 1
        let pool = WorkerPool(workerCount: workers) { [unowned(unsafe) self] share in
            self.runShare(share)
        }
        control.pointee.pool = pool
        return pool
    }

    /// Runs the current operation on share `share` of `activeShareCount` contiguous shares.
    @inlinable
    func runShare(_ share: Int) {
        let shares = control.pointee.activeShareCount
        let lower = copyCount * share / shares
        let upper = copyCount * (share + 1) / shares
        // Local copies of the spaces: one retain per share instead of one per copy.
        let observationSpace = self.observationSpace
        let actionSpace = self.actionSpace
        var outcome = ShareOutcome()
        switch control.pointee.operation {
        case .reset(let seed):
            for index in lower..<upper {
                let observation = copies[index].reset(seed: seed.map { $0 &+ UInt64(index) })
                write(observation, copy: index, final: false, space: observationSpace)
            }
        case .stepIndices(let indices):
            for index in lower..<upper {
                do {
                    guard let action = actionSpace.element(atIndex: indices[index]) else {
                        throw EnvironmentError.invalidAction(
                            "\(name): the action space \(actionSpace) has no element at index \(indices[index])")
                    }
                    try advance(copy: index, action: action, space: observationSpace, outcome: &outcome)
                } catch {
                    outcome.failedCopy = index
                    outcome.failure = error
                    break
                }
            }
        case .stepRowActions:
            for index in lower..<upper {
                do {
                    guard let action = rowActions[index] else {
                        throw EnvironmentError.invalidAction("\(name): copy \(index) has no action")
                    }
                    try advance(copy: index, action: action, space: observationSpace, outcome: &outcome)
                } catch {
                    outcome.failedCopy = index
                    outcome.failure = error
                    break
                }
            }
        }
        shareOutcomes[share] = outcome
    }

    /// Steps copy `index` (or, in next-step mode after its episode ended, resets it) and writes
    /// its row of every buffer.
    @inlinable @inline(__always)
    func advance(copy index: Int, action: Copy.Action, space: Copy.ObservationSpace,
                 outcome: inout ShareOutcome) throws {
        let storage = self.storage
        if autoresetMode == .nextStep {
            if storage.needsAutoreset[index] {
                // Gymnasium's next-step autoreset: this step only resets; the action is ignored.
                storage.needsAutoreset[index] = false
                let observation = copies[index].reset(seed: nil)
                write(observation, copy: index, final: false, space: space)
                storage.rewards[index] = 0
                storage.terminated[index] = false
                storage.truncated[index] = false
                return
            }
        } else {
            storage.hasFinalObservation[index] = false
        }
        let result = try copies[index].step(action)
        storage.rewards[index] = Float(result.reward)
        storage.terminated[index] = result.terminated
        storage.truncated[index] = result.truncated
        outcome.steps &+= 1
        let episodeReturn = storage.episodeReturns[index] + result.reward
        let episodeLength = storage.episodeLengths[index] &+ 1
        guard result.isDone else {
            storage.episodeReturns[index] = episodeReturn
            storage.episodeLengths[index] = episodeLength
            write(result.observation, copy: index, final: false, space: space)
            return
        }
        storage.lastEpisodes[index] = EpisodeRecord(
            totalReward: episodeReturn, length: episodeLength, terminated: result.terminated,
            truncated: result.truncated, succeeded: copies[index].episodeSucceeded)
        outcome.episodes &+= 1
        storage.episodeReturns[index] = 0
        storage.episodeLengths[index] = 0
        switch autoresetMode {
        case .nextStep:
            write(result.observation, copy: index, final: false, space: space)
            storage.needsAutoreset[index] = true
        case .sameStep:
            write(result.observation, copy: index, final: true, space: space)
            storage.hasFinalObservation[index] = true
            let observation = copies[index].reset(seed: nil)
            write(observation, copy: index, final: false, space: space)
        }
    }

    /// Writes copy `index`'s observation into its row (and index, for a finite space) of the
    /// observation buffers, or of the final-observation buffers.
    @inlinable @inline(__always)
    func write(_ observation: Copy.Observation, copy index: Int, final: Bool, space: Copy.ObservationSpace) {
        let storage = self.storage
        let rows = final ? storage.finalObservations : storage.observations
        space.flatten(observation, into: storage.row(index, of: rows))
        if storage.writesObservationIndices {
            let indices = final ? storage.finalObservationIndices : storage.observationIndices
            indices[index] = space.index(of: observation) ?? -1
        }
    }

    // MARK: - Refusals

    @usableFromInline
    func checkReady() throws {
        switch control.pointee.state {
        case .ready: return
        case .neverReset: throw EnvironmentError.resetNeeded(environment: name)
        case .failed: throw EnvironmentError.resetNeeded(environment: "\(name), after a copy failed in the last step,")
        }
    }

    @usableFromInline
    func batchSizeError(_ count: Int, _ what: String) -> EnvironmentError {
        .invalidAction("\(name): \(count) \(what) for \(copyCount) copies; give one per copy")
    }

    @usableFromInline
    func outsideIndexError(_ indices: UnsafeBufferPointer<Int>, actionCount: Int) -> EnvironmentError {
        let copy = indices.firstIndex { $0 < 0 || $0 >= actionCount } ?? 0
        return .invalidAction(
            "\(name): copy \(copy)'s action index \(indices[copy]) is outside 0..<\(actionCount) (the action space \(actionSpace)); no copy was stepped")
    }

    @usableFromInline
    func outsideRowError(copy: Int, row: UnsafeBufferPointer<Float>) -> EnvironmentError {
        .invalidAction(
            "\(name): copy \(copy)'s action row \(Array(row)) is not in the action space \(actionSpace); no copy was stepped")
    }

    // MARK: - Buffers

    public var singleObservationSpace: any Space { observationSpace }
    public var singleActionSpace: any Space { actionSpace }

    public var observations: UnsafeBufferPointer<Float> {
        UnsafeBufferPointer(start: storage.observations, count: copyCount * observationWidth)
    }

    public var observationIndices: UnsafeBufferPointer<Int>? {
        storage.writesObservationIndices ? UnsafeBufferPointer(start: storage.observationIndices, count: copyCount) : nil
    }

    public var rewards: UnsafeBufferPointer<Float> { UnsafeBufferPointer(start: storage.rewards, count: copyCount) }
    public var terminated: UnsafeBufferPointer<Bool> { UnsafeBufferPointer(start: storage.terminated, count: copyCount) }
    public var truncated: UnsafeBufferPointer<Bool> { UnsafeBufferPointer(start: storage.truncated, count: copyCount) }

    public var finalObservations: UnsafeBufferPointer<Float> {
        UnsafeBufferPointer(start: storage.finalObservations,
                            count: storage.keepsFinalObservations ? copyCount * observationWidth : 0)
    }

    public var finalObservationIndices: UnsafeBufferPointer<Int>? {
        guard storage.keepsFinalObservations && storage.writesObservationIndices else { return nil }
        return UnsafeBufferPointer(start: storage.finalObservationIndices, count: copyCount)
    }

    public var hasFinalObservation: UnsafeBufferPointer<Bool> {
        UnsafeBufferPointer(start: storage.hasFinalObservation, count: copyCount)
    }

    public var episodeReturns: UnsafeBufferPointer<Double> {
        UnsafeBufferPointer(start: storage.episodeReturns, count: copyCount)
    }

    public var episodeLengths: UnsafeBufferPointer<Int> {
        UnsafeBufferPointer(start: storage.episodeLengths, count: copyCount)
    }

    // MARK: - Episode statistics

    public func finishedEpisode(copy: Int) -> EpisodeRecord? {
        guard copy >= 0 && copy < copyCount, storage.terminated[copy] || storage.truncated[copy] else { return nil }
        return storage.lastEpisodes[copy]
    }

    public func lastEpisode(copy: Int) -> EpisodeRecord? {
        guard copy >= 0 && copy < copyCount else { return nil }
        return storage.lastEpisodes[copy]
    }

    public var completedEpisodes: Int { control.pointee.completedEpisodes }
    public var totalSteps: Int { control.pointee.totalSteps }
}
