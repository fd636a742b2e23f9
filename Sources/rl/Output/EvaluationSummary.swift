import RL

/// A greedy evaluation as `rl eval` and the end of `rl train` report it.
///
/// In JSON: `episodes`, `seed`, `mean_return`, `std_return`, `mean_length` and `success_rate`
/// (`null` for tasks without a goal, such as CartPole).
struct EvaluationSummary: Encodable {
    /// The evaluation's figures.
    var report: EvaluationReport
    /// The seed of the first episode's reset.
    var seed: UInt64

    /// The figures as labeled lines under `heading`.
    func lines(heading: String) -> LabeledLines {
        var lines = LabeledLines(heading)
        lines.add("mean return", "\(NumberText.fixed(report.meanReturn, 3)) ± \(NumberText.fixed(report.standardDeviation, 3))")
        lines.add("mean length", NumberText.fixed(report.meanLength, 1))
        if let successRate = report.successRate {
            lines.add("success rate", NumberText.percent(successRate))
        }
        return lines
    }

    private enum CodingKeys: String, CodingKey {
        case episodes, seed, meanReturn = "mean_return", standardDeviation = "std_return"
        case meanLength = "mean_length", successRate = "success_rate"
    }

    func encode(to encoder: Encoder) throws {
        var container = encoder.container(keyedBy: CodingKeys.self)
        try container.encode(report.episodes, forKey: .episodes)
        try container.encode(seed, forKey: .seed)
        try container.encode(report.meanReturn, forKey: .meanReturn)
        try container.encode(report.standardDeviation, forKey: .standardDeviation)
        try container.encode(report.meanLength, forKey: .meanLength)
        // null rather than absent, so scripts can rely on the key.
        try container.encode(report.successRate, forKey: .successRate)
    }
}
