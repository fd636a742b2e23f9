/// The memory of a ``VectorEnvironment``: per-copy values in contiguous buffers, row `i` for
/// copy `i`, allocated once at creation (64-byte aligned) and freed with the vector.
///
/// The addresses never change, so views handed out stay valid as long as the vector lives;
/// threads write disjoint rows.
@usableFromInline
struct VectorStorage {
    @usableFromInline let copyCount: Int
    /// The floats per observation row (the observation space's flattened count).
    @usableFromInline let observationWidth: Int
    /// Whether observations are also written as indices (finite observation spaces).
    @usableFromInline let writesObservationIndices: Bool
    /// Whether final observations are kept (same-step autoreset).
    @usableFromInline let keepsFinalObservations: Bool

    @usableFromInline let observations: UnsafeMutablePointer<Float>
    @usableFromInline let observationIndices: UnsafeMutablePointer<Int>
    @usableFromInline let finalObservations: UnsafeMutablePointer<Float>
    @usableFromInline let finalObservationIndices: UnsafeMutablePointer<Int>
    @usableFromInline let hasFinalObservation: UnsafeMutablePointer<Bool>
    @usableFromInline let rewards: UnsafeMutablePointer<Float>
    @usableFromInline let terminated: UnsafeMutablePointer<Bool>
    @usableFromInline let truncated: UnsafeMutablePointer<Bool>
    /// Copies whose episode ended on the last step and that the next step resets (next-step mode).
    @usableFromInline let needsAutoreset: UnsafeMutablePointer<Bool>
    @usableFromInline let episodeReturns: UnsafeMutablePointer<Double>
    @usableFromInline let episodeLengths: UnsafeMutablePointer<Int>
    @usableFromInline let lastEpisodes: UnsafeMutablePointer<EpisodeRecord?>

    init(copyCount: Int, observationWidth: Int, writesObservationIndices: Bool, keepsFinalObservations: Bool) {
        self.copyCount = copyCount
        self.observationWidth = observationWidth
        self.writesObservationIndices = writesObservationIndices
        self.keepsFinalObservations = keepsFinalObservations
        let rows = copyCount * observationWidth
        observations = Self.allocate(rows, 0)
        observationIndices = Self.allocate(writesObservationIndices ? copyCount : 0, 0)
        finalObservations = Self.allocate(keepsFinalObservations ? rows : 0, 0)
        finalObservationIndices = Self.allocate(keepsFinalObservations && writesObservationIndices ? copyCount : 0, 0)
        hasFinalObservation = Self.allocate(copyCount, false)
        rewards = Self.allocate(copyCount, 0)
        terminated = Self.allocate(copyCount, false)
        truncated = Self.allocate(copyCount, false)
        needsAutoreset = Self.allocate(copyCount, false)
        episodeReturns = Self.allocate(copyCount, 0)
        episodeLengths = Self.allocate(copyCount, 0)
        lastEpisodes = Self.allocate(copyCount, nil)
    }

    /// Frees every buffer (their element types are trivial, so nothing needs deinitializing).
    func deallocate() {
        for pointer in [UnsafeMutableRawPointer(observations), UnsafeMutableRawPointer(observationIndices),
                        UnsafeMutableRawPointer(finalObservations), UnsafeMutableRawPointer(finalObservationIndices),
                        UnsafeMutableRawPointer(hasFinalObservation), UnsafeMutableRawPointer(rewards),
                        UnsafeMutableRawPointer(terminated), UnsafeMutableRawPointer(truncated),
                        UnsafeMutableRawPointer(needsAutoreset), UnsafeMutableRawPointer(episodeReturns),
                        UnsafeMutableRawPointer(episodeLengths), UnsafeMutableRawPointer(lastEpisodes)] {
            pointer.deallocate()
        }
    }

    /// Clears the step results and episode figures of every copy (a reset of the whole batch).
    @usableFromInline
    func clearForReset() {
        rewards.update(repeating: 0, count: copyCount)
        terminated.update(repeating: false, count: copyCount)
        truncated.update(repeating: false, count: copyCount)
        needsAutoreset.update(repeating: false, count: copyCount)
        hasFinalObservation.update(repeating: false, count: copyCount)
        episodeReturns.update(repeating: 0, count: copyCount)
        episodeLengths.update(repeating: 0, count: copyCount)
    }

    /// The row of copy `index` in an observation buffer of this storage.
    @inlinable @inline(__always)
    func row(_ index: Int, of buffer: UnsafeMutablePointer<Float>) -> UnsafeMutableBufferPointer<Float> {
        UnsafeMutableBufferPointer(start: buffer + index * observationWidth, count: observationWidth)
    }

    /// `count` values (at least one, so the pointer is never dangling), aligned for vector loads.
    private static func allocate<Value>(_ count: Int, _ initial: Value) -> UnsafeMutablePointer<Value> {
        let capacity = max(1, count)
        let raw = UnsafeMutableRawPointer.allocate(byteCount: capacity * MemoryLayout<Value>.stride,
                                                   alignment: max(64, MemoryLayout<Value>.alignment))
        let typed = raw.bindMemory(to: Value.self, capacity: capacity)
        typed.initialize(repeating: initial, count: capacity)
        return typed
    }
}
