import Foundation

/// A learning curve as an SVG document: the return of every episode (faint), its trailing
/// mean (bold), an optional dashed line at the task's solved threshold, axes with ticks and
/// labels, a legend and a title.
///
/// Long runs are drawn faithfully without a point per episode: when there are more episodes
/// than twice the plot's width in pixels, the faint series becomes, for each pixel column, a
/// vertical stroke from the lowest to the highest return in it, and the mean its value at
/// the column's last episode.
struct LearningCurveSVG {
    /// The x value of each episode (episode number or total steps).
    var x: [Double]
    /// Each episode's return.
    var returns: [Double]
    /// The trailing mean of the returns.
    var means: [Double]
    /// The window of the mean, for the legend.
    var window: Int
    /// The title at the top.
    var title: String
    /// The x axis's label.
    var xLabel: String
    /// The return at which the task counts as solved, if it has one.
    var threshold: Double?

    // The canvas and the plot area inside it, in pixels.
    private let width = 900.0
    private let height = 500.0
    private let left = 80.0
    private let right = 30.0
    private let top = 75.0
    private let bottom = 60.0

    private let faintColor = "#8fb5d9"
    private let meanColor = "#1f4e8c"
    private let thresholdColor = "#2e8b57"

    init(x: [Double], returns: [Double], window: Int, title: String, xLabel: String, threshold: Double?) {
        self.x = x
        self.returns = returns
        self.means = MetricsTable.trailingMean(returns, window: window)
        self.window = window
        self.title = title
        self.xLabel = xLabel
        self.threshold = threshold
    }

    /// The SVG document.
    var document: String {
        let plotWidth = width - left - right
        let plotHeight = height - top - bottom
        // Cannot fail: MetricsTable refuses a file without episodes, so the series are not empty.
        let xAxis = AxisScale(minimum: x.min()!, maximum: x.max()!, tight: true)
        let yValues = returns + (threshold.map { [$0] } ?? [])
        let yAxis = AxisScale(minimum: yValues.min()!, maximum: yValues.max()!)
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
        let columns = returns.count > Int(2 * plotWidth) ? Int(plotWidth) : nil
        if let columns {
            svg += "<path stroke=\"\(faintColor)\" stroke-width=\"1\" stroke-opacity=\"0.6\" d=\"\(envelopePath(columns: columns, px: px, py: py))\"/>\n"
        } else {
            svg += "<polyline stroke=\"\(faintColor)\" stroke-width=\"1\" points=\"\(points(x, returns, px: px, py: py))\"/>\n"
        }
        if let threshold {
            svg += "<line x1=\"\(format(left))\" y1=\"\(format(py(threshold)))\" x2=\"\(format(left + plotWidth))\" y2=\"\(format(py(threshold)))\" stroke=\"\(thresholdColor)\" stroke-width=\"1.5\" stroke-dasharray=\"6 4\"/>\n"
        }
        let (meanX, meanY) = columns.map { lastPerColumn(columns: $0) } ?? (x, means)
        svg += "<polyline stroke=\"\(meanColor)\" stroke-width=\"2.5\" points=\"\(points(meanX, meanY, px: px, py: py))\"/>\n"
        svg += "</g>\n"

        // Axes, their labels and the legend.
        svg += """
            <g stroke="#333" stroke-width="1"><line x1="\(format(left))" y1="\(format(top + plotHeight))" x2="\(format(left + plotWidth))" y2="\(format(top + plotHeight))"/><line x1="\(format(left))" y1="\(format(top))" x2="\(format(left))" y2="\(format(top + plotHeight))"/></g>
            <text x="\(format(left + plotWidth / 2))" y="\(format(height - 15))" text-anchor="middle" font-size="14">\(escape(xLabel))</text>
            <text x="20" y="\(format(top + plotHeight / 2))" text-anchor="middle" font-size="14" transform="rotate(-90 20 \(format(top + plotHeight / 2)))">return</text>

            """
        var legend = [("return per episode", faintColor, 1.0, ""), ("mean of the last \(window)", meanColor, 2.5, "")]
        if let threshold { legend.append(("solved (\(NumberText.plain(threshold)))", thresholdColor, 1.5, " stroke-dasharray=\"6 4\"")) }
        // The legend: one row between the title and the plot, entries spaced by their text's
        // approximate width (about 0.6 em per character).
        svg += "<g font-size=\"12\">\n"
        var entryX = left
        let y = top - 20
        for entry in legend {
            svg += "<line x1=\"\(format(entryX))\" y1=\"\(format(y))\" x2=\"\(format(entryX + 28))\" y2=\"\(format(y))\" stroke=\"\(entry.1)\" stroke-width=\"\(entry.2)\"\(entry.3)/>\n"
            svg += "<text x=\"\(format(entryX + 34))\" y=\"\(format(y + 4))\">\(escape(entry.0))</text>\n"
            entryX += 34 + Double(entry.0.count) * 7.2 + 24
        }
        svg += "</g>\n</svg>\n"
        return svg
    }

