import Foundation

// How schedules are written as text on the command line and in configuration files.
//
// | text                        | schedule                                                        |
// |-----------------------------|-----------------------------------------------------------------|
// | `0.1`                       | constant 0.1                                                    |
// | `linear:1,0.05,10000`       | from 1 to 0.05 in a straight line over 10,000 counts, then 0.05 |
// | `exponential:1,0.01,0.999`  | 1 × 0.999ᵗ, never below 0.01                                    |
// | `reciprocal:100,1`          | 1 / (t / 100 + 1), the notes' decaying ε                        |
// | `progress:0.001,0`          | 0.001 to 0 over the training budget                             |
// | `lin_0.001`                 | the same, as rl-baselines3-zoo writes it                        |

extension Schedule {
    /// The text forms, for help texts and error messages.
    public static let syntax =
        "a number, linear:START,END,COUNT, exponential:START,END,DECAY, reciprocal:PERIOD,OFFSET, progress:START,END or lin_START"

    /// Reads a schedule written as ``text``.
    ///
    /// - Throws: ``AgentError/invalidConfiguration(_:)`` saying what the text should look like.
    public init(text: String) throws {
        let trimmed = text.trimmingCharacters(in: .whitespaces)
        if trimmed.lowercased().hasPrefix("lin_") {
            self = .progress(start: try Self.number(String(trimmed.dropFirst(4)), in: text), end: 0)
            return
        }
        guard let colon = trimmed.firstIndex(of: ":") else {
            self = .constant(try Self.number(trimmed, in: text))
            return
        }
        let kind = trimmed[..<colon].lowercased()
        let values = trimmed[trimmed.index(after: colon)...].split(separator: ",", omittingEmptySubsequences: false)
            .map { $0.trimmingCharacters(in: .whitespaces) }
        func requireCount(_ count: Int, _ form: String) throws {
            guard values.count == count else {
                throw AgentError.invalidConfiguration("'\(text)' is not a schedule: \(kind) takes \(count) values, \(form)")
            }
        }
        switch kind {
        case "linear":
            try requireCount(3, "linear:START,END,COUNT")
            guard let duration = Int(values[2]) else {
                throw AgentError.invalidConfiguration(
                    "'\(text)' is not a schedule: the COUNT of linear:START,END,COUNT must be a whole number")
            }
            self = .linear(start: try Self.number(values[0], in: text), end: try Self.number(values[1], in: text), duration: duration)
        case "exponential":
            try requireCount(3, "exponential:START,END,DECAY")
            self = .exponential(
                start: try Self.number(values[0], in: text), end: try Self.number(values[1], in: text),
                decay: try Self.number(values[2], in: text))
        case "reciprocal":
            try requireCount(2, "reciprocal:PERIOD,OFFSET")
            self = .reciprocal(period: try Self.number(values[0], in: text), offset: try Self.number(values[1], in: text))
        case "progress":
            try requireCount(2, "progress:START,END")
            self = .progress(start: try Self.number(values[0], in: text), end: try Self.number(values[1], in: text))
        default:
            throw AgentError.invalidConfiguration("'\(text)' is not a schedule: use \(Self.syntax)")
        }
    }

    /// The schedule written the way ``init(text:)`` reads it.
    public var text: String {
        let plain = HyperparameterText.number
        return switch self {
        case .constant(let value): plain(value)
        case .linear(let start, let end, let duration): "linear:\(plain(start)),\(plain(end)),\(duration)"
        case .exponential(let start, let end, let decay): "exponential:\(plain(start)),\(plain(end)),\(plain(decay))"
        case .reciprocal(let period, let offset): "reciprocal:\(plain(period)),\(plain(offset))"
        case .progress(let start, let end): "progress:\(plain(start)),\(plain(end))"
        }
    }

    private static func number(_ text: String, in whole: String) throws -> Double {
        guard let value = Double(text), value.isFinite else {
            throw AgentError.invalidConfiguration("'\(whole)' is not a schedule: '\(text)' is not a number; use \(syntax)")
        }
        return value
    }
}
