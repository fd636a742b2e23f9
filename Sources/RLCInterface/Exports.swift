import Foundation
import RLCore
import RLEnvironments

// The C interface: every function returns a status (0 for success, else a `StatusCode`, with
// the message in `swiftrl_last_error()`), or a string the caller frees with
// `swiftrl_string_free` (null on failure). Nothing here traps on any input: pointers are
// checked for null, sizes against the vector's, handles against the live ones. Declarations
// for C are in `include/swiftrl.h`.

// MARK: - Errors and strings

/// The message of the calling thread's last failed call (an empty string when none failed);
/// valid until that thread's next failure.
@c(swiftrl_last_error)
public func swiftrlLastError() -> UnsafePointer<CChar> {
    LastError.message
}

/// The status code of the calling thread's last failed call (0 when none failed): what a
/// function returning a string failed with.
@c(swiftrl_last_error_code)
public func swiftrlLastErrorCode() -> Int32 {
    LastError.code
}

/// Frees a string returned by the interface (a null pointer is ignored).
@c(swiftrl_string_free)
public func swiftrlStringFree(_ string: UnsafeMutablePointer<CChar>?) {
    free(string)
}

// MARK: - The registry

/// The standard registry as JSON (see `RegistryDescription`): ids, aliases, summaries, time
/// limits, reward thresholds, options and spaces. The caller frees it; null on failure.
@c(swiftrl_registry_json)
public func swiftrlRegistryJSON() -> UnsafeMutablePointer<CChar>? {
    var result: UnsafeMutablePointer<CChar>?
    _ = guarded { result = CString.make(try JSONText.encode(try RegistryDescription())) }
    return result
}

/// Steps the environment `id` directly in Swift (no vector) from `reset(seed)` through the
/// actions in `actions_json` (`[[position], …]` for a finite action space, `[[scalars…], …]`
/// for a `Box`) until they run out or the episode ends, and returns the trajectory as JSON:
/// `{"observations": [[…]], "rewards": […], "terminated": […], "truncated": […]}` with the
/// flattened observations (the first from `reset`). The reference for checking a binding.
/// The caller frees it; null on failure.
@c(swiftrl_rollout_json)
public func swiftrlRolloutJSON(_ id: UnsafePointer<CChar>?, _ optionsJSON: UnsafePointer<CChar>?, _ seed: UInt64,
                               _ actionsJSON: UnsafePointer<CChar>?) -> UnsafeMutablePointer<CChar>? {
    var result: UnsafeMutablePointer<CChar>?
    _ = guarded {
        let options = try OptionsText.parse(optionsJSON.map { try text($0, "the options") } ?? "")
        let actionsText = try text(actionsJSON, "the actions")
        guard let actions = try? JSONDecoder().decode(RolloutActions.self, from: Data(actionsText.utf8)) else {
            throw InterfaceError(.invalidArgument, "the actions must be a JSON array of rows of numbers, such as [[0], [1]]")
        }
        let rollout = try ReferenceRollout(id: try text(id, "the environment id"), options: options, seed: seed, actions: actions)
        result = CString.make(try JSONText.encode(rollout))
    }
    return result
}

// MARK: - Vectors

/// Makes a vector of `copies` copies of the environment registered as `id` (an id or alias)
/// with the options in `options_json` (a JSON object; null or "" for none), and writes its
/// handle to `handle`.
///
/// - `autoreset`: 0 next-step (Gymnasium's default), 1 same-step, 2 disabled.
/// - `threads`: 0 automatic, 1 the calling thread only, n (at most 256) at most n threads.
@c(swiftrl_vector_create)
public func swiftrlVectorCreate(_ id: UnsafePointer<CChar>?, _ optionsJSON: UnsafePointer<CChar>?, _ copies: Int64,
                                _ autoreset: Int32, _ threads: Int32, _ handle: UnsafeMutablePointer<Int64>?) -> Int32 {
    guarded {
        guard let handle else { throw InterfaceError(.invalidArgument, "the handle pointer is null") }
        let name = try text(id, "the environment id")
        let options = try OptionsText.parse(optionsJSON.map { try text($0, "the options") } ?? "")
        guard let mode = InterfaceAutoreset(rawValue: autoreset) else {
            throw InterfaceError(.invalidArgument, "the autoreset mode must be 0 (next-step), 1 (same-step) or 2 (disabled), got \(autoreset)")
        }
        guard copies >= 1 && copies <= Int64(VectorEnvironment<CartPole>.maximumCopies) else {
            throw InterfaceError(.invalidArgument, "the number of copies must be from 1 to \(VectorEnvironment<CartPole>.maximumCopies), got \(copies)")
        }
        let vector = try BoundVector(id: name, options: options, copies: Int(copies), autoreset: mode, threads: Int(threads))
        handle.pointee = HandleTable.insert(vector)
    }
}

