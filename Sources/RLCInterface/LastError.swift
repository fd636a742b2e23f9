#if canImport(Glibc)
import Glibc
#elseif canImport(Darwin)
import Darwin
#endif

/// The message of the last failed call, kept per thread as a C string that the interface owns:
/// a caller (Python's ctypes releases its lock around foreign calls) reads the message of its
/// own call even when other threads fail at the same time.
enum LastError {
    /// The thread-local slot; its destructor frees a thread's message when the thread ends.
    private static let key: pthread_key_t = {
        var key = pthread_key_t()
        pthread_key_create(&key) { pointer in free(pointer) }
        return key
    }()

    /// The calling thread's last message, or an empty string when none of its calls failed.
    static var message: UnsafePointer<CChar> {
        guard let stored = pthread_getspecific(key) else { return empty }
        return UnsafePointer(stored.assumingMemoryBound(to: CChar.self))
    }

    /// Replaces the calling thread's message.
    static func set(_ text: String) {
        let copy = strdup(text)
        let old = pthread_getspecific(key)
        pthread_setspecific(key, copy)
        free(old)
    }

    /// A static empty C string, for threads with no message.
    // Written once, never changed: safe to share.
    nonisolated(unsafe) private static let empty: UnsafePointer<CChar> = {
        let pointer = UnsafeMutablePointer<CChar>.allocate(capacity: 1)
        pointer.initialize(to: 0)
        return UnsafePointer(pointer)
    }()
}
