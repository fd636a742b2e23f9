#if canImport(Glibc)
import Glibc
#elseif canImport(Darwin)
import Darwin
#endif

/// Whether operations on the current thread record gradients: on, except inside
/// ``withoutGradients(_:)``.
///
/// Kept in a POSIX thread-specific slot: reading it costs a couple of nanoseconds, against
/// several times that for a task-local value, and every operation on a parameter reads it.
/// A thread is the right scope because `withoutGradients` takes a synchronous closure, which
/// runs on one thread from start to end.
enum GradientRecording {
    /// The slot: a non-null value means recording is off.
    private static let key: pthread_key_t = {
        var key = pthread_key_t()
        pthread_key_create(&key, nil)
        return key
    }()

    /// Whether recording is on for this thread.
    static var isEnabled: Bool {
        pthread_getspecific(key) == nil
    }

    /// Runs `body` with recording off, then restores the previous state (calls nest).
    static func disabled<Result>(_ body: () throws -> Result) rethrows -> Result {
        let previous = pthread_getspecific(key)
        pthread_setspecific(key, UnsafeRawPointer(bitPattern: 1))
        defer { pthread_setspecific(key, previous) }
        return try body()
    }
}

/// Runs `body` without recording gradients: tensors computed inside are constants.
///
/// Use it for everything that is not differentiated, such as choosing an action or computing a
/// target network's values; it saves the graph's memory and time (PyTorch's `torch.no_grad()`).
/// The setting belongs to the calling thread and lasts until `body` returns.
public func withoutGradients<Result>(_ body: () throws -> Result) rethrows -> Result {
    try GradientRecording.disabled(body)
}