    // MARK: - Series

    private func points(_ xs: [Double], _ ys: [Double], px: (Double) -> Double, py: (Double) -> Double) -> String {
        zip(xs, ys).map { "\(format(px($0))),\(format(py($1)))" }.joined(separator: " ")
    }

    /// The column (0..<columns) an x value falls in, for x values spanning `lowest...highest`.
    private func column(of value: Double, columns: Int, lowest: Double, highest: Double) -> Int {
        highest > lowest ? min(columns - 1, Int((value - lowest) / (highest - lowest) * Double(columns))) : 0
    }

    /// A vertical stroke per pixel column from the lowest to the highest return in it.
    private func envelopePath(columns: Int, px: (Double) -> Double, py: (Double) -> Double) -> String {
        var low = [Double](repeating: .infinity, count: columns)
        var high = [Double](repeating: -.infinity, count: columns)
        var position = [Double](repeating: 0, count: columns)
        // Cannot fail: the series are not empty (see document).
        let (lowest, highest) = (x.min()!, x.max()!)
        for (value, episodeReturn) in zip(x, returns) {
            let index = column(of: value, columns: columns, lowest: lowest, highest: highest)
            low[index] = min(low[index], episodeReturn)
            high[index] = max(high[index], episodeReturn)
            position[index] = value
        }
        return (0..<columns).filter { low[$0] <= high[$0] }.map { index in
            // A column whose returns are all equal still gets a one-pixel mark.
            let (y1, y2) = (py(high[index]), py(low[index]))
            return "M\(format(px(position[index]))) \(format(y1 - (y1 == y2 ? 0.5 : 0)))V\(format(y2 + (y1 == y2 ? 0.5 : 0)))"
        }.joined()
    }

    /// The trailing mean at the last episode of each pixel column.
    private func lastPerColumn(columns: Int) -> ([Double], [Double]) {
        var lastIndex = [Int?](repeating: nil, count: columns)
        // Cannot fail: the series are not empty (see document).
        let (lowest, highest) = (x.min()!, x.max()!)
        for (index, value) in x.enumerated() {
            lastIndex[column(of: value, columns: columns, lowest: lowest, highest: highest)] = index
        }
        let indices = lastIndex.compactMap { $0 }
        return (indices.map { x[$0] }, indices.map { means[$0] })
    }

    // MARK: - Text

    private func format(_ value: Double) -> String {
        NumberText.fixed(value, 1)
    }

    /// Escapes the characters XML reserves in text and attribute values.
    private func escape(_ text: String) -> String {
        text.replacingOccurrences(of: "&", with: "&amp;").replacingOccurrences(of: "<", with: "&lt;")
            .replacingOccurrences(of: ">", with: "&gt;").replacingOccurrences(of: "\"", with: "&quot;")
    }
}
