import Foundation

/// Writes a file so that it appears whole or not at all: the content goes to a temporary file
/// beside it, which is renamed over the destination once complete. A reader never sees half a
/// frame, and a failed or interrupted write leaves any earlier file as it was.
struct AtomicFile {
    /// The file to make.
    let path: String
    /// The temporary file written first, in the same directory (so renaming is atomic).
    let temporaryPath: String

    init(path: String) {
        self.path = path
        let url = URL(fileURLWithPath: path)
        temporaryPath = url.deletingLastPathComponent()
            .appendingPathComponent(".\(url.lastPathComponent).\(UUID().uuidString.prefix(8)).partial").path
    }

    /// Moves the finished temporary file to ``path``, replacing what was there.
    ///
    /// - Throws: ``ViewerError/cannotWriteImage(path:reason:)`` when it cannot be renamed.
    func commit() throws {
        guard rename(temporaryPath, path) == 0 else {
            let reason = String(cString: strerror(errno))
            discard()
            throw ViewerError.cannotWriteImage(path: path, reason: reason)
        }
    }

    /// Removes the temporary file, if it is there.
    func discard() {
        unlink(temporaryPath)
    }
}
