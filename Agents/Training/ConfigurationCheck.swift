/// The range checks agents' configurations share; each throws
/// ``AgentError/invalidConfiguration(_:)`` with a message naming the value and its range.
enum ConfigurationCheck {
    /// `condition` holds, or the message is the error.
    static func require(_ condition: Bool, _ message: @autoclosure () -> String) throws {
        if !condition { throw AgentError.invalidConfiguration(message()) }
    }

    /// A positive, finite number (learning rates, norms).
    static func positive(_ value: Double, _ name: String) throws {
        try require(value > 0 && value.isFinite, "\(name) must be positive, got \(value)")
    }

    /// A number in [0, 1] (discounts, probabilities).
    static func unitInterval(_ value: Double, _ name: String) throws {
        try require(value >= 0 && value <= 1, "\(name) must be in [0, 1], got \(value)")
    }

    /// A whole number at least `minimum` (sizes, intervals, counts).
    static func atLeast(_ value: Int, _ minimum: Int, _ name: String) throws {
        try require(value >= minimum, "\(name) must be at least \(minimum), got \(value)")
    }
}
