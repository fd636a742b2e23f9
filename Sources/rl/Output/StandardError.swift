import Foundation

/// Writing to standard error, unbuffered, for progress and error lines (standard output stays
/// for results, so `rl train --json` can be piped).
enum StandardError {
    /// Writes `text` as it is.
    static func write(_ text: String) {
        FileHandle.standardError.write(Data(text.utf8))
    }

    /// Writes `text` and a newline.
    static func writeLine(_ text: String) {
        write(text + "\n")
    }
}
