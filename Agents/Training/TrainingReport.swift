import Foundation

/// What a training run did: one record per finished episode, and the totals.
public struct TrainingReport: Codable, Equatable, Sendable {
    /// Per-episode figures, in order.
    public var episodes: [TrainingProgress]
    /// Environment steps taken.
    public var steps: Int
    /// Wall-clock seconds the run took.
    public var seconds: Double
    /// Whether the run was stopped before its budget was spent (Ctrl-C, a progress handler).
    public var stoppedEarly: Bool
    /// Whether the run ended because the configuration's solved rule was met.
    public var solved: Bool

    /// Creates a report from its records and totals (training loops make theirs with
    /// ``TrainingSession/report()``).
    public init(episodes: [TrainingProgress], steps: Int, seconds: Double, stoppedEarly: Bool, solved: Bool = false) {
        self.episodes = episodes
        self.steps = steps
        self.seconds = seconds
        self.stoppedEarly = stoppedEarly
        self.solved = solved
    }

    /// The number of episodes finished.
    public var episodeCount: Int { episodes.count }

    /// The mean return of the last 100 episodes (fewer if the run had fewer), or 0.
    public var finalMeanReturn: Double {
        let tail = episodes.suffix(100)
        return tail.isEmpty ? 0 : tail.map(\.episodeReturn).reduce(0, +) / Double(tail.count)
    }

    /// The fraction of all episodes that reached the goal, for environments with one: the
    /// "success rate" the notes print after training.
    public var successRate: Double? {
        let outcomes = episodes.compactMap(\.succeeded)
        guard !outcomes.isEmpty, outcomes.count == episodes.count else { return nil }
        return Double(outcomes.filter { $0 }.count) / Double(outcomes.count)
    }

    /// The records as CSV, one row per episode:
    /// `episode,steps,return,length,epsilon,loss,seconds` (empty cells where a figure does not
    /// apply).
    public func metricsCSV() -> String {
        var lines = ["episode,steps,return,length,epsilon,loss,seconds"]
        lines.reserveCapacity(episodes.count + 1)
        for record in episodes {
            let cells = [
                "\(record.episode)", "\(record.steps)", Self.format(record.episodeReturn), "\(record.length)",
                record.epsilon.map(Self.format) ?? "", record.loss.map(Self.format) ?? "",
                String(format: "%.3f", record.seconds),
            ]
            lines.append(cells.joined(separator: ","))
        }
        return lines.joined(separator: "\n") + "\n"
    }

    /// A number with up to six significant digits, without trailing zeros.
    static func format(_ value: Double) -> String {
        String(format: "%.6g", value)
    }
}
