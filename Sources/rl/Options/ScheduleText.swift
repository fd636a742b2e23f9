import Foundation
import RL

/// The command line's way of writing a ``Schedule`` (ε, Q-table's α):
///
/// | text | schedule |
/// |---|---|
/// | `0.1` | constant 0.1 |
/// | `linear:1,0.05,10000` | from 1 to 0.05 in a straight line over 10,000 counts, then 0.05 |
/// | `exponential:1,0.01,0.999` | 1 × 0.999ᵗ, never below 0.01 |
/// | `reciprocal:100,1` | 1 / (t / 100 + 1), the notes' decaying ε |
///
/// ``text(of:)`` writes a schedule back the same way, so the values `rl train --dry-run`
/// prints can be pasted as options.
enum ScheduleText {
    /// The syntax, for help texts.
    static let syntax = "a number, linear:START,END,COUNT, exponential:START,END,DECAY or reciprocal:PERIOD,OFFSET"

    /// Reads a schedule.
    ///
    /// - Throws: ``CommandFailure`` saying what the text should look like.
    static func schedule(from text: String) throws -> Schedule {
        let trimmed = text.trimmingCharacters(in: .whitespaces)
        guard let colon = trimmed.firstIndex(of: ":") else {
            return .constant(try number(trimmed, in: text))
        }
        let kind = trimmed[..<colon].lowercased()
        let values = trimmed[trimmed.index(after: colon)...].split(separator: ",", omittingEmptySubsequences: false)
            .map { $0.trimmingCharacters(in: .whitespaces) }
        func requireCount(_ count: Int, _ form: String) throws {
            guard values.count == count else {
                throw CommandFailure("'\(text)' is not a schedule: \(kind) takes \(count) values, \(form)")
            }
        }
        switch kind {
        case "linear":
            try requireCount(3, "linear:START,END,COUNT")
            guard let duration = Int(values[2]) else {
                throw CommandFailure("'\(text)' is not a schedule: the COUNT of linear:START,END,COUNT must be a whole number")
            }
            return .linear(start: try number(values[0], in: text), end: try number(values[1], in: text), duration: duration)
        case "exponential":
            try requireCount(3, "exponential:START,END,DECAY")
            return .exponential(
                start: try number(values[0], in: text), end: try number(values[1], in: text),
                decay: try number(values[2], in: text))
        case "reciprocal":
            try requireCount(2, "reciprocal:PERIOD,OFFSET")
            return .reciprocal(period: try number(values[0], in: text), offset: try number(values[1], in: text))
        default:
            throw CommandFailure("'\(text)' is not a schedule: use \(syntax)")
        }
    }

    /// Writes a schedule the way ``schedule(from:)`` reads it.
    static func text(of schedule: Schedule) -> String {
        switch schedule {
        case .constant(let value):
            NumberText.plain(value)
        case .linear(let start, let end, let duration):
            "linear:\(NumberText.plain(start)),\(NumberText.plain(end)),\(duration)"
        case .exponential(let start, let end, let decay):
            "exponential:\(NumberText.plain(start)),\(NumberText.plain(end)),\(NumberText.plain(decay))"
        case .reciprocal(let period, let offset):
            "reciprocal:\(NumberText.plain(period)),\(NumberText.plain(offset))"
        }
    }

    private static func number(_ text: String, in whole: String) throws -> Double {
        guard let value = Double(text), value.isFinite else {
            throw CommandFailure("'\(whole)' is not a schedule: '\(text)' is not a number; use \(syntax)")
        }
        return value
    }
}
