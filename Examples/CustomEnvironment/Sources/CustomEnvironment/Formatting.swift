import Foundation
import RL

/// A number with `digits` decimals, a true minus sign and thousands left as they are.
func decimal(_ value: Double, digits: Int = 1) -> String {
    String(format: "%.\(digits)f", value).replacingOccurrences(of: "-", with: "−")
}

/// A fraction as a whole percentage.
func percent(_ fraction: Double) -> String {
    "\(Int((fraction * 100).rounded()))%"
}

/// A whole number with thousands separated by commas.
func count(_ value: Int) -> String {
    let digits = String(value.magnitude)
    var grouped = ""
    for (index, digit) in digits.enumerated() {
        if index > 0 && (digits.count - index) % 3 == 0 { grouped += "," }
        grouped.append(digit)
    }
    return (value < 0 ? "−" : "") + grouped
}

/// `text` padded with spaces to `width` characters.
func padded(_ text: String, _ width: Int) -> String {
    text.count >= width ? text : text + String(repeating: " ", count: width - text.count)
}

/// An evaluation in one line: mean return ± standard deviation, success rate, mean length.
func summary(of report: EvaluationReport, returnName: String = "mean return", successName: String = "success") -> String {
    var parts = ["\(returnName) \(decimal(report.meanReturn)) ± \(decimal(report.standardDeviation))"]
    if let successRate = report.successRate { parts.append("\(successName) \(percent(successRate))") }
    parts.append("mean length \(decimal(report.meanLength))")
    return parts.joined(separator: ", ")
}

/// A training run in one line: episodes, steps, seconds, and whether it stopped solved.
func summary(of report: TrainingReport) -> String {
    "\(count(report.episodeCount)) episodes, \(count(report.steps)) steps in \(decimal(report.seconds, digits: 2)) s"
        + (report.solved ? " (stopped early: solved)" : "")
}
