import Foundation

/// Amounts of memory in words people read (`40.0 GB`), and the saturating arithmetic that
/// estimates them without overflowing for absurd sizes.
public enum MemorySize {
    /// The bytes of `count` 32-bit floats, or `Int.max` when that overflows.
    public static func bytes(ofFloats count: Int) -> Int {
        let (bytes, overflow) = count.multipliedReportingOverflow(by: MemoryLayout<Float>.size)
        return overflow ? .max : bytes
    }

    /// `a + b`, or `Int.max` when that overflows.
    static func adding(_ a: Int, _ b: Int) -> Int {
        let (sum, overflow) = a.addingReportingOverflow(b)
        return overflow ? .max : sum
    }

    /// `a × b`, or `Int.max` when that overflows (both non-negative).
    static func multiplying(_ a: Int, _ b: Int) -> Int {
        let (product, overflow) = a.multipliedReportingOverflow(by: b)
        return overflow ? .max : product
    }

    /// `bytes` in decimal units with three significant figures: `512 bytes`, `1.50 MB`,
    /// `40.0 GB`; `more than 9.22 EB` for a count that overflowed.
    public static func text(bytes: Int) -> String {
        if bytes == .max { return "more than 9.22 EB" }
        let units = ["bytes", "kB", "MB", "GB", "TB", "PB", "EB"]
        var value = Double(bytes)
        var unit = 0
        while value >= 1000 && unit < units.count - 1 {
            value /= 1000
            unit += 1
        }
        if unit == 0 { return "\(bytes) bytes" }
        let decimals = value >= 100 ? 0 : value >= 10 ? 1 : 2
        return String(format: "%.\(decimals)f", value) + " " + units[unit]
    }
}
