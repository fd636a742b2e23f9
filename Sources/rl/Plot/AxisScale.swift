import Foundation

/// A linear axis with "nice" tick marks (1, 2 or 5 times a power of ten), covering a range of
/// data values.
struct AxisScale {
    /// The first and last values on the axis (tick values that enclose the data).
    let lower: Double
    let upper: Double
    /// The distance between ticks.
    let step: Double

    /// An axis covering `minimum...maximum` with about `tickCount` ticks.
    ///
    /// - Parameter tight: end the axis at the data (ticks fall inside it) rather than at the
    ///   enclosing ticks; suits an x axis of episodes, which should not run past the last one.
    init(minimum: Double, maximum: Double, tickCount: Int = 6, tight: Bool = false) {
        // A flat series still needs a range to draw in.
        let (low, high) = minimum == maximum ? (minimum - 1, maximum + 1) : (minimum, maximum)
        let rough = (high - low) / Double(max(1, tickCount - 1))
        let magnitude = pow(10, (log10(rough)).rounded(.down))
        let multiple = [1.0, 2, 5, 10].first { $0 * magnitude >= rough } ?? 10
        step = multiple * magnitude
        lower = tight ? low : (low / step).rounded(.down) * step
        upper = tight ? high : (high / step).rounded(.up) * step
    }

    /// The multiples of ``step`` from ``lower`` to ``upper``.
    var ticks: [Double] {
        let first = Int((lower / step).rounded(.up))
        let last = Int((upper / step).rounded(.down))
        return first <= last ? (first...last).map { Double($0) * step } : []
    }

    /// The position 0...1 of `value` along the axis.
    func fraction(_ value: Double) -> Double {
        (value - lower) / (upper - lower)
    }

    /// A tick value as a label, with as many decimals as the step needs (`0.25`, `100,000`).
    func label(_ value: Double) -> String {
        let decimals = max(0, Int((-log10(step)).rounded(.up)))
        // Round away binary noise such as 0.30000000000000004, and a negative zero.
        let rounded = (value / step).rounded() * step
        if decimals == 0 { return NumberText.count(Int(rounded.rounded())) }
        return NumberText.fixed(rounded == 0 ? 0 : rounded, decimals)
    }
}
