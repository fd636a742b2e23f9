import Foundation
import RLCore

/// The text of a map file.
///
/// - Throws: ``EnvironmentError/invalidOption(_:)`` naming the path and the reason (missing,
///   a folder, not UTF-8 text).
func readMapFile(_ path: String) throws -> String {
    var isDirectory: ObjCBool = false
    guard FileManager.default.fileExists(atPath: path, isDirectory: &isDirectory) else {
        throw EnvironmentError.invalidOption("cannot read the map file '\(path)': no such file")
    }
    guard !isDirectory.boolValue else {
        throw EnvironmentError.invalidOption("cannot read the map file '\(path)': it is a folder")
    }
    guard let data = FileManager.default.contents(atPath: path) else {
        throw EnvironmentError.invalidOption("cannot read the map file '\(path)': permission denied or unreadable")
    }
    guard let text = String(data: data, encoding: .utf8) else {
        throw EnvironmentError.invalidOption("cannot read the map file '\(path)': it is not UTF-8 text")
    }
    return text
}
