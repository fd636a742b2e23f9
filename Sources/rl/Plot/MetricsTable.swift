import Foundation
import RL

/// The per-episode rows of a `metrics.csv` that a learning curve needs.
///
/// Reads the header to find the `episode`, `steps` and `return` columns (so extra or reordered
/// columns do no harm); every row must give all three as numbers.
struct MetricsTable {
    /// The episode numbers.
    var episodes: [Double] = []
    /// The total environment steps at the end of each episode.
    var steps: [Double] = []
    /// Each episode's return.
    var returns: [Double] = []

    /// The largest magnitude of a value plotted: beyond it the axis's range would overflow.
    static let largestValue = 1e300
    /// The largest metrics file read: 1 GB (some 15 million episodes).
    static let largestFile = 1 << 30

    /// Reads the file at `path`.
    ///
    /// - Throws: `TextFile.ReadError` when it is missing, unreadable or larger than
    ///   ``largestFile``; ``CommandFailure`` naming the file (and line) when it has no such columns, has a malformed row or a value
    ///   beyond ±``largestValue``, or no rows at all.
    init(contentsOf path: String) throws {
        try self.init(text: TextFile.read(path, what: "metrics file", limit: Self.largestFile), source: path)
    }

    /// Reads CSV text; `source` names it in errors.
    init(text: String, source: String) throws {
        let lines = text.split(whereSeparator: \.isNewline).map { $0.trimmingCharacters(in: .whitespaces) }
        guard let headerLine = lines.first else {
            throw CommandFailure("\(source) is empty; expected a metrics CSV with episode, steps and return columns")
        }
        let header = headerLine.split(separator: ",", omittingEmptySubsequences: false).map {
            $0.trimmingCharacters(in: .whitespaces).lowercased()
        }
        func column(_ name: String) throws -> Int {
            guard let index = header.firstIndex(of: name) else {
                throw CommandFailure("\(source) has no '\(name)' column; expected a metrics CSV (episode,steps,return,...)")
            }
            return index
        }
        let (episodeColumn, stepsColumn, returnColumn) = (try column("episode"), try column("steps"), try column("return"))
        for (offset, line) in lines.enumerated().dropFirst() where !line.isEmpty {
            let cells = line.split(separator: ",", omittingEmptySubsequences: false)
            func number(_ column: Int) throws -> Double {
                guard column < cells.count, let value = Double(cells[column].trimmingCharacters(in: .whitespaces)),
                      value.isFinite else {
                    throw CommandFailure("\(source) line \(offset + 1): '\(header[column])' is not a number")
                }
                guard abs(value) <= Self.largestValue else {
                    throw CommandFailure("\(source) line \(offset + 1): '\(header[column])' is \(value), beyond the ±1e300 a plot can span")
                }
                return value
            }
            episodes.append(try number(episodeColumn))
            steps.append(try number(stepsColumn))
            returns.append(try number(returnColumn))
        }
        guard !returns.isEmpty else {
            throw CommandFailure("\(source) has no episodes to plot")
        }
    }

    /// The mean of each value and the ones before it, over at most `window` values (the same
    /// trailing mean as the progress line's "mean return (last 100)").
    static func trailingMean(_ values: [Double], window: Int) -> [Double] {
        var means: [Double] = []
        means.reserveCapacity(values.count)
        var sum = 0.0
        for (index, value) in values.enumerated() {
            sum += value
            if index >= window { sum -= values[index - window] }
            means.append(sum / Double(min(index + 1, window)))
        }
        return means
    }
}
