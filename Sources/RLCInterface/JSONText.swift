import Foundation

/// The interface's JSON: keys in snake case (`max_episode_steps`), sorted, and the infinite
/// bounds of a `Box` as the strings `"inf"` and `"-inf"`.
enum JSONText {
    /// `value` as JSON text.
    ///
    /// - Throws: ``InterfaceError`` (`.failed`) when it cannot be encoded.
    static func encode(_ value: some Encodable) throws -> String {
        let encoder = JSONEncoder()
        encoder.keyEncodingStrategy = .convertToSnakeCase
        encoder.outputFormatting = [.sortedKeys]
        encoder.nonConformingFloatEncodingStrategy = .convertToString(positiveInfinity: "inf", negativeInfinity: "-inf", nan: "nan")
        do {
            return String(decoding: try encoder.encode(value), as: UTF8.self)
        } catch {
            throw InterfaceError(.failed, "cannot encode JSON: \(error)")
        }
    }
}
