import Foundation

/// Writing to standard error, unbuffered, for progress and error lines (standard output stays
/// for results, so `rl train --json` can be piped).
///
/// A failed write (standard error closed, or sent to a full disk) is ignored: there is nowhere
/// left to report it, and `FileHandle.write(_:)` would stop the process with a trap instead.
enum StandardError {
    /// Writes `text` as it is.
    static func write(_ text: String) {
        var bytes = Array(text.utf8)
        var offset = 0
        while offset < bytes.count {
            let written = bytes.withUnsafeMutableBytes { buffer in
                // Cannot fail: `offset < bytes.count`, so the buffer is not empty and has an address.
                Foundation.write(STDERR_FILENO, buffer.baseAddress! + offset, buffer.count - offset)
            }
            if written < 0 && errno == EINTR { continue }
            guard written > 0 else { return }
            offset += written
        }
    }

    /// Writes `text` and a newline.
    static func writeLine(_ text: String) {
        write(text + "\n")
    }
}
