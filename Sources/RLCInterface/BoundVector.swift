import Foundation
import RLCore
import RLEnvironments

/// A vector environment made from the standard registry for a caller in another language, with
/// the caller's own buffers bound to it: after every `reset` and `step` the results are written
/// into them (one `memcpy` per buffer, or the components of finite observations), and `step`
/// reads the actions from the caller's buffer in place.
///
/// Calls on one vector are serialised by a lock, so a caller's threads cannot race on it.
final class BoundVector: @unchecked Sendable {
    /// The registered id.
    let id: String
    /// The number of copies.
    let copyCount: Int
    /// When ended episodes are reset.
    let autoreset: InterfaceAutoreset
    /// The vector itself.
    let vector: any BatchedEnvironment
    /// How observations are written (rows or components).
    let observationLayout: ObservationLayout
    /// The description handed to callers (`swiftrl_vector_describe`), as JSON.
    let descriptionJSON: String

    private let lock = NSLock()
    /// The bound buffers, by ``BufferKind`` number (all guarded by `lock`, as is the state below).
    private var buffers = [UnsafeMutableRawPointer?](repeating: nil, count: BufferKind.allCases.count)
    private var hasBeenReset = false
    /// Autoreset disabled: whether a copy's episode ended on the last step.
    private var episodeEnded = false
    /// A `Box`'s bounds, to clip action rows into, and the rows once clipped.
    private let actionLow: [Float]
    private let actionHigh: [Float]
    private let clippedRows: UnsafeMutableBufferPointer<Float>

    // MARK: - Making

    /// The most threads a caller may ask for: each is a thread the vector may start, and far
    /// more threads than cores only slow a batch down.
    static let maximumThreads = 256

    /// Makes `copies` copies of the environment registered as `id`, with `options`.
    ///
    /// - Parameter threads: 0 for the automatic policy, 1 for the calling thread alone, more (up
    ///   to ``maximumThreads``) for at most that many threads.
    /// - Throws: the registry's errors for an unknown id or bad options, ``InterfaceError`` for
    ///   a thread count out of range, `EnvironmentError.invalidVector` for a copy count out of range.
    init(id name: String, options: [String: String], copies: Int, autoreset: InterfaceAutoreset, threads: Int) throws {
        let registration = try EnvironmentRegistry.standard.registration(named: name)
        guard threads >= 0 && threads <= Self.maximumThreads else {
            throw InterfaceError(.invalidArgument,
                                 "\(registration.id): the thread count must be 0 (automatic) to \(Self.maximumThreads), got \(threads)")
        }
        let threading: VectorThreading = switch threads {
        case 0: .automatic
        case 1: .synchronous
        default: VectorThreading(threadCount: threads)
        }
        vector = try registration.makeVector(copies: copies, options: options, autoreset: autoreset.vectorMode,
                                             threading: threading)
        id = registration.id
        copyCount = copies
        self.autoreset = autoreset
        observationLayout = ObservationLayout(space: vector.singleObservationSpace, width: vector.observationWidth)
        let actionSpace = (vector.singleActionSpace as? AnySpace)?.base ?? vector.singleActionSpace
        let box = actionSpace as? any ContinuousSpace
        actionLow = box?.low ?? []
        actionHigh = box?.high ?? []
        let rowFloats = if case .rows(let width) = vector.actionLayout { copies * width } else { 0 }
        clippedRows = .allocate(capacity: rowFloats)
        clippedRows.initialize(repeating: 0)

        let description = VectorDescription(
            id: registration.id, copies: copies, autoresetMode: autoreset.name,
            observationSpace: try SpaceDescription(vector.singleObservationSpace),
            actionSpace: try SpaceDescription(vector.singleActionSpace),
            maxEpisodeSteps: try registration.timeLimit(EnvironmentOptions(options, environment: registration.id)),
            rewardThreshold: registration.rewardThreshold, options: options,
            renderFps: (vector as? any CopyRendering)?.framesPerSecond)
        descriptionJSON = try JSONText.encode(description)
    }

    deinit {
        clippedRows.deallocate()
    }

    // MARK: - Buffers