/// The vector's description as JSON (see `VectorDescription`): id, copies, autoreset mode,
/// spaces, time limit, reward threshold and options. The caller frees it; null on failure.
@c(swiftrl_vector_describe)
public func swiftrlVectorDescribe(_ handle: Int64) -> UnsafeMutablePointer<CChar>? {
    var result: UnsafeMutablePointer<CChar>?
    _ = guarded { result = CString.make(try HandleTable.vector(handle).descriptionJSON) }
    return result
}

/// Binds the caller's buffer number `buffer` (see `BufferKind`) of exactly `byte_count` bytes
/// at `address`; a null address with 0 bytes unbinds it. The buffer must stay valid until it
/// is unbound or the vector freed.
@c(swiftrl_vector_bind)
public func swiftrlVectorBind(_ handle: Int64, _ buffer: Int32, _ address: UnsafeMutableRawPointer?, _ byteCount: Int64) -> Int32 {
    guarded {
        let vector = try HandleTable.vector(handle)
        guard let kind = BufferKind(rawValue: buffer) else {
            throw InterfaceError(.invalidArgument, "unknown buffer \(buffer); buffers are numbered 0 to \(BufferKind.allCases.count - 1)")
        }
        guard byteCount >= 0 && byteCount <= Int64(Int.max) else {
            throw InterfaceError(.invalidArgument, "the byte count must not be negative, got \(byteCount)")
        }
        try vector.bind(kind, address: address, byteCount: Int(byteCount))
    }
}

/// Resets every copy, copy i with `seed + i` when `has_seed` is non-zero, else each continuing
/// its random stream; writes the results into the bound buffers.
@c(swiftrl_vector_reset)
public func swiftrlVectorReset(_ handle: Int64, _ seed: UInt64, _ hasSeed: Int32) -> Int32 {
    guarded { try HandleTable.vector(handle).reset(seed: hasSeed != 0 ? seed : nil) }
}

/// Steps every copy with the actions in the bound actions buffer; writes the results into the
/// bound buffers.
@c(swiftrl_vector_step)
public func swiftrlVectorStep(_ handle: Int64) -> Int32 {
    guarded { try HandleTable.vector(handle).step() }
}

/// The episode copy `copy` finished on the last step: `finished` is 1 and the other outputs
/// hold its return, length, end and success (1, 0, or -1 for a task without a goal), or
/// `finished` is 0. Null output pointers are skipped.
@c(swiftrl_vector_episode)
public func swiftrlVectorEpisode(_ handle: Int64, _ copy: Int64, _ finished: UnsafeMutablePointer<Int32>?,
                                 _ episodeReturn: UnsafeMutablePointer<Double>?, _ length: UnsafeMutablePointer<Int64>?,
                                 _ terminated: UnsafeMutablePointer<Int32>?, _ truncated: UnsafeMutablePointer<Int32>?,
                                 _ succeeded: UnsafeMutablePointer<Int32>?) -> Int32 {
    guarded {
        let vector = try HandleTable.vector(handle)
        guard copy >= Int64(Int.min) && copy <= Int64(Int.max) else { throw InterfaceError(.invalidArgument, "copy \(copy) is out of range") }
        let record = try vector.finishedEpisode(copy: Int(copy))
        finished?.pointee = record == nil ? 0 : 1
        guard let record else { return }
        episodeReturn?.pointee = record.totalReward
        length?.pointee = Int64(record.length)
        terminated?.pointee = record.terminated ? 1 : 0
        truncated?.pointee = record.truncated ? 1 : 0
        succeeded?.pointee = record.succeeded.map { $0 ? 1 : 0 } ?? -1
    }
}

/// The episodes finished and the environment steps taken since the vector was made, all
/// copies together. Null output pointers are skipped.
@c(swiftrl_vector_counts)
public func swiftrlVectorCounts(_ handle: Int64, _ episodes: UnsafeMutablePointer<Int64>?,
                                _ steps: UnsafeMutablePointer<Int64>?) -> Int32 {
    guarded {
        let counts = try HandleTable.vector(handle).counts()
        episodes?.pointee = Int64(counts.episodes)
        steps?.pointee = Int64(counts.steps)
    }
}

/// Copy `copy` drawn as text (may contain ANSI colour codes). The caller frees it; null on failure.
@c(swiftrl_vector_render_text)
public func swiftrlVectorRenderText(_ handle: Int64, _ copy: Int64) -> UnsafeMutablePointer<CChar>? {
    var result: UnsafeMutablePointer<CChar>?
    _ = guarded {
        guard copy >= 0 && copy <= Int64(Int.max) else { throw InterfaceError(.invalidArgument, "copy \(copy) is out of range") }
        result = CString.make(try HandleTable.vector(handle).renderText(copy: Int(copy)))
    }
    return result
}

/// Frees the vector; its handle is invalid afterwards (a call still running on another thread
/// finishes first).
@c(swiftrl_vector_free)
public func swiftrlVectorFree(_ handle: Int64) -> Int32 {
    guarded { try HandleTable.remove(handle) }
}
