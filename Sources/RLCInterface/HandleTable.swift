import Synchronization

/// The live vectors by handle. Callers hold numbers, not pointers, so a handle that was never
/// made or was already freed is refused with an error instead of reaching freed memory.
enum HandleTable {
    private struct State {
        var next: Int64 = 1
        var vectors: [Int64: BoundVector] = [:]
    }

    private static let state = Mutex(State())

    /// Keeps `vector` and returns its new handle (never 0).
    static func insert(_ vector: BoundVector) -> Int64 {
        state.withLock { state in
            let handle = state.next
            state.next += 1
            state.vectors[handle] = vector
            return handle
        }
    }

    /// The vector of `handle`.
    ///
    /// - Throws: ``InterfaceError`` (`.invalidHandle`) when no live vector has it.
    static func vector(_ handle: Int64) throws -> BoundVector {
        guard let vector = state.withLock({ $0.vectors[handle] }) else { throw unknown(handle) }
        return vector
    }

    /// Forgets `handle`; its vector is freed once no call is using it.
    ///
    /// - Throws: ``InterfaceError`` (`.invalidHandle`) when no live vector has it.
    static func remove(_ handle: Int64) throws {
        guard state.withLock({ $0.vectors.removeValue(forKey: handle) }) != nil else { throw unknown(handle) }
    }

    private static func unknown(_ handle: Int64) -> InterfaceError {
        InterfaceError(.invalidHandle, "no vector has the handle \(handle) (never made, or already freed)")
    }
}
