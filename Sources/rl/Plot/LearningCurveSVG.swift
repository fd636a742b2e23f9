import Foundation

/// Learning curves as an SVG document: series of returns against episodes or steps (a run's
/// every episode, faint; trailing means as lines; bands between two curves), an optional dashed
/// line at the task's solved threshold, axes with ticks and labels, a legend and a title.
///
/// One run (``init(x:returns:window:title:xLabel:threshold:)``) is drawn as its every episode and
/// their trailing mean; several runs (see `LearningCurveSVG+Runs.swift`) as a line each, or as
/// their mean with a band.
///
/// Long runs are drawn faithfully without a point per episode: when a series has more points
/// than twice the plot's width in pixels, a run's every episode becomes, for each pixel column, a
/// vertical stroke from the lowest to the highest return in it, and a line its value at the
/// column's last point.
struct LearningCurveSVG {
    /// How a line is drawn.
    struct Stroke {
        /// An SVG colour (`#1f4e8c`).
        var color: String
        /// The width in pixels.
        var width: Double
        /// An SVG dash pattern (`6 4`), or `nil` for a solid line.
        var dash: String? = nil
    }

    /// Something drawn inside the plot area.
    enum Series {
        /// Every episode's return, faint.
        case episodes(x: [Double], returns: [Double], color: String)
        /// A line through the points.
        case line(x: [Double], y: [Double], stroke: Stroke)
        /// The area between two curves on the same x values, filled with a translucent colour.
        case band(x: [Double], lower: [Double], upper: [Double], color: String)
    }

    /// One entry of the legend: a line (or, for a band, a filled box) and its label.
    struct LegendEntry {
        var label: String
        var stroke: Stroke
        var filled = false
    }

    /// What the plot area shows; episodes and bands are drawn first, then the threshold, then the
    /// lines.
    var series: [Series]
    /// The legend, in order.
    var legend: [LegendEntry]
    /// The title at the top.
    var title: String
    /// The x axis's label.
    var xLabel: String
    /// The y axis's label.
    var yLabel: String
    /// The return at which the task counts as solved, if it has one.
    var threshold: Double?

    // The canvas and the plot area inside it, in pixels (the top grows with the legend's rows).
    private let width = 900.0
    private let baseHeight = 500.0
    private let left = 80.0
    private let right = 30.0
    private let baseTop = 75.0
    private let bottom = 60.0
    private let legendRowHeight = 18.0

    static let faintColor = "#8fb5d9"
    static let meanColor = "#1f4e8c"
    static let thresholdColor = "#2e8b57"
    /// The opacity of a band's fill.
    static let bandOpacity = 0.25

    /// One run: the return of every episode (faint) and its trailing mean over `window` episodes
    /// (bold).
    init(x: [Double], returns: [Double], window: Int, title: String, xLabel: String, threshold: Double?) {
        let means = MetricsTable.trailingMean(returns, window: window)
        series = [.episodes(x: x, returns: returns, color: Self.faintColor),
                  .line(x: x, y: means, stroke: Stroke(color: Self.meanColor, width: 2.5))]
        legend = [LegendEntry(label: "return per episode", stroke: Stroke(color: Self.faintColor, width: 1)),
                  LegendEntry(label: "mean of the last \(window)", stroke: Stroke(color: Self.meanColor, width: 2.5))]
        self.title = title
        self.xLabel = xLabel
        yLabel = "return"
        self.threshold = threshold
    }

    /// Any series, legend and labels.
    init(series: [Series], legend: [LegendEntry], title: String, xLabel: String, yLabel: String, threshold: Double?) {
        self.series = series
        self.legend = legend
        self.title = title
        self.xLabel = xLabel
        self.yLabel = yLabel
        self.threshold = threshold
    }

