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

    /// The status code of the calling thread's last failed call (0 when none failed).
    static var code: Int32 {
        Int32(truncatingIfNeeded: Int(bitPattern: pthread_getspecific(codeKey)))
    }

    /// Replaces the calling thread's message and status code.
    static func set(_ text: String, code: StatusCode) {
        let copy = strdup(text)
        let old = pthread_getspecific(key)
        pthread_setspecific(key, copy)
        free(old)
        pthread_setspecific(codeKey, UnsafeRawPointer(bitPattern: Int(code.rawValue)))
    }

    /// The thread-local slot of the code, held as the bit pattern of a pointer (nothing to free).
    private static let codeKey: pthread_key_t = {
        var key = pthread_key_t()
        pthread_key_create(&key, nil)
        return key
    }()

    /// A static empty C string, for threads with no message.
    // Written once, never changed: safe to share.
    nonisolated(unsafe) private static let empty: UnsafePointer<CChar> = {
        let pointer = UnsafeMutablePointer<CChar>.allocate(capacity: 1)
        pointer.initialize(to: 0)
        return UnsafePointer(pointer)
    }()
}
