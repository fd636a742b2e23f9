import Foundation

/// A value that changes over training, such as the exploration rate ε: a function of a count
/// t (steps or episodes, as the agent documents).
///
/// ```swift
/// Schedule.linear(start: 1, end: 0.05, duration: 10_000).value(at: 5_000)   // 0.525
/// Schedule.reciprocal(period: 50, offset: 10).value(at: 100)                 // 1 / 12, the notes' ε
/// ```
public enum Schedule: Codable, Equatable, Sendable, CustomStringConvertible {
    /// Always `value`.
    case constant(Double)
    /// From `start` to `end` in a straight line over `duration` counts, then `end`
    /// (Stable-Baselines3's linear schedule).
    case linear(start: Double, end: Double, duration: Int)
    /// `max(end, start · decayᵗ)`: multiplied by `decay` every count, never below `end`.
    case exponential(start: Double, end: Double, decay: Double)
    /// `1 / (t / period + offset)`: the notes' decaying ε, `1 / ((i / 50) + 10)`.
    case reciprocal(period: Double, offset: Double)

    /// The value at count `t` (t ≥ 0).
    public func value(at t: Int) -> Double {
        let count = Double(max(0, t))
        switch self {
        case .constant(let value):
            return value
        case .linear(let start, let end, let duration):
            guard count < Double(duration) else { return end }
            return start + (end - start) * count / Double(duration)
        case .exponential(let start, let end, let decay):
            return max(end, start * pow(decay, count))
        case .reciprocal(let period, let offset):
            return 1 / (count / period + offset)
        }
    }

    /// Checks that every value the schedule can take lies in `range`.
    ///
    /// - Throws: ``AgentError/invalidConfiguration(_:)`` naming `name` and the bad value.
    public func validate(_ name: String, in range: ClosedRange<Double>) throws {
        func check(_ value: Double, _ what: String) throws {
            guard value.isFinite, range.contains(value) else {
                throw AgentError.invalidConfiguration(
                    "\(name) \(what) must be in [\(range.lowerBound), \(range.upperBound)], got \(value)")
            }
        }
        switch self {
        case .constant(let value):
            try check(value, "value")
        case .linear(let start, let end, let duration):
            try check(start, "start")
            try check(end, "end")
            guard duration >= 0 else { throw AgentError.invalidConfiguration("\(name) duration must be ≥ 0, got \(duration)") }
        case .exponential(let start, let end, let decay):
            try check(start, "start")
            try check(end, "end")
            guard decay > 0 && decay <= 1 else {
                throw AgentError.invalidConfiguration("\(name) decay must be in (0, 1], got \(decay)")
            }
        case .reciprocal(let period, let offset):
            guard period > 0, offset > 0 else {
                throw AgentError.invalidConfiguration("\(name) period and offset must be positive, got \(period) and \(offset)")
            }
            try check(1 / offset, "first value (1 / offset)")
        }
    }

    public var description: String {
        switch self {
        case .constant(let value): "\(value)"
        case .linear(let start, let end, let duration): "linear \(start) → \(end) over \(duration)"
        case .exponential(let start, let end, let decay): "\(start) × \(decay)^t, at least \(end)"
        case .reciprocal(let period, let offset): "1 / (t / \(period) + \(offset))"
        }
    }
}
