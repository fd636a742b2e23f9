/// A batch of environment copies stepped together, seen through buffers only: what agents, the
/// registry (``EnvironmentRegistry/makeVector(_:copies:options:autoreset:threading:)``) and
/// foreign-language bindings hold without knowing the environment's type.
///
/// ``VectorEnvironment`` is the implementation; see it for the rules (seeding, autoreset,
/// episode statistics, threads). Every buffer is row-major with row `i` for copy `i`, lives as
/// long as the vector, keeps its address, and is overwritten by the next `reset` or `step`:
///
/// | buffer | element | count |
/// |---|---|---|
/// | ``observations`` | `Float` | `copyCount × observationWidth` |
/// | ``observationIndices`` | `Int` | `copyCount`, for finite observation spaces only |
/// | ``rewards`` | `Float` | `copyCount` |
/// | ``terminated``, ``truncated`` | `Bool` (one byte, 0 or 1) | `copyCount` |
/// | ``finalObservations`` | `Float` | `copyCount × observationWidth` (same-step mode; empty otherwise) |
/// | ``finalObservationIndices`` | `Int` | `copyCount` (same-step mode, finite observation spaces) |
/// | ``hasFinalObservation`` | `Bool` | `copyCount` |
/// | ``episodeReturns``, ``episodeLengths`` | `Double`, `Int` | `copyCount`: the running episodes |
///
/// A tensor is made from a buffer by one copy (`memcpy`) of `count × MemoryLayout<Float>.size`
/// bytes; nothing is converted element by element. A vector is used from one thread at a time.
public protocol BatchedEnvironment: AnyObject {
    /// The number of copies (≥ 1).
    var copyCount: Int { get }
    /// The observation space of one copy.
    var singleObservationSpace: any Space { get }
    /// The action space of one copy.
    var singleActionSpace: any Space { get }
    /// The floats in one observation row: the observation space's flattened count.
    var observationWidth: Int { get }
    /// How actions are given: indices for a finite action space, rows of floats otherwise.
    var actionLayout: VectorActionLayout { get }
    /// When copies whose episode ended are reset.
    var autoresetMode: AutoresetMode { get }

    /// Resets every copy: copy `i` with `seed + i` (wrapping), or each continuing its own
    /// random stream when `seed` is `nil`; running episodes are abandoned unrecorded.
    func reset(seed: UInt64?)

    /// Steps every copy with the action at its position in a finite action space.
    ///
    /// - Parameter actionIndices: `copyCount` indices, each in 0..<`count` of
    ///   ``VectorActionLayout/indices(count:)``.
    /// - Throws: ``EnvironmentError/resetNeeded(environment:)`` before the first reset (or after
    ///   a step that failed part way); ``EnvironmentError/invalidAction(_:)`` for a batch of the
    ///   wrong size, an index outside the action space or an action space that is not finite.
    ///   Nothing is stepped when the batch is refused. An error a copy throws while stepping
    ///   is passed on, and the vector then needs a reset.
    func step(actionIndices: UnsafeBufferPointer<Int>) throws

    /// Steps every copy with the action whose flattened form is its row.
    ///
    /// - Parameter actionRows: `copyCount × width` floats, row-major, `width` being the action
    ///   space's flattened count.
    /// - Throws: as ``step(actionIndices:)``, with ``EnvironmentError/invalidAction(_:)`` for a
    ///   row that is not an action of the space (outside a ``Box``'s bounds, NaN, or a space
    ///   that cannot read rows).
    func step(actionRows: UnsafeBufferPointer<Float>) throws

    /// The flattened observations, `copyCount × observationWidth` floats.
    var observations: UnsafeBufferPointer<Float> { get }
    /// The observations' positions in a finite observation space (`copyCount` of them), or
    /// `nil` for a space that is not finite.
    var observationIndices: UnsafeBufferPointer<Int>? { get }
    /// The rewards of the last step, rounded to `Float` (0 for copies reset by it).
    var rewards: UnsafeBufferPointer<Float> { get }
    /// Whether each copy's episode terminated on the last step.
    var terminated: UnsafeBufferPointer<Bool> { get }
    /// Whether each copy's episode was truncated on the last step.
    var truncated: UnsafeBufferPointer<Bool> { get }
    /// Same-step mode: the last observation of each episode that ended on the last step, where
    /// ``hasFinalObservation`` is set (other rows hold older values). Empty in next-step mode.
    var finalObservations: UnsafeBufferPointer<Float> { get }
    /// Same-step mode with a finite observation space: the final observations' indices.
    var finalObservationIndices: UnsafeBufferPointer<Int>? { get }
    /// Whether the copy's row of ``finalObservations`` belongs to the last step (same-step
    /// mode; always false in next-step mode).
    var hasFinalObservation: UnsafeBufferPointer<Bool> { get }
    /// The sum of rewards of each copy's running episode (`Double`, as the environment gave).
    var episodeReturns: UnsafeBufferPointer<Double> { get }
    /// The steps taken in each copy's running episode.
    var episodeLengths: UnsafeBufferPointer<Int> { get }

    /// The episode copy `copy` finished on the last step, or `nil` if it did not finish one.
    func finishedEpisode(copy: Int) -> EpisodeRecord?
    /// The last episode copy `copy` finished, on any step, or `nil` before its first.
    func lastEpisode(copy: Int) -> EpisodeRecord?
    /// The episodes finished since the vector was made, all copies together.
    var completedEpisodes: Int { get }
    /// The environment steps taken since the vector was made, all copies together (the
    /// next-step mode's reset steps are not counted: no action is applied in them).
    var totalSteps: Int { get }
}

// MARK: - Conveniences

extension BatchedEnvironment {
    /// Steps every copy with the action at its position in a finite action space; see
    /// ``step(actionIndices:)-(UnsafeBufferPointer<Int>)``.
    public func step(actionIndices: [Int]) throws {
        try actionIndices.withUnsafeBufferPointer { try step(actionIndices: $0) }
    }

    /// Steps every copy with the action whose flattened form is its row; see
    /// ``step(actionRows:)-(UnsafeBufferPointer<Float>)``.
    public func step(actionRows: [Float]) throws {
        try actionRows.withUnsafeBufferPointer { try step(actionRows: $0) }
    }

    /// Copy `copy`'s observation row, as a new array (empty for a copy out of range).
    public func observation(copy: Int) -> [Float] {
        guard copy >= 0 && copy < copyCount else { return [] }
        return Array(observations[copy * observationWidth ..< (copy + 1) * observationWidth])
    }

    /// Copy `copy`'s final-observation row (same-step mode), as a new array, or `nil` when the
    /// copy's episode did not end on the last step (or the copy is out of range).
    public func finalObservation(copy: Int) -> [Float]? {
        guard copy >= 0 && copy < copyCount, hasFinalObservation[copy] else { return nil }
        return Array(finalObservations[copy * observationWidth ..< (copy + 1) * observationWidth])
    }
}
