import ArgumentParser
import Foundation

/// Several runs' curves brought onto one grid of x values, over the range every run covers, with
/// their mean and a band at each point: what `rl plot --aggregate` draws.
///
/// Each curve is interpolated linearly between its points (runs end their episodes at different
/// steps); the grid has a point per whole x value when the range spans fewer than
/// ``largestGridCount`` of them (episodes 1, 2, 3, …), else ``largestGridCount`` points evenly
/// spaced.
struct RunAggregate {
    /// What the band around the mean shows.
    enum Band: String, CaseIterable, ExpressibleByArgument {
        /// The mean ± 1 standard deviation of the runs (population: divided by the number of runs).
        case std
        /// The lowest to the highest run.
        case range

        /// The band's entry in the legend.
        var legendLabel: String {
            switch self {
            case .std: "±1 std across runs"
            case .range: "min–max across runs"
            }
        }
    }

    /// One run's curve: x values that never decrease, and a y value for each.
    struct Curve {
        /// The run's name, for errors.
        var label: String
        var x: [Double]
        var y: [Double]
    }

    /// The most grid points.
    static let largestGridCount = 1_000

    /// The grid.
    private(set) var x: [Double] = []
    /// The runs' mean at each grid point.
    private(set) var mean: [Double] = []
    /// The band's lower edge at each grid point.
    private(set) var lower: [Double] = []
    /// The band's upper edge at each grid point.
    private(set) var upper: [Double] = []

    /// Aggregates `curves`; `xName` (`episodes`, `steps`) names the x values in errors.
    ///
    /// - Throws: ``CommandFailure`` (exit 1) when there is no curve, a curve is empty or its x
    ///   values go down, or the curves share no range of x values.
    init(_ curves: [Curve], band: Band, xName: String) throws {
        guard !curves.isEmpty else { throw CommandFailure("there are no runs to average") }
        var lowest = -Double.infinity
        var highest = Double.infinity
        for curve in curves {
            guard let first = curve.x.first, let last = curve.x.last else {
                throw CommandFailure("\(curve.label) has no points to average")
            }
            if let row = curve.x.indices.dropFirst().first(where: { curve.x[$0] < curve.x[$0 - 1] }) {
                throw CommandFailure("cannot average \(curve.label): its \(xName) go down at row \(row + 1) of its metrics")
            }
            lowest = max(lowest, first)
            highest = min(highest, last)
        }
        guard lowest <= highest else {
            throw CommandFailure("the runs share no range of \(xName) to average over (one ends before another starts)")
        }
        // Finite: the values are within ±1e300 (MetricsTable), so the span is within 2e300.
        let span = highest - lowest
        let count = span < Double(Self.largestGridCount) ? Int(span) + 1 : Self.largestGridCount
        x = (0..<count).map { count == 1 ? lowest : lowest + span * Double($0) / Double(count - 1) }
        let columns = curves.map { Self.interpolate($0.x, $0.y, at: x) }
        for index in x.indices {
            let values = columns.map { $0[index] }
            let (mean, deviation) = Self.meanAndDeviation(values)
            self.mean.append(mean)
            switch band {
            case .std:
                lower.append(mean - deviation)
                upper.append(mean + deviation)
            case .range:
                lower.append(values.min() ?? mean)
                upper.append(values.max() ?? mean)
            }
        }
    }

    /// The curve through the points `(x, y)` (x never decreasing) at each of `grid` (increasing,
    /// within the x values' range): linear between neighbours, the later of points with the same x.
    static func interpolate(_ x: [Double], _ y: [Double], at grid: [Double]) -> [Double] {
        var index = 0
        return grid.map { point in
            while index + 1 < x.count && x[index + 1] <= point { index += 1 }
            guard index + 1 < x.count, x[index] < point else { return y[index] }
            let fraction = (point - x[index]) / (x[index + 1] - x[index])
            return y[index] + fraction * (y[index + 1] - y[index])
        }
    }

    /// The mean and population standard deviation of `values` (not empty), computed on values
    /// scaled by their largest deviation, so that squares of returns near ±1e300 do not overflow.
    static func meanAndDeviation(_ values: [Double]) -> (mean: Double, deviation: Double) {
        let count = Double(max(1, values.count))
        let mean = values.reduce(0, +) / count
        let scale = values.map { abs($0 - mean) }.max() ?? 0
        guard scale > 0 else { return (mean, 0) }
        let squares = values.map { ($0 - mean) / scale }.map { $0 * $0 }.reduce(0, +)
        return (mean, scale * (squares / count).squareRoot())
    }
}