    /// Binds the caller's buffer of `kind` (or unbinds it, for a null address and 0 bytes), and
    /// fills an output buffer with the current results when the vector has been reset.
    ///
    /// - Throws: ``InterfaceError`` (`.invalidArgument`) for a size other than the exact one,
    ///   a misaligned address, or final observations outside the same-step mode.
    func bind(_ kind: BufferKind, address: UnsafeMutableRawPointer?, byteCount: Int) throws {
        lock.lock()
        defer { lock.unlock() }
        let (expected, alignment, what) = requirement(of: kind)
        guard let address else {
            guard byteCount == 0 else { throw InterfaceError(.invalidArgument, "\(id): the \(kind.name) buffer is a null pointer with \(byteCount) bytes") }
            buffers[Int(kind.rawValue)] = nil
            return
        }
        if (kind == .finalObservations || kind == .hasFinalObservation) && autoreset != .sameStep {
            throw InterfaceError(.invalidArgument, "\(id): final observations are kept in the same-step autoreset mode only; this vector's is \(autoreset.name)")
        }
        guard byteCount == expected else {
            throw InterfaceError(.invalidArgument,
                                 "\(id): the \(kind.name) buffer has \(byteCount) bytes; \(copyCount) copies need \(expected) (\(what))")
        }
        guard Int(bitPattern: address) % alignment == 0 else {
            throw InterfaceError(.invalidArgument, "\(id): the \(kind.name) buffer is not aligned to \(alignment) bytes")
        }
        buffers[Int(kind.rawValue)] = address
        if hasBeenReset && kind != .actions { writeResults() }
    }

    /// The exact byte count, the alignment and a description of the buffer of `kind`.
    private func requirement(of kind: BufferKind) -> (bytes: Int, alignment: Int, what: String) {
        let copies = copyCount
        switch kind {
        case .observations, .finalObservations:
            return switch observationLayout {
            case .rows(let width): (observationLayout.byteCount(copies: copies), 4, "\(copies) × \(width) float32")
            case .components(let spaces): (observationLayout.byteCount(copies: copies), 8, "\(spaces.count) × \(copies) int64")
            }
        case .rewards: return (copies * 4, 4, "\(copies) float32")
        case .terminated, .truncated, .hasFinalObservation: return (copies, 1, "\(copies) uint8")
        case .episodeReturns: return (copies * 8, 8, "\(copies) float64")
        case .episodeLengths: return (copies * 8, 8, "\(copies) int64")
        case .actions:
            return switch vector.actionLayout {
            case .indices(let count): (copies * 8, 8, "\(copies) int64 action positions 0..<\(count)")
            case .rows(let width): (copies * width * 4, 4, "\(copies) × \(width) float32")
            }
        }
    }

    private func buffer(_ kind: BufferKind) -> UnsafeMutableRawPointer? {
        buffers[Int(kind.rawValue)]
    }

    // MARK: - Reset and step

    /// Resets every copy (copy `i` with `seed + i`, or continuing its stream), then writes the
    /// results into the bound buffers.
    func reset(seed: UInt64?) {
        lock.lock()
        defer { lock.unlock() }
        vector.reset(seed: seed)
        hasBeenReset = true
        episodeEnded = false
        writeResults()
    }

    /// Steps every copy with the actions in the bound actions buffer, then writes the results.
    ///
    /// `Box` action rows are clipped to the space's bounds first, as Gymnasium's continuous
    /// environments clip (and Stable-Baselines3 before stepping); NaN and infinite values are
    /// left for the vector to refuse.
    ///
    /// - Throws: `EnvironmentError.resetNeeded` before the first reset or (autoreset disabled)
    ///   after an episode ended; ``InterfaceError`` without an actions buffer; the vector's
    ///   errors for actions outside the space.
    func step() throws {
        lock.lock()
        defer { lock.unlock() }
        guard hasBeenReset else { throw EnvironmentError.resetNeeded(environment: id) }
        if episodeEnded {
            throw EnvironmentError.resetNeeded(environment: "\(id) (automatic reset disabled)")
        }
        guard let actions = buffer(.actions) else {
            throw InterfaceError(.invalidArgument, "\(id): no actions buffer is bound (bind buffer 4 before stepping)")
        }
        do {
            try stepVector(actions: actions)
        } catch EnvironmentError.invalidAction(let message) {
            throw EnvironmentError.invalidAction(renamed(message))
        }
        writeResults()
        if autoreset == .disabled {
            for copy in 0..<copyCount where vector.terminated[copy] || vector.truncated[copy] {
                episodeEnded = true
            }
        }
    }

