#if canImport(Glibc)
import Glibc
#elseif canImport(Darwin)
import Darwin
#endif
import Foundation
import Synchronization

/// A file that only grows, written from the training thread and flushed from a timer: the
/// records waiting in memory and the file descriptor, behind one lock.
///
/// Records are appended whole to ``State/pending`` and written with `write(2)` in one piece
/// per flush, so the file on disk always ends at a record boundary except while a write is in
/// progress; a process killed then leaves a torn last record, which readers skip.
final class AppendOnlyFile: Sendable {
    struct State {
        /// Complete records not yet written.
        var pending: [UInt8] = []
        /// The open file, or -1 once closed.
        var descriptor: Int32
        /// The first write that failed: every later call reports it.
        var failure: TensorBoardError?
        /// When bytes were last written.
        var lastWrite = ContinuousClock.now
    }

    /// The file's path, for messages.
    let path: String
    private let state: Mutex<State>

    /// Creates the file, which must not exist yet.
    ///
    /// - Returns: `nil` when a file of that name exists.
    /// - Throws: ``TensorBoardError/cannotWrite(_:)`` when it cannot be created.
    init?(creating path: String) throws {
        let descriptor = open(path, O_WRONLY | O_CREAT | O_EXCL | O_APPEND | O_CLOEXEC, 0o644)
        if descriptor < 0 {
            let code = errno
            if code == EEXIST { return nil }
            throw TensorBoardError.cannotWrite("cannot create the event file \(path): \(Self.reason(code))")
        }
        self.path = path
        state = Mutex(State(descriptor: descriptor))
    }

    /// Adds a record; writes what is waiting when `interval` has passed since the last write
    /// or a megabyte waits.
    ///
    /// - Throws: ``TensorBoardError/cannotWrite(_:)`` when a write failed (now or earlier) or
    ///   the file is closed.
    func append(_ record: [UInt8], writingAfter interval: Duration) throws {
        try state.withLock { state in
            try Self.check(&state, path: path)
            state.pending.append(contentsOf: record)
            if state.pending.count >= 1 << 20 || ContinuousClock.now - state.lastWrite >= interval {
                try Self.write(&state, path: path)
            }
        }
    }

    /// Writes what is waiting.
    ///
    /// - Throws: ``TensorBoardError/cannotWrite(_:)`` when a write failed (now or earlier).
    func flush() throws {
        try state.withLock { state in
            if let failure = state.failure { throw failure }
            guard state.descriptor >= 0 else { return }
            try Self.write(&state, path: path)
        }
    }

    /// Writes what is waiting and closes the file; closing again does nothing.
    ///
    /// - Throws: ``TensorBoardError/cannotWrite(_:)`` when a write failed (now or earlier).
    func close() throws {
        try state.withLock { state in
            guard state.descriptor >= 0 else {
                if let failure = state.failure { throw failure }
                return
            }
            defer {
                _ = closeDescriptor(state.descriptor)
                state.descriptor = -1
            }
            if let failure = state.failure { throw failure }
            try Self.write(&state, path: path)
        }
    }

    /// The timer's flush: writes what is waiting, keeping a failure for the next call to report.
    func flushQuietly() {
        state.withLock { state in
            guard state.failure == nil, state.descriptor >= 0, !state.pending.isEmpty else { return }
            try? Self.write(&state, path: path)
        }
    }

    // MARK: - Writing

    private static func check(_ state: inout State, path: String) throws {
        if let failure = state.failure { throw failure }
        guard state.descriptor >= 0 else {
            throw TensorBoardError.invalidArgument("the event file \(path) is closed")
        }
    }

    /// Writes `state.pending` in full, retrying after signals (Ctrl-C interrupts `write`).
    private static func write(_ state: inout State, path: String) throws {
        let descriptor = state.descriptor
        var written = 0
        var failureCode: Int32 = 0
        state.pending.withUnsafeBytes { bytes in
            guard let base = bytes.baseAddress else { return }
            while written < bytes.count {
                let count = systemWrite(descriptor, base + written, bytes.count - written)
                if count < 0 {
                    if errno == EINTR { continue }
                    failureCode = errno
                    return
                }
                written += count
            }
        }
        state.pending.removeAll(keepingCapacity: true)
        state.lastWrite = ContinuousClock.now
        if failureCode != 0 {
            let failure = TensorBoardError.cannotWrite("cannot write the event file \(path): \(reason(failureCode))")
            state.failure = failure
            throw failure
        }
    }

    /// The system's text for an `errno` value.
    private static func reason(_ code: Int32) -> String {
        String(cString: strerror(code))
    }
}

// The C library's `write` and `close`, under names that do not clash with the methods above.
private func systemWrite(_ descriptor: Int32, _ bytes: UnsafeRawPointer, _ count: Int) -> Int {
    write(descriptor, bytes, count)
}

private func closeDescriptor(_ descriptor: Int32) -> Int32 {
    close(descriptor)
}
