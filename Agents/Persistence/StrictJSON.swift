import Foundation

/// Reading the JSON a checkpoint's metadata holds as strictly as its tensors: a field that is
/// missing, of the wrong type or out of range is an error, and so is a field the type does not
/// have (a misspelt or damaged key is never silently ignored and replaced by a default).
///
/// Errors are one line for people: `'batchSize' must be a whole number`, never Swift's
/// `DecodingError` dump.
enum StrictJSON {
    /// A value decoded from `text`, refusing unknown fields.
    ///
    /// - Throws: ``Problem`` saying what is wrong and where (`'network.hiddenLayers[1]'`).
    static func decode<Value: Codable>(_ type: Value.Type, from text: String) throws -> Value {
        let data = Data(text.utf8)
        let value: Value
        do {
            value = try JSONDecoder().decode(type, from: data)
        } catch let error as DecodingError {
            // Foundation reports a number that does not fit its field (2^64 or 1.5 for an
            // `Int`) as text that is not JSON; say which it is.
            if case .dataCorrupted(let context) = error, context.codingPath.isEmpty,
               (try? JSONSerialization.jsonObject(with: data, options: [.fragmentsAllowed])) != nil {
                throw Problem(message: "a number does not fit its field (a whole number too large, or a fraction where a whole number belongs)")
            }
            throw Problem(describing: error)
        }
        // Every field given must be one the type reads back: encode what was read and compare
        // the objects' keys, level by level.
        guard let given = try? JSONSerialization.jsonObject(with: data, options: [.fragmentsAllowed]),
              let encoded = try? JSONEncoder().encode(value),
              let kept = try? JSONSerialization.jsonObject(with: encoded, options: [.fragmentsAllowed])
        else { return value }
        if let unknown = unknownField(in: given, comparedWith: kept, path: "") {
            throw Problem(message: "'\(unknown)' is not a field it has")
        }
        return value
    }

    /// The path of the first key of `given` that `kept` lacks, looking into nested objects and
    /// arrays of the same shape; `nil` when there is none. `null` values count as absent.
    private static func unknownField(in given: Any, comparedWith kept: Any, path: String) -> String? {
        if let givenObject = given as? [String: Any], let keptObject = kept as? [String: Any] {
            for key in givenObject.keys.sorted() {
                guard let value = givenObject[key], !(value is NSNull) else { continue }
                let nested = path.isEmpty ? key : "\(path).\(key)"
                guard let keptValue = keptObject[key] else { return nested }
                if let unknown = unknownField(in: value, comparedWith: keptValue, path: nested) { return unknown }
            }
        } else if let givenArray = given as? [Any], let keptArray = kept as? [Any], givenArray.count == keptArray.count {
            for (index, (value, keptValue)) in zip(givenArray, keptArray).enumerated() {
                if let unknown = unknownField(in: value, comparedWith: keptValue, path: "\(path)[\(index)]") { return unknown }
            }
        }
        return nil
    }

    /// What is wrong with a JSON text, in one line.
    struct Problem: Error, CustomStringConvertible {
        let message: String

        init(message: String) {
            self.message = message
        }

        /// A `DecodingError` in words: the field's path and what it needed.
        init(describing error: DecodingError) {
            func path(_ context: DecodingError.Context, _ last: CodingKey? = nil) -> String {
                var text = ""
                for key in context.codingPath + (last.map { [$0] } ?? []) {
                    if let index = key.intValue {
                        text += "[\(index)]"
                    } else {
                        text += (text.isEmpty ? "" : ".") + key.stringValue
                    }
                }
                return text.isEmpty ? "the value" : "'\(text)'"
            }
            switch error {
            case .keyNotFound(let key, let context):
                message = "\(path(context, key)) is missing"
            case .valueNotFound(let type, let context):
                message = "\(path(context)) is null; it must be \(Self.noun(for: type))"
            case .typeMismatch(let type, let context):
                message = "\(path(context)) must be \(Self.noun(for: type))"
            case .dataCorrupted(let context):
                // Text that is not JSON at all, or the decoder's own words for a value out of
                // range ("Parsed JSON number <1e30> does not fit in Int.", a layout's size).
                if context.codingPath.isEmpty && (context.underlyingError != nil || context.debugDescription.contains("not valid JSON")) {
                    message = "it is not valid JSON"
                } else {
                    message = context.codingPath.isEmpty ? context.debugDescription : "\(path(context)): \(context.debugDescription)"
                }
            @unknown default:
                message = "it cannot be read"
            }
        }

        /// The kind of JSON value a type reads, in words.
        private static func noun(for type: Any.Type) -> String {
            switch type {
            case is any BinaryInteger.Type: "a whole number"
            case is any BinaryFloatingPoint.Type: "a number"
            case is String.Type: "text"
            case is Bool.Type: "true or false"
            case is [Any].Type: "a list"
            default: "an object"
            }
        }

        var description: String { message }
    }
}
