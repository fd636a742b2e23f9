import ArgumentParser

/// A number, or `none` for "no such limit" (`--max-gradient-norm none`).
enum NumberOrNone: ExpressibleByArgument, Equatable {
    case none
    case number(Double)

    init?(argument: String) {
        if argument.lowercased() == "none" {
            self = .none
        } else if let value = Double(argument), value.isFinite {
            self = .number(value)
        } else {
            return nil
        }
    }

    /// The number, or `nil` for `none`.
    var value: Double? {
        if case .number(let value) = self { return value }
        return nil
    }

    /// Writes an optional number the way the option reads it.
    static func text(_ value: Double?) -> String {
        value.map(NumberText.plain) ?? "none"
    }
}
