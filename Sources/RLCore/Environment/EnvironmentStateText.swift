import Foundation

/// An environment's changing state as JSON text, for the environments that can save it
/// (``StatefulEnvironment``): how checkpoints keep where an episode stood.
public enum EnvironmentStateText {
    /// The state of `environment` as JSON, or `nil` when it cannot save it.
    ///
    /// - Throws: what encoding throws (a state with a non-finite number, say).
    public static func encode<E: Environment>(_ environment: E) throws -> String? {
        guard let stateful = environment as? any StatefulEnvironment else { return nil }
        func encode<S: StatefulEnvironment>(_ environment: S) throws -> String {
            let encoder = JSONEncoder()
            encoder.outputFormatting = [.sortedKeys]
            encoder.nonConformingFloatEncodingStrategy = .convertToString(positiveInfinity: "inf", negativeInfinity: "-inf", nan: "nan")
            return String(decoding: try encoder.encode(environment.savedState), as: UTF8.self)
        }
        return try encode(stateful)
    }

    /// Puts the state `text` describes back into `environment`; `false` when it cannot save
    /// and restore its state.
    ///
    /// - Throws: ``EnvironmentError/invalidOption(_:)`` when the text is not a state of this
    ///   environment.
    public static func decode<E: Environment>(_ text: String, into environment: inout E) throws -> Bool {
        guard var stateful = environment as? any StatefulEnvironment else { return false }
        func restore<S: StatefulEnvironment>(_ environment: inout S) throws {
            let decoder = JSONDecoder()
            decoder.nonConformingFloatDecodingStrategy = .convertFromString(positiveInfinity: "inf", negativeInfinity: "-inf", nan: "nan")
            let saved: S.SavedState
            do {
                saved = try decoder.decode(S.SavedState.self, from: Data(text.utf8))
            } catch {
                throw EnvironmentError.invalidOption("the saved state does not fit \(S.self)")
            }
            try environment.restore(saved)
        }
        try restore(&stateful)
        guard let restored = stateful as? E else { return false }
        environment = restored
        return true
    }
}