    /// The vector's message about a refused batch, naming the environment by its id rather
    /// than by the vector's Swift type ("CartPole-v1: copy 0's action index 5 is outside …").
    private func renamed(_ message: String) -> String {
        guard message.hasPrefix("VectorEnvironment<"), let colon = message.range(of: "): ") else { return message }
        let name = copyCount == 1 ? id : "\(id) (\(copyCount) copies)"
        return name + ": " + message[colon.upperBound...]
    }

    @inline(__always)
    private func stepVector(actions: UnsafeMutableRawPointer) throws {
        switch vector.actionLayout {
        case .indices:
            try vector.step(actionIndices: UnsafeBufferPointer(start: actions.assumingMemoryBound(to: Int.self), count: copyCount))
        case .rows(let width):
            let rows = actions.assumingMemoryBound(to: Float.self)
            let bounded = actionLow.count == width && actionHigh.count == width
            for copy in 0..<copyCount {
                for index in 0..<width {
                    let value = rows[copy * width + index]
                    clippedRows[copy * width + index] = bounded && value.isFinite
                        ? min(max(value, actionLow[index]), actionHigh[index]) : value
                }
            }
            try vector.step(actionRows: UnsafeBufferPointer(clippedRows))
        }
    }

    /// Copies the vector's results into every bound output buffer.
    private func writeResults() {
        if let destination = buffer(.observations) {
            observationLayout.write(rows: vector.observations, indices: vector.observationIndices, copies: copyCount, into: destination)
        }
        copy(vector.rewards, to: .rewards)
        copy(vector.terminated, to: .terminated)
        copy(vector.truncated, to: .truncated)
        copy(vector.episodeReturns, to: .episodeReturns)
        copy(vector.episodeLengths, to: .episodeLengths)
        if autoreset == .sameStep {
            if let destination = buffer(.finalObservations) {
                observationLayout.write(rows: vector.finalObservations, indices: vector.finalObservationIndices,
                                        copies: copyCount, into: destination)
            }
            copy(vector.hasFinalObservation, to: .hasFinalObservation)
        }
    }

    @inline(__always)
    private func copy<Element>(_ source: UnsafeBufferPointer<Element>, to kind: BufferKind) {
        guard let destination = buffer(kind), let base = source.baseAddress else { return }
        destination.copyMemory(from: base, byteCount: source.count * MemoryLayout<Element>.stride)
    }

    // MARK: - Episodes and pictures

    /// The episode copy `copy` finished on the last step, or `nil`.
    ///
    /// - Throws: ``InterfaceError`` for a copy out of range.
    func finishedEpisode(copy: Int) throws -> EpisodeRecord? {
        lock.lock()
        defer { lock.unlock() }
        try checkCopy(copy)
        return vector.finishedEpisode(copy: copy)
    }

    /// The episodes finished and the steps taken since the vector was made.
    func counts() -> (episodes: Int, steps: Int) {
        lock.lock()
        defer { lock.unlock() }
        return (vector.completedEpisodes, vector.totalSteps)
    }

    /// Copy `copy` drawn as text (Gymnasium's `ansi` render mode).
    ///
    /// - Throws: ``InterfaceError`` for a copy out of range or a vector that cannot show its copies.
    func renderText(copy: Int) throws -> String {
        lock.lock()
        defer { lock.unlock() }
        try checkCopy(copy)
        guard let rendering = vector as? any CopyRendering, let text = rendering.renderText(copy: copy) else {
            throw InterfaceError(.failed, "\(id): the copies of this vector cannot be drawn")
        }
        return text
    }

    private func checkCopy(_ copy: Int) throws {
        guard copy >= 0 && copy < copyCount else {
            throw InterfaceError(.invalidArgument, "\(id): copy \(copy) is outside 0..<\(copyCount)")
        }
    }
}

/// A vector that can draw one of its copies as text.
protocol CopyRendering {
    /// Copy `copy`'s ``Environment/renderText()``, or `nil` for a copy out of range.
    func renderText(copy: Int) -> String?
    /// The pace at which a viewer shows the copies' steps (Gymnasium's `render_fps`).
    var framesPerSecond: Int { get }
}

extension VectorEnvironment: CopyRendering {
    func renderText(copy: Int) -> String? {
        environment(copy: copy)?.renderText()
    }

    var framesPerSecond: Int { environment(copy: 0)?.framesPerSecond ?? 30 }
}
