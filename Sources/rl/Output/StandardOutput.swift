// `stdout` is a C global the compiler cannot prove safe to share; it is only read here, on the
// main thread, after the command has run.
#if canImport(Glibc)
@preconcurrency import Glibc
#elseif canImport(Darwin)
@preconcurrency import Darwin
#endif

/// Standard output as results reach it: what `print` wrote must have reached the file, or the
/// command fails (`rl list > /dev/full` must not end with exit code 0).
enum StandardOutput {
    /// Flushes standard output and checks that every write to it succeeded.
    ///
    /// - Throws: ``CommandFailure`` with the system's reason (`No space left on device`).
    static func check() throws {
        let flushed = fflush(stdout) == 0
        let reason = errno
        guard flushed, ferror(stdout) == 0 else {
            clearerr(stdout)
            throw CommandFailure("cannot write to standard output: \(flushed || reason == 0 ? "a write failed" : String(cString: strerror(reason)))")
        }
    }
}
