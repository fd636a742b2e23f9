import Foundation

/// How hyperparameter values are written as text, on the command line and in configuration
/// files, and read back: numbers as short as they can be written and still read back exactly,
/// `none` for an absent limit, widths as `64,64`.
public enum HyperparameterText {
    /// A number as short as it can be written and still read back exactly: `1`, `0.0023`,
    /// `1e-05` (whole numbers without `.0`).
    public static func number(_ value: Double) -> String {
        if value.isFinite, value == value.rounded(), abs(value) < 1e15 {
            return String(Int64(value))
        }
        return "\(value)"
    }

    /// A finite number read from `text`.
    ///
    /// - Throws: ``AgentError/invalidConfiguration(_:)`` naming the hyperparameter.
    public static func parseNumber(_ text: String, for name: String) throws -> Double {
        guard let value = Double(text.trimmingCharacters(in: .whitespaces)), value.isFinite else {
            throw AgentError.invalidConfiguration("--\(name) takes a number, got '\(text)'")
        }
        try checkFloatRange(value, for: name, text: text)
        return value
    }

    /// The largest magnitude a value may have: agents compute in 32-bit floats, where a larger
    /// number (1e308 passes as a `Double`) would become infinite.
    public static let largestMagnitude = Double(Float.greatestFiniteMagnitude)

    /// Throws unless `value` is within ±``largestMagnitude``.
    ///
    /// - Throws: ``AgentError/invalidConfiguration(_:)`` naming the hyperparameter.
    static func checkFloatRange(_ value: Double, for name: String, text: String) throws {
        guard abs(value) <= largestMagnitude else {
            throw AgentError.invalidConfiguration(
                "--\(name) takes numbers up to 3.4e38 in size (the largest 32-bit float), got \(text)")
        }
    }

    /// A whole number read from `text`.
    ///
    /// - Throws: ``AgentError/invalidConfiguration(_:)`` naming the hyperparameter.
    public static func parseInteger(_ text: String, for name: String) throws -> Int {
        guard let value = Int(text.trimmingCharacters(in: .whitespaces)) else {
            throw AgentError.invalidConfiguration("--\(name) takes a whole number, got '\(text)'")
        }
        return value
    }

    /// Layer widths written as `64,64`, or `none` for no hidden layer.
    public static func widths(_ widths: [Int]) -> String {
        widths.isEmpty ? "none" : widths.map(String.init).joined(separator: ",")
    }

    /// Layer widths read from `64,64` or `none`.
    ///
    /// - Throws: ``AgentError/invalidConfiguration(_:)`` for anything but positive whole numbers
    ///   separated by commas.
    public static func parseWidths(_ text: String, for name: String) throws -> [Int] {
        let trimmed = text.trimmingCharacters(in: .whitespaces)
        if trimmed.lowercased() == "none" || trimmed.isEmpty { return [] }
        return try trimmed.split(separator: ",", omittingEmptySubsequences: false).map { part in
            guard let width = Int(part.trimmingCharacters(in: .whitespaces)), width >= 1 else {
                throw AgentError.invalidConfiguration(
                    "--\(name) takes layer widths as whole numbers ≥ 1 separated by commas (64,64) or none, got '\(text)'")
            }
            return width
        }
    }

    /// A yes/no value read from `true`, `false`, `on`, `off`, `yes`, `no`, `1` or `0`.
    ///
    /// - Throws: ``AgentError/invalidConfiguration(_:)`` for anything else.
    public static func parseFlag(_ text: String, for name: String) throws -> Bool {
        switch text.trimmingCharacters(in: .whitespaces).lowercased() {
        case "true", "on", "yes", "1": return true
        case "false", "off", "no", "0": return false
        default: throw AgentError.invalidConfiguration("--\(name) takes on or off (true or false), got '\(text)'")
        }
    }

    /// A camel-case name written in kebab case, as the command line spells choices:
    /// `leakyRelu` becomes `leaky-relu`.
    public static func kebabCase(_ name: String) -> String {
        name.reduce(into: "") { result, character in
            if character.isUppercase { result += "-" + character.lowercased() } else { result.append(character) }
        }
    }
}

/// The numbers a hyperparameter accepts: an interval whose ends may be open, closed or absent.
///
/// ```swift
/// ValueRange.positive          // > 0
/// ValueRange.unitInterval      // in [0, 1]
/// ValueRange(above: 0, atMost: 1)   // in (0, 1]
/// ```
public struct ValueRange: Sendable, Equatable, CustomStringConvertible {
    /// The lower end, and whether it belongs to the range.
    public var lower: (value: Double, included: Bool)?
    /// The upper end, and whether it belongs to the range.
    public var upper: (value: Double, included: Bool)?

    /// Any finite number.
    public static let any = ValueRange(lower: nil, upper: nil)
    /// Numbers above 0.
    public static let positive = ValueRange(lower: (0, false), upper: nil)
    /// Numbers of at least 0.
    public static let nonNegative = ValueRange(lower: (0, true), upper: nil)
    /// Numbers in [0, 1].
    public static let unitInterval = ValueRange(lower: (0, true), upper: (1, true))

    /// A range from its ends.
    public init(lower: (value: Double, included: Bool)?, upper: (value: Double, included: Bool)?) {
        self.lower = lower
        self.upper = upper
    }

    /// (`lower`, `upper`]: above `lower`, at most `upper`.
    public init(above lower: Double, atMost upper: Double) {
        self.init(lower: (lower, false), upper: (upper, true))
    }

    /// [`lower`, `upper`].
    public init(from lower: Double, through upper: Double) {
        self.init(lower: (lower, true), upper: (upper, true))
    }

    /// Numbers of at least `lower`.
    public static func atLeast(_ lower: Double) -> ValueRange {
        ValueRange(lower: (lower, true), upper: nil)
    }

    /// Whether `value` is finite and inside the range.
    public func contains(_ value: Double) -> Bool {
        guard value.isFinite else { return false }
        if let lower, lower.included ? value < lower.value : value <= lower.value { return false }
        if let upper, upper.included ? value > upper.value : value >= upper.value { return false }
        return true
    }

    /// `> 0`, `≥ 1`, `in [0, 1]`, `in (0, 1]`, or `any number`.
    public var description: String {
        let plain = HyperparameterText.number
        switch (lower, upper) {
        case (nil, nil): return "any number"
        case (let lower?, nil): return (lower.included ? "≥ " : "> ") + plain(lower.value)
        case (nil, let upper?): return (upper.included ? "≤ " : "< ") + plain(upper.value)
        case (let lower?, let upper?):
            return "in " + (lower.included ? "[" : "(") + plain(lower.value) + ", " + plain(upper.value) + (upper.included ? "]" : ")")
        }
    }

    public static func == (lhs: ValueRange, rhs: ValueRange) -> Bool {
        lhs.lower?.value == rhs.lower?.value && lhs.lower?.included == rhs.lower?.included
            && lhs.upper?.value == rhs.upper?.value && lhs.upper?.included == rhs.upper?.included
    }
}
