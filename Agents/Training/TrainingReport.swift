import CNumberFormatting
import Foundation

/// What one call of `train` did: its totals, and one record per finished episode.
public struct TrainingReport: Codable, Equatable, Sendable {
    /// Per-episode figures, in order (empty when the call was made without recording them).
    public var episodes: [TrainingProgress]
    /// The number of episodes finished in this call.
    public var episodeCount: Int
    /// Environment steps taken in this call.
    public var steps: Int
    /// Wall-clock seconds this call took.
    public var seconds: Double
    /// Whether the run was stopped before its budget was spent (Ctrl-C, a callback).
    public var stoppedEarly: Bool
    /// Whether the run ended because the configuration's solved rule was met.
    public var solved: Bool
    /// The mean return of the last 100 episodes (over all calls; fewer at the start), or 0.
    public var finalMeanReturn: Double
    /// The fraction of this call's episodes that reached the goal, for environments with one:
    /// the "success rate" the notes print after training.
    public var successRate: Double?
    /// The names of the metrics each record carries, in `metrics.csv`'s column order.
    public var metrics: [String]

    /// Creates a report from its records and totals (training makes its own; see
    /// ``TrainingSession``).
    public init(
        episodes: [TrainingProgress], episodeCount: Int? = nil, steps: Int, seconds: Double, stoppedEarly: Bool,
        solved: Bool = false, finalMeanReturn: Double? = nil, successRate: Double? = nil, metrics: [String] = []
    ) {
        self.episodes = episodes
        self.episodeCount = episodeCount ?? episodes.count
        self.steps = steps
        self.seconds = seconds
        self.stoppedEarly = stoppedEarly
        self.solved = solved
        let tail = episodes.suffix(100)
        self.finalMeanReturn = finalMeanReturn ?? (tail.isEmpty ? 0 : tail.map(\.episodeReturn).reduce(0, +) / Double(tail.count))
        let outcomes = episodes.compactMap(\.succeeded)
        self.successRate = successRate ?? (!outcomes.isEmpty && outcomes.count == episodes.count
            ? Double(outcomes.filter { $0 }.count) / Double(outcomes.count) : nil)
        self.metrics = metrics
    }

    /// The records as CSV (see ``MetricsCSV``).
    public func metricsCSV() -> String {
        MetricsCSV.header(metrics: metrics) + episodes.map { MetricsCSV.row($0, metrics: metrics) }.joined()
    }
}

/// The rows of `metrics.csv`: one per episode, `episode,steps,return,length`, the agent's
/// metrics in order (empty cells where a figure does not apply), then `seconds`.
public enum MetricsCSV {
    /// The header line, with its newline.
    public static func header(metrics: [String]) -> String {
        (["episode", "steps", "return", "length"] + metrics + ["seconds"]).joined(separator: ",") + "\n"
    }

    /// One episode's line, with its newline.
    public static func row(_ record: TrainingProgress, metrics: [String]) -> String {
        // Appended in place: an array of cells joined cost as much as the formatting.
        var line = String(record.episode)
        line.reserveCapacity(64)
        line += ","
        line += String(record.steps)
        line += ","
        line += format(record.episodeReturn)
        line += ","
        line += String(record.length)
        for name in metrics {
            line += ","
            if let value = record.metrics[name] { line += format(value) }
        }
        line += ","
        line += printed(record.seconds, as: .fixed3)
        line += "\n"
        return line
    }

    /// A number with up to six significant digits, without trailing zeros.
    static func format(_ value: Double) -> String {
        printed(value, as: .general6)
    }

    /// `value` as C's `printf` writes it with `format`, `%.6g` or `%.3f`: the text
    /// Foundation's `String(format:)` gives, at a fraction of its cost, which mattered at one
    /// row per episode (a fifth of a Q-table run's time).
    static func printed(_ value: Double, as format: NumberFormat) -> String {
        withUnsafeTemporaryAllocation(of: CChar.self, capacity: 64) { buffer -> String in
            let length = switch format {
            case .general6: number_format_general6(buffer.baseAddress, buffer.count, value)
            case .fixed3: number_format_fixed3(buffer.baseAddress, buffer.count, value)
            }
            // Longer than the buffer (a %.3f of a huge number): Foundation's way.
            guard length >= 0, Int(length) < buffer.count else {
                return String(format: format == .general6 ? "%.6g" : "%.3f", value)
            }
            return String(decoding: UnsafeRawBufferPointer(rebasing: UnsafeRawBufferPointer(buffer)[..<Int(length)]), as: UTF8.self)
        }
    }

    /// The two formats metrics are written in.
    enum NumberFormat {
        /// `%.6g`: six significant digits, no trailing zeros.
        case general6
        /// `%.3f`: three decimals.
        case fixed3
    }
}
