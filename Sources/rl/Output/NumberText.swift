import Foundation
import RL

/// Numbers as the command prints them.
enum NumberText {
    /// A number as short as it can be written and still read back exactly: `1`, `0.0023`,
    /// `1e-05` (whole numbers without `.0`), for option values.
    static func plain(_ value: Double) -> String {
        HyperparameterText.number(value)
    }

    /// A count with thousands separators: `100,000`.
    static func count(_ value: Int) -> String {
        let digits = String(value.magnitude)
        var grouped = ""
        for (offset, digit) in digits.enumerated() {
            if offset > 0 && (digits.count - offset) % 3 == 0 { grouped += "," }
            grouped.append(digit)
        }
        return (value < 0 ? "-" : "") + grouped
    }

    /// A number with a fixed number of decimals: `fixed(3.14159, 2)` is `3.14`.
    static func fixed(_ value: Double, _ decimals: Int) -> String {
        String(format: "%.\(decimals)f", value)
    }

    /// A fraction as a percentage with one decimal: `74.4%`.
    static func percent(_ fraction: Double) -> String {
        fixed(fraction * 100, 1) + "%"
    }

    /// A duration as `m:ss` (or `h:mm:ss`), for elapsed times.
    static func clock(_ seconds: Double) -> String {
        let whole = Int(seconds.rounded(.down))
        let (hours, minutes, remainder) = (whole / 3600, whole / 60 % 60, whole % 60)
        return hours > 0
            ? String(format: "%d:%02d:%02d", hours, minutes, remainder)
            : String(format: "%d:%02d", minutes, remainder)
    }

    /// A duration in seconds with a precision that suits its size: `0.42 s`, `3.2 s`, `95 s`.
    static func seconds(_ seconds: Double) -> String {
        seconds < 1 ? fixed(seconds, 2) + " s" : seconds < 10 ? fixed(seconds, 1) + " s" : fixed(seconds, 0) + " s"
    }

    /// A size in bytes for people: `512 B`, `41.2 kB`, `3.4 MB`.
    static func bytes(_ count: Int) -> String {
        switch count {
        case ..<1_000: "\(count) B"
        case ..<1_000_000: fixed(Double(count) / 1_000, 1) + " kB"
        case ..<1_000_000_000: fixed(Double(count) / 1_000_000, 1) + " MB"
        default: fixed(Double(count) / 1_000_000_000, 1) + " GB"
        }
    }
}
