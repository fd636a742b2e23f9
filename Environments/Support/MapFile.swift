import Foundation
import RLCore

/// Map files (FrozenLake, grid worlds) and the `map` option's values that stand for a map's text.
public enum MapFile {
    /// The largest map file read: 16 MB, room for the largest map (``GridMapLimits``) with
    /// comments and settings.
    public static let maximumBytes = 16 << 20

    /// The text of a map file.
    ///
    /// - Throws: `TextFile.ReadError` naming the path and the reason (missing, a folder,
    ///   unreadable, larger than ``maximumBytes``, not UTF-8 text): the file is not there to be
    ///   read, which is not a usage error (`rl` exits with 1).
    public static func text(atPath path: String) throws -> String {
        try TextFile.read(path, what: "map file", limit: maximumBytes)
    }

    /// The map text a `map` option's value stands for: the value itself when it holds line
    /// breaks (a map's text, as checkpoints keep it), the text of the file it names when it
    /// names one, else `nil` (a map name or rows separated by commas, for the caller).
    ///
    /// - Throws: as ``text(atPath:)``.
    public static func text(ofOption value: String) throws -> String? {
        if value.contains(where: \.isNewline) { return value }
        guard FileManager.default.fileExists(atPath: value) else { return nil }
        return try text(atPath: value)
    }
}

/// The text of a map file (see ``MapFile/text(atPath:)``).
func readMapFile(_ path: String) throws -> String {
    try MapFile.text(atPath: path)
}
