import ArgumentParser
import Foundation

/// What `rl watch --record PATH` writes: an animated GIF for a path ending in `.gif`, PNG
/// frames for a folder (one that exists, or a new path without an extension or ending in `/`).
enum RecordingTarget: Equatable {
    /// An animated GIF at this path.
    case gif(String)
    /// PNG frames in this folder, made when missing.
    case frames(String)

    /// The target `--record` names.
    ///
    /// - Throws: `ValidationError` (a usage error) for a path that is neither: an extension other
    ///   than `.gif` on something that is not a folder.
    init(_ path: String) throws {
        var isDirectory: ObjCBool = false
        let exists = FileManager.default.fileExists(atPath: path, isDirectory: &isDirectory)
        let fileExtension = URL(fileURLWithPath: path).pathExtension.lowercased()
        if exists && isDirectory.boolValue {
            self = .frames(path)
        } else if fileExtension == "gif" {
            self = .gif(path)
        } else if !exists && (fileExtension.isEmpty || path.hasSuffix("/")) {
            self = .frames(path)
        } else {
            throw ValidationError("--record takes FILE.gif (an animated GIF) or a folder for PNG frames, got '\(path)'")
        }
    }
}
