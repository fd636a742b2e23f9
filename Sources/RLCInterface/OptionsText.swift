import Foundation
import RLCore

/// Environment options given as a JSON object (`{"slippery": false, "map": "8x8"}`), read into
/// the text values the registry takes (`["slippery": "false", "map": "8x8"]`): strings as they
/// are, `true`/`false`, whole numbers and decimals as they print. An empty string or `null`
/// pointer means no options.
enum OptionsText {
    /// The options in `json`.
    ///
    /// - Throws: ``InterfaceError`` (`.invalidOption`) when `json` is not an object whose values
    ///   are strings, numbers or booleans.
    static func parse(_ json: String) throws -> [String: String] {
        if json.trimmingCharacters(in: .whitespacesAndNewlines).isEmpty { return [:] }
        let values: [String: OptionValue]
        do {
            values = try JSONDecoder().decode([String: OptionValue].self, from: Data(json.utf8))
        } catch {
            throw InterfaceError(.invalidOption,
                                 "the options must be a JSON object of strings, numbers and booleans, such as {\"slippery\": false}; got \(json)")
        }
        return values.mapValues(\.text)
    }

    /// One option's value as JSON gives it.
    private enum OptionValue: Decodable {
        case bool(Bool), integer(Int), number(Double), string(String)

        init(from decoder: any Decoder) throws {
            let container = try decoder.singleValueContainer()
            if let value = try? container.decode(Bool.self) {
                self = .bool(value)
            } else if let value = try? container.decode(Int.self) {
                self = .integer(value)
            } else if let value = try? container.decode(Double.self) {
                self = .number(value)
            } else {
                self = .string(try container.decode(String.self))
            }
        }

        var text: String {
            switch self {
            case .bool(let value): "\(value)"
            case .integer(let value): "\(value)"
            case .number(let value): "\(value)"
            case .string(let value): value
            }
        }
    }
}
