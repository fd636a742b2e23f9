import Foundation

/// Several runs in one plot, as `rl plot` draws them when given more than one: each run's
/// trailing mean as a line of its own colour named in the legend (``separate(title:)``), or their
/// mean with a band over the range every run covers (``aggregate(band:title:)``).
struct SeveralRunsPlot {
    /// The runs, in the legend's order.
    let runs: [PlottedRun]
    /// What the x axis counts.
    let x: PlotCommand.XAxis
    /// Episodes in each run's trailing mean.
    let window: Int

    /// The runs' colours: matplotlib's `tab10` palette, told apart by most readers.
    static let runColors = ["#1f77b4", "#ff7f0e", "#2ca02c", "#d62728", "#9467bd",
                            "#8c564b", "#e377c2", "#7f7f7f", "#bcbd22", "#17becf"]
    /// After every colour has been used: the colours again, dashed, then dotted.
    static let runDashes: [String?] = [nil, "7 3", "2 2"]

    /// The line of the run at `index`.
    static func stroke(forRunAt index: Int) -> LearningCurveSVG.Stroke {
        LearningCurveSVG.Stroke(color: runColors[index % runColors.count], width: 1.8,
                                dash: runDashes[(index / runColors.count) % runDashes.count])
    }

    /// The agent and environment (`dqn on CartPole-v1`), when every run's checkpoint names the
    /// same ones.
    var commonSubject: String? {
        let titles = Set(runs.map(\.description.title))
        guard titles.count == 1, runs.allSatisfy(\.description.hasCheckpoint) else { return nil }
        return titles.first
    }

    /// The title: the common agent and environment and the number of runs.
    var defaultTitle: String {
        commonSubject.map { "\($0), \(runs.count) runs" } ?? "learning curves of \(runs.count) runs"
    }

    /// The solved threshold, when every run has the same one.
    var threshold: Double? {
        let thresholds = runs.map(\.description.threshold)
        return thresholds.first.flatMap { first in thresholds.allSatisfy { $0 == first } ? first : nil }
    }

    /// The y axis's label: each curve is a trailing mean.
    var yLabel: String { "return, mean of the last \(window) episodes" }

    /// A line per run, in the run's colour.
    func separate(title: String?) -> LearningCurveSVG {
        var series: [LearningCurveSVG.Series] = []
        var legend: [LearningCurveSVG.LegendEntry] = []
        for (index, run) in runs.enumerated() {
            let stroke = Self.stroke(forRunAt: index)
            series.append(.line(x: x.values(of: run.table), y: MetricsTable.trailingMean(run.table.returns, window: window), stroke: stroke))
            legend.append(LearningCurveSVG.LegendEntry(label: run.label, stroke: stroke))
        }
        return LearningCurveSVG(series: series, legend: legend, title: title ?? defaultTitle, xLabel: x.label,
                                yLabel: yLabel, threshold: threshold)
    }

    /// The runs' mean (bold) with `band` around it.
    ///
    /// - Throws: ``CommandFailure`` when the runs cannot be averaged (see ``RunAggregate``).
    func aggregate(band: RunAggregate.Band, title: String?) throws -> (plot: LearningCurveSVG, aggregate: RunAggregate) {
        let curves = runs.map {
            RunAggregate.Curve(label: $0.label, x: x.values(of: $0.table), y: MetricsTable.trailingMean($0.table.returns, window: window))
        }
        let aggregate = try RunAggregate(curves, band: band, xName: x.plural)
        let color = LearningCurveSVG.meanColor
        let mean = LearningCurveSVG.Stroke(color: color, width: 2.5)
        let plot = LearningCurveSVG(
            series: [.band(x: aggregate.x, lower: aggregate.lower, upper: aggregate.upper, color: color),
                     .line(x: aggregate.x, y: aggregate.mean, stroke: mean)],
            legend: [LearningCurveSVG.LegendEntry(label: "mean of \(runs.count) runs", stroke: mean),
                     LearningCurveSVG.LegendEntry(label: band.legendLabel, stroke: mean, filled: true)],
            title: title ?? defaultTitle, xLabel: x.label, yLabel: yLabel, threshold: threshold)
        return (plot, aggregate)
    }
}