    /// The SVG document.
    var document: String {
        let thresholdEntry = threshold.map {
            LegendEntry(label: "solved (\(NumberText.plain($0)))", stroke: Stroke(color: Self.thresholdColor, width: 1.5, dash: "6 4"))
        }
        let rows = legendRows(legend + (thresholdEntry.map { [$0] } ?? []))
        let extra = Double(max(0, rows.count - 1)) * legendRowHeight
        let (height, top) = (baseHeight + extra, baseTop + extra)
        let plotWidth = width - left - right
        let plotHeight = height - top - bottom
        let (xValues, yValues) = extent()
        // A series may be empty; an axis needs a range all the same (the plot is then blank).
        let xAxis = AxisScale(minimum: xValues.min() ?? 0, maximum: xValues.max() ?? 1, tight: true)
        let yAxis = AxisScale(minimum: yValues.min() ?? 0, maximum: yValues.max() ?? 1)
        func px(_ value: Double) -> Double { left + xAxis.fraction(value) * plotWidth }
        func py(_ value: Double) -> Double { top + (1 - yAxis.fraction(value)) * plotHeight }

        var svg = """
            <?xml version="1.0" encoding="UTF-8"?>
            <svg xmlns="http://www.w3.org/2000/svg" width="\(Int(width))" height="\(Int(height))" viewBox="0 0 \(Int(width)) \(Int(height))" font-family="Helvetica, Arial, sans-serif" font-size="13">
            <rect width="100%" height="100%" fill="white"/>
            <text x="\(format(width / 2))" y="30" text-anchor="middle" font-size="17" font-weight="bold">\(escape(title))</text>

            """

        // Grid lines and tick labels.
        svg += "<g stroke=\"#e3e3e3\" stroke-width=\"1\">\n"
        for tick in xAxis.ticks { svg += "<line x1=\"\(format(px(tick)))\" y1=\"\(format(top))\" x2=\"\(format(px(tick)))\" y2=\"\(format(top + plotHeight))\"/>\n" }
        for tick in yAxis.ticks { svg += "<line x1=\"\(format(left))\" y1=\"\(format(py(tick)))\" x2=\"\(format(left + plotWidth))\" y2=\"\(format(py(tick)))\"/>\n" }
        svg += "</g>\n<g fill=\"#333\">\n"
        for tick in xAxis.ticks {
            svg += "<text x=\"\(format(px(tick)))\" y=\"\(format(top + plotHeight + 20))\" text-anchor=\"middle\">\(xAxis.label(tick))</text>\n"
        }
        for tick in yAxis.ticks {
            svg += "<text x=\"\(format(left - 8))\" y=\"\(format(py(tick) + 4))\" text-anchor=\"end\">\(yAxis.label(tick))</text>\n"
        }
        svg += "</g>\n"

        // The series, clipped to the plot area.
        // The clip leaves room for half a stroke at the edges, so a series at its extreme stays whole.
        let margin = 3.0
        svg += "<clipPath id=\"plot-area\"><rect x=\"\(format(left))\" y=\"\(format(top - margin))\" width=\"\(format(plotWidth + margin))\" height=\"\(format(plotHeight + 2 * margin))\"/></clipPath>\n"
        svg += "<g clip-path=\"url(#plot-area)\" fill=\"none\" stroke-linejoin=\"round\">\n"
        let columns = Int(plotWidth)
        let pixels = PixelColumns(count: columns, lowest: xAxis.lower, highest: xAxis.upper)
        for item in series {
            switch item {
            case .episodes(let x, let returns, let color):
                if returns.count > 2 * columns {
                    svg += "<path stroke=\"\(color)\" stroke-width=\"1\" stroke-opacity=\"0.6\" d=\"\(envelopePath(x, returns, pixels, px: px, py: py))\"/>\n"
                } else {
                    svg += "<polyline stroke=\"\(color)\" stroke-width=\"1\" points=\"\(points(x, returns, px: px, py: py))\"/>\n"
                }
            case .band(let x, let lower, let upper, let color):
                let outline = points(x, upper, px: px, py: py) + " " + points(x.reversed(), lower.reversed(), px: px, py: py)
                svg += "<polygon fill=\"\(color)\" fill-opacity=\"\(Self.bandOpacity)\" stroke=\"none\" points=\"\(outline)\"/>\n"
            case .line:
                continue
            }
        }
        if let thresholdEntry, let threshold {
            svg += "<line x1=\"\(format(left))\" y1=\"\(format(py(threshold)))\" x2=\"\(format(left + plotWidth))\" y2=\"\(format(py(threshold)))\"\(attributes(thresholdEntry.stroke))/>\n"
        }
        for case .line(let x, let y, let stroke) in series {
            let (lineX, lineY) = x.count > 2 * columns ? lastPerColumn(x, y, pixels) : (x, y)
            svg += "<polyline\(attributes(stroke)) points=\"\(points(lineX, lineY, px: px, py: py))\"/>\n"
        }
        svg += "</g>\n"

        // Axes, their labels and the legend.
        svg += """
            <g stroke="#333" stroke-width="1"><line x1="\(format(left))" y1="\(format(top + plotHeight))" x2="\(format(left + plotWidth))" y2="\(format(top + plotHeight))"/><line x1="\(format(left))" y1="\(format(top))" x2="\(format(left))" y2="\(format(top + plotHeight))"/></g>
            <text x="\(format(left + plotWidth / 2))" y="\(format(height - 15))" text-anchor="middle" font-size="14">\(escape(xLabel))</text>
            <text x="20" y="\(format(top + plotHeight / 2))" text-anchor="middle" font-size="14" transform="rotate(-90 20 \(format(top + plotHeight / 2)))">\(escape(yLabel))</text>

            """
        svg += "<g font-size=\"12\">\n"
        for (row, entries) in rows.enumerated() {
            let y = baseTop - 20 + Double(row) * legendRowHeight
            var entryX = left
            for entry in entries {
                if entry.filled {
                    svg += "<rect x=\"\(format(entryX))\" y=\"\(format(y - 5))\" width=\"28\" height=\"10\" fill=\"\(entry.stroke.color)\" fill-opacity=\"\(Self.bandOpacity)\"/>\n"
                } else {
                    svg += "<line x1=\"\(format(entryX))\" y1=\"\(format(y))\" x2=\"\(format(entryX + 28))\" y2=\"\(format(y))\"\(attributes(entry.stroke))/>\n"
                }
                svg += "<text x=\"\(format(entryX + 34))\" y=\"\(format(y + 4))\">\(escape(entry.label))</text>\n"
                entryX += Self.legendWidth(of: entry)
            }
        }
        svg += "</g>\n</svg>\n"
        return svg
    }

