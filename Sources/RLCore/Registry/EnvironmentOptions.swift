import Foundation

/// The options an environment is made with, as text (`["map": "8x8", "slippery": "false"]`,
/// from `rl train … --option map=8x8` or from code), with typed accessors that reject bad
/// values with one clear line.
///
/// Every accessor returns `nil` when the option is absent, so defaults read naturally:
///
/// ```swift
/// let slippery = try options.bool("slippery") ?? true
/// let successRate = try options.double("success-rate", in: 0...1) ?? 1.0 / 3.0
/// ```
///
/// The errors are ``EnvironmentError/invalidOption(_:)`` and name the environment, the option,
/// what it accepts and the value given.
public struct EnvironmentOptions: Equatable, Sendable {
    /// The options by name, as given.
    public let values: [String: String]
    /// The environment the options are for, used in error messages.
    public let environment: String

    /// Wraps option values given as text.
    public init(_ values: [String: String] = [:], environment: String = "environment") {
        self.values = values
        self.environment = environment
    }

    /// The names of the options given, sorted.
    public var names: [String] { values.keys.sorted() }

    /// Whether the option is given.
    public func contains(_ name: String) -> Bool { values[name] != nil }

    /// The option's text, or `nil` when absent.
    public func string(_ name: String) -> String? { values[name] }

    /// A yes/no option: `true`, `false`, `yes`, `no`, `on`, `off`, `1` or `0` (any case).
    public func bool(_ name: String) throws -> Bool? {
        guard let text = values[name] else { return nil }
        switch text.lowercased() {
        case "true", "yes", "on", "1": return true
        case "false", "no", "off", "0": return false
        default: throw invalid(name, "must be true or false", text)
        }
    }

    /// A whole-number option, optionally required to lie in `range`.
    public func integer(_ name: String, in range: ClosedRange<Int>? = nil) throws -> Int? {
        guard let text = values[name] else { return nil }
        guard let value = Int(text.trimmingCharacters(in: .whitespaces)) else {
            throw invalid(name, "must be a whole number" + Self.rangeText(range), text)
        }
        if let range, !range.contains(value) {
            throw invalid(name, "must be" + Self.rangeText(range), text)
        }
        return value
    }

    /// A finite decimal-number option, optionally required to lie in `range`.
    public func double(_ name: String, in range: ClosedRange<Double>? = nil) throws -> Double? {
        guard let text = values[name] else { return nil }
        guard let value = Double(text.trimmingCharacters(in: .whitespaces)), value.isFinite else {
            throw invalid(name, "must be a number" + Self.rangeText(range), text)
        }
        if let range, !range.contains(value) {
            throw invalid(name, "must be" + Self.rangeText(range), text)
        }
        return value
    }

    /// A seed option: a whole number in 0 ... 2⁶⁴ − 1.
    public func seed(_ name: String) throws -> UInt64? {
        guard let text = values[name] else { return nil }
        guard let value = UInt64(text.trimmingCharacters(in: .whitespaces)) else {
            throw invalid(name, "must be a whole number from 0 to \(UInt64.max)", text)
        }
        return value
    }

    /// Throws for the first option whose name is not in `allowed`, listing the allowed names.
    public func checkNames(allowed: [String]) throws {
        for name in names where !allowed.contains(name) {
            let known = allowed.isEmpty ? "it takes no options" : "options: " + allowed.joined(separator: ", ")
            throw EnvironmentError.invalidOption("\(environment): unknown option '\(name)'; \(known)")
        }
    }

    /// The error for an option whose value is unacceptable: "`environment`: option `name`
    /// `requirement`, got 'value'". Use it for checks the typed accessors cannot express.
    public func invalid(_ name: String, _ requirement: String, _ value: String? = nil) -> EnvironmentError {
        let given = (value ?? values[name]).map { ", got '\($0)'" } ?? ""
        return .invalidOption("\(environment): option \(name) \(requirement)\(given)")
    }

    private static func rangeText<Bound: Comparable>(_ range: ClosedRange<Bound>?) -> String {
        guard let range else { return "" }
        return " from \(range.lowerBound) to \(range.upperBound)"
    }
}
