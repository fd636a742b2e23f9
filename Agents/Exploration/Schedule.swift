import Foundation

/// A value that changes over training, such as the exploration rate ε or a learning rate: a
/// function of a count t (steps or episodes, as the agent documents), or of the fraction of the
/// training budget done.
///
/// ```swift
/// Schedule.linear(start: 1, end: 0.05, duration: 10_000).value(at: 5_000)   // 0.525
/// Schedule.reciprocal(period: 50, offset: 10).value(at: 100)                 // 1 / 12, the notes' ε
/// Schedule.progress(start: 1e-3, end: 0).value(at: 0, progress: 0.25)       // 7.5e-4, rl-zoo's lin_1e-3
/// ```
///
/// Written as text (the command line, configuration files): `0.1`, `linear:1,0.05,10000`,
/// `exponential:1,0.01,0.999`, `reciprocal:100,1`, `progress:0.001,0` or rl-zoo's
/// `lin_0.001` (see ``init(text:)`` and ``text``). In JSON a constant is a bare number, so
/// configurations written before schedules existed read back unchanged.
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
    /// From `start` to `end` in a straight line over the training budget: `start + (end −
    /// start) · progress`, progress being the fraction of the configured budget done, 0...1
    /// (rl-baselines3-zoo's `lin_x` is `progress(start: x, end: 0)`).
    case progress(start: Double, end: Double)

    /// The value at count `t` (t ≥ 0) with `progress` of the training budget done (0...1,
    /// read only by ``progress(start:end:)``).
    public func value(at t: Int, progress: Double = 0) -> Double {
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
        case .progress(let start, let end):
            return start + (end - start) * min(1, max(0, progress))
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
        case .progress(let start, let end):
            try check(start, "start")
            try check(end, "end")
        }
    }

    /// Checks a schedule of step sizes: every value finite and above 0, except that a schedule
    /// may end at 0 (annealed to zero, as rl-zoo's `lin_`).
    ///
    /// - Throws: ``AgentError/invalidConfiguration(_:)`` naming `name` and the bad value.
    public func validatePositive(_ name: String) throws {
        // Within a Float's range: the agents compute with Float(value).
        try validate(name, in: 0...HyperparameterText.largestMagnitude)
        let first = value(at: 0, progress: 0)
        guard first > 0 else {
            throw AgentError.invalidConfiguration("\(name) must be positive, got \(first)")
        }
        if case .exponential(_, let end, _) = self, end <= 0 {
            throw AgentError.invalidConfiguration("\(name) must stay positive, but its floor is \(end)")
        }
    }

    /// The smallest value the schedule takes (ε's floor, a learning rate's last value).
    public var minimum: Double {
        switch self {
        case .constant(let value): value
        case .linear(let start, let end, _), .exponential(let start, let end, _), .progress(let start, let end): min(start, end)
        case .reciprocal: 0
        }
    }

    public var description: String {
        switch self {
        case .constant(let value): "\(value)"
        case .linear(let start, let end, let duration): "linear \(start) → \(end) over \(duration)"
        case .exponential(let start, let end, let decay): "\(start) × \(decay)^t, at least \(end)"
        case .reciprocal(let period, let offset): "1 / (t / \(period) + \(offset))"
        case .progress(let start, let end): "\(start) → \(end) over the budget"
        }
    }

    // MARK: - JSON

    private enum CodingKeys: String, CodingKey {
        case constant, linear, exponential, reciprocal, progress
    }

    private struct Linear: Codable { var start: Double; var end: Double; var duration: Int }
    private struct Exponential: Codable { var start: Double; var end: Double; var decay: Double }
    private struct Reciprocal: Codable { var period: Double; var offset: Double }
    private struct Progress: Codable { var start: Double; var end: Double }
    private struct UnlabeledValue: Codable {
        var value: Double
        enum CodingKeys: String, CodingKey { case value = "_0" }
    }

    public init(from decoder: Decoder) throws {
        if let value = try? decoder.singleValueContainer().decode(Double.self) {
            self = .constant(value)
            return
        }
        let container = try decoder.container(keyedBy: CodingKeys.self)
        if container.contains(.constant) {
            // Written by version 1 as {"constant": {"_0": value}}.
            let value = try? container.decode(Double.self, forKey: .constant)
            self = .constant(try value ?? container.decode(UnlabeledValue.self, forKey: .constant).value)
        } else if let linear = try container.decodeIfPresent(Linear.self, forKey: .linear) {
            self = .linear(start: linear.start, end: linear.end, duration: linear.duration)
        } else if let exponential = try container.decodeIfPresent(Exponential.self, forKey: .exponential) {
            self = .exponential(start: exponential.start, end: exponential.end, decay: exponential.decay)
        } else if let reciprocal = try container.decodeIfPresent(Reciprocal.self, forKey: .reciprocal) {
            self = .reciprocal(period: reciprocal.period, offset: reciprocal.offset)
        } else if let progress = try container.decodeIfPresent(Progress.self, forKey: .progress) {
            self = .progress(start: progress.start, end: progress.end)
        } else {
            throw DecodingError.dataCorrupted(.init(
                codingPath: decoder.codingPath,
                debugDescription: "a schedule is a number or one of constant, linear, exponential, reciprocal, progress"))
        }
    }

    public func encode(to encoder: Encoder) throws {
        switch self {
        case .constant(let value):
            var container = encoder.singleValueContainer()
            try container.encode(value)
        case .linear(let start, let end, let duration):
            var container = encoder.container(keyedBy: CodingKeys.self)
            try container.encode(Linear(start: start, end: end, duration: duration), forKey: .linear)
        case .exponential(let start, let end, let decay):
            var container = encoder.container(keyedBy: CodingKeys.self)
            try container.encode(Exponential(start: start, end: end, decay: decay), forKey: .exponential)
        case .reciprocal(let period, let offset):
            var container = encoder.container(keyedBy: CodingKeys.self)
            try container.encode(Reciprocal(period: period, offset: offset), forKey: .reciprocal)
        case .progress(let start, let end):
            var container = encoder.container(keyedBy: CodingKeys.self)
            try container.encode(Progress(start: start, end: end), forKey: .progress)
        }
    }
}

extension Schedule: ExpressibleByFloatLiteral, ExpressibleByIntegerLiteral {
    /// A constant schedule written as a number: `learningRate: 0.001`.
    public init(floatLiteral value: Double) {
        self = .constant(value)
    }

    /// A constant schedule written as a whole number: `learningRate: 1`.
    public init(integerLiteral value: Int) {
        self = .constant(Double(value))
    }
}
