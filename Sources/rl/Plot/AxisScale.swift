import Foundation

/// A linear axis with "nice" tick marks (1, 2 or 5 times a power of ten), covering a range of
/// data values.
///
/// Any finite values work, however large or close together (returns of 1e18 from a reward
/// schedule, a flat series): nothing here converts a value to an integer that it might not
/// fit, and labels beyond ±10¹⁵ are written with an exponent (`1e+18`).
struct AxisScale {
    /// The first and last values on the axis (tick values that enclose the data).
    let lower: Double
    let upper: Double
    /// The distance between ticks.
    let step: Double

    /// The largest magnitude labelled with all its digits (`100,000`); larger ones get an
    /// exponent.
    static let largestPlainLabel = 1e15

    /// An axis covering `minimum...maximum` with about `tickCount` ticks.
    ///
    /// - Precondition: both are finite and `maximum - minimum` is finite (``MetricsTable``
    ///   refuses values beyond ±1e300).
    /// - Parameter tight: end the axis at the data (ticks fall inside it) rather than at the
    ///   enclosing ticks; suits an x axis of episodes, which should not run past the last one.
    init(minimum: Double, maximum: Double, tickCount: Int = 6, tight: Bool = false) {
        // A flat series still needs a range to draw in: ±1, or ±1% of a value so large that
        // adding 1 would not change it (1e18 + 1 == 1e18).
        var (low, high) = (minimum, maximum)
        if !(high > low) {
            let margin = Swift.max(1, abs(minimum) / 100)
            (low, high) = (minimum - margin, maximum + margin)
        }
        let rough = (high - low) / Double(Swift.max(1, tickCount - 1))
        let magnitude = pow(10, (log10(rough)).rounded(.down))
        let multiple = [1.0, 2, 5, 10].first { $0 * magnitude >= rough } ?? 10
        step = multiple * magnitude
        lower = tight ? low : (low / step).rounded(.down) * step
        upper = tight ? high : (high / step).rounded(.up) * step
    }

    /// The multiples of ``step`` from ``lower`` to ``upper``.
    var ticks: [Double] {
        let first = (lower / step).rounded(.up)
        let last = (upper / step).rounded(.down)
        // About `tickCount` multiples; the counts stay far inside Int's range (a double's
        // precision keeps |lower| / step below 10¹⁷), but a bad axis must give no ticks, not trap.
        guard first.isFinite, last.isFinite, first <= last, last - first <= 100, abs(first) < 1e17, abs(last) < 1e17 else { return [] }
        return (Int(first)...Int(last)).map { Double($0) * step }
    }

    /// The position 0...1 of `value` along the axis.
    func fraction(_ value: Double) -> Double {
        (value - lower) / (upper - lower)
    }

    /// A tick value as a label, with as many decimals as the step needs (`0.25`, `100,000`), or
    /// with an exponent for very large or very small steps (`1e+18`, `2.5e-09`).
    func label(_ value: Double) -> String {
        // Round away binary noise such as 0.30000000000000004, and a negative zero.
        let rounded = (value / step).rounded() * step
        let decimals = Swift.max(0, Int(Swift.min(400, (-log10(step)).rounded(.up))))
        if abs(rounded) >= Self.largestPlainLabel || decimals > 6 {
            return rounded == 0 ? "0" : String(format: "%.3g", rounded)
        }
        if decimals == 0 { return NumberText.count(Int(rounded.rounded())) }
        return NumberText.fixed(rounded == 0 ? 0 : rounded, decimals)
    }
}