    // MARK: - Layout

    /// Every x and y value drawn (the threshold among the y values).
    private func extent() -> (x: [Double], y: [Double]) {
        var (xValues, yValues) = ([Double](), threshold.map { [$0] } ?? [])
        for item in series {
            switch item {
            case .episodes(let x, let returns, _):
                xValues += x
                yValues += returns
            case .line(let x, let y, _):
                xValues += x
                yValues += y
            case .band(let x, let lower, let upper, _):
                xValues += x
                yValues += lower + upper
            }
        }
        return (xValues, yValues)
    }

    /// The room an entry takes in its row: its sample, its text at about 0.6 em per character,
    /// and a gap.
    private static func legendWidth(of entry: LegendEntry) -> Double {
        34 + Double(entry.label.count) * 7.2 + 24
    }

    /// The legend's entries in rows between the title and the plot, as many to a row as fit
    /// the plot's width.
    private func legendRows(_ entries: [LegendEntry]) -> [[LegendEntry]] {
        var rows: [[LegendEntry]] = [[]]
        var used = 0.0
        for entry in entries {
            let entryWidth = Self.legendWidth(of: entry)
            if let last = rows.indices.last, !rows[last].isEmpty, used + entryWidth - 24 > width - left - right {
                rows.append([])
                used = 0
            }
            rows[rows.count - 1].append(entry)
            used += entryWidth
        }
        return rows
    }

    // MARK: - Series

    /// The pixel columns of the plot area, for thinning long series.
    private struct PixelColumns {
        let count: Int
        let lowest: Double
        let highest: Double

        /// The column (0..<count) an x value falls in.
        func column(of value: Double) -> Int {
            guard highest > lowest else { return 0 }
            return max(0, min(count - 1, Int((value - lowest) / (highest - lowest) * Double(count))))
        }
    }

    private func points(_ xs: [Double], _ ys: [Double], px: (Double) -> Double, py: (Double) -> Double) -> String {
        zip(xs, ys).map { "\(format(px($0))),\(format(py($1)))" }.joined(separator: " ")
    }

    /// A vertical stroke per pixel column from the lowest to the highest return in it.
    private func envelopePath(_ x: [Double], _ returns: [Double], _ pixels: PixelColumns,
                              px: (Double) -> Double, py: (Double) -> Double) -> String {
        var low = [Double](repeating: .infinity, count: pixels.count)
        var high = [Double](repeating: -.infinity, count: pixels.count)
        var position = [Double](repeating: 0, count: pixels.count)
        for (value, episodeReturn) in zip(x, returns) {
            let index = pixels.column(of: value)
            low[index] = min(low[index], episodeReturn)
            high[index] = max(high[index], episodeReturn)
            position[index] = value
        }
        return (0..<pixels.count).filter { low[$0] <= high[$0] }.map { index in
            // A column whose returns are all equal still gets a one-pixel mark.
            let (y1, y2) = (py(high[index]), py(low[index]))
            return "M\(format(px(position[index]))) \(format(y1 - (y1 == y2 ? 0.5 : 0)))V\(format(y2 + (y1 == y2 ? 0.5 : 0)))"
        }.joined()
    }

    /// A line's value at the last point of each pixel column.
    private func lastPerColumn(_ x: [Double], _ y: [Double], _ pixels: PixelColumns) -> ([Double], [Double]) {
        var lastIndex = [Int?](repeating: nil, count: pixels.count)
        for (index, value) in x.enumerated() {
            lastIndex[pixels.column(of: value)] = index
        }
        let indices = lastIndex.compactMap { $0 }
        return (indices.map { x[$0] }, indices.map { y[$0] })
    }

    // MARK: - Text

    /// A stroke's SVG attributes, each with a leading space.
    private func attributes(_ stroke: Stroke) -> String {
        " stroke=\"\(stroke.color)\" stroke-width=\"\(NumberText.plain(stroke.width))\"" + (stroke.dash.map { " stroke-dasharray=\"\($0)\"" } ?? "")
    }

    private func format(_ value: Double) -> String {
        NumberText.fixed(value, 1)
    }

    /// Escapes the characters XML reserves in text and attribute values.
    private func escape(_ text: String) -> String {
        text.replacingOccurrences(of: "&", with: "&amp;").replacingOccurrences(of: "<", with: "&lt;")
            .replacingOccurrences(of: ">", with: "&gt;").replacingOccurrences(of: "\"", with: "&quot;")
    }
}
