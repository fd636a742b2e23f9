import Foundation
import RL

/// Shows how training goes, on standard error (standard output is kept for the summary and
/// `--json`); a ``TrainingCallback``, so it sees every episode and, between them, the steps.
///
/// - On a terminal: one line redrawn in place, at most ten times a second, that fits the
///   terminal and 80 columns: the percentage of the budget, steps, a smoothed rate, the time
///   left, the mean return of the last 100 episodes, ε and the loss; the current stage
///   ("evaluating", "saving") at its end. Results of periodic evaluations and "stopping…" on
///   Ctrl-C are lines of their own above it. Colour only on a terminal, never with `NO_COLOR`
///   set or `TERM=dumb`.
/// - Otherwise (a log file, a pipe): the same figures as plain lines, one each time another
///   tenth of the budget is done and at least every ``plainInterval`` seconds, and the notes.
/// - Quiet: nothing.
final class ProgressDisplay: TrainingCallback {
    /// How the display writes.
    enum Style {
        case liveLine, plainLines, quiet
    }

    /// The shortest time between two redraws of the live line.
    static let liveInterval = 0.1
    /// The longest time between two plain lines.
    static let plainInterval = 10.0
    /// The widest the live line gets.
    static let maximumWidth = 80

    private let style: Style
    private let budget: TrainingBudget
    private let startSteps: Int
    private let startEpisodes: Int
    private let colored: Bool
    private let clock = ContinuousClock()
    private let start: ContinuousClock.Instant
    private var lastShown: (seconds: Double, steps: Int)?
    private var lastTenth = 0
    // Written at every step: without dynamic exclusivity checks (nothing holds them inout).
    @exclusivity(unchecked) private var steps: Int
    @exclusivity(unchecked) private var episodes: Int
    @exclusivity(unchecked) private var latest: TrainingProgress?
    private var smoothedRate: Double?
    private var rateSample: (seconds: Double, steps: Int) = (0, 0)
    @exclusivity(unchecked) private var currentStage: String?
    private var lineIsOpen = false

    /// A display for a call that trains for `budget`, starting from the counts given.
    init(style: Style, budget: TrainingBudget, startSteps: Int = 0, startEpisodes: Int = 0) {
        self.style = style
        self.budget = budget
        self.startSteps = startSteps
        self.startEpisodes = startEpisodes
        steps = startSteps
        episodes = startEpisodes
        colored = style == .liveLine && TerminalStyle.allowsColor
        start = clock.now
    }

    /// Whether the display redraws a line in place (on a terminal).
    var isLive: Bool { style == .liveLine }

    /// The style for the current standard error: live on a terminal, plain lines otherwise.
    static func style(quiet: Bool) -> Style {
        quiet ? .quiet : TerminalDevice.errorIsTerminal ? .liveLine : .plainLines
    }

    private var seconds: Double {
        let elapsed = clock.now - start
        return Double(elapsed.components.seconds) + Double(elapsed.components.attoseconds) * 1e-18
    }

    // MARK: - Callbacks

    func stepDidEnd(_ training: TrainingSession) throws -> TrainingDecision {
        steps = training.steps
        // Between episodes too (long ones), but cheaply: the clock is read every 1,024 steps.
        if style == .liveLine && steps & 1023 == 0 { show(force: false) }
        return .proceed
    }

    func episodeDidEnd(_ episode: TrainingProgress, in training: TrainingSession) throws -> TrainingDecision {
        update(episode)
        return .proceed
    }

    /// Takes one finished episode's figures; shows them when it is time.
    func update(_ progress: TrainingProgress) {
        latest = progress
        currentStage = nil
        steps = progress.steps
        episodes = progress.episode
        show(force: false)
    }

    // MARK: - Stages and notes

    /// Shows `name` ("evaluating", "saving") as what is happening now, at once.
    func stage(_ name: String?) {
        currentStage = name
        guard style != .quiet else { return }
        if style == .liveLine { drawLiveLine() } else if let name { StandardError.writeLine(name + "…") }
    }

    /// A line of its own above the live line (an evaluation's result).
    func note(_ line: String) {
        guard style != .quiet else { return }
        if lineIsOpen { StandardError.write("\r\u{1B}[K") }
        StandardError.writeLine(line)
        lineIsOpen = false
        currentStage = nil
        if style == .liveLine { drawLiveLine() }
    }

    /// Ctrl-C arrived: says so at once.
    func stopping() {
        note(TerminalStyle.paint("stopping… saving what was learned (Ctrl-C again waits for the save)", .yellow, colored))
    }

    /// The line for a periodic evaluation's result.
    static func evaluationLine(_ result: EvaluationCallback.Result) -> String {
        var text = "evaluation at \(NumberText.count(result.steps)) steps: mean return \(NumberText.fixed(result.report.meanReturn, 2))"
            + " ± \(NumberText.fixed(result.report.standardDeviation, 2)) over \(result.report.episodes) episodes"
        if let success = result.report.successRate { text += ", success \(NumberText.percent(success))" }
        return text + (result.isBest ? " (best so far: saved)" : "")
    }

    /// Shows the last figures if they are not on screen yet and closes the live line, so what
    /// follows starts on a line of its own.
    func finish() {
        // A stage shown on the live line ("saving…") is over: the line is drawn again without it.
        let stageShown = style == .liveLine && currentStage != nil
        currentStage = nil
        guard style != .quiet else { return }
        if lastShown?.steps != steps || stageShown {
            if style == .liveLine { drawLiveLine() } else { StandardError.writeLine(line(width: nil)) }
        }
        if lineIsOpen {
            StandardError.write("\n")
            lineIsOpen = false
        }
    }

    // MARK: - Drawing

    private func show(force: Bool) {
        let now = seconds
        updateRate(now)
        switch style {
        case .quiet:
            return
        case .liveLine:
            if !force, let lastShown, now - lastShown.seconds < Self.liveInterval { return }
            drawLiveLine()
        case .plainLines:
            let tenth = Int(fractionDone * 10)
            let due = tenth > lastTenth || now - (lastShown?.seconds ?? 0) >= Self.plainInterval
            guard due || force else { return }
            lastTenth = tenth
            StandardError.writeLine(line(width: nil))
            lastShown = (now, steps)
        }
    }

    private func drawLiveLine() {
        let width = min(Self.maximumWidth, (TerminalDevice.columns(of: STDERR_FILENO) ?? Self.maximumWidth)) - 1
        // Carriage return, the line, then erase what an earlier, longer line left.
        StandardError.write("\r" + line(width: width) + "\u{1B}[K")
        lineIsOpen = true
        lastShown = (seconds, steps)
    }

    /// The figures as one line, cut to `width` columns by dropping the least important first.
    func line(width: Int?) -> String {
        let done = fractionDone
        var parts = [
            String(format: "%3.0f%%", done * 100),
            "steps \(NumberText.count(steps))",
            "\(NumberText.count(Int(rate.rounded())))/s",
        ]
        if let eta = remainingSeconds { parts.append("ETA \(NumberText.clock(eta))") }
        if let latest {
            parts.append("return \(NumberText.fixed(latest.meanReturn, 1))")
            if let epsilon = latest.epsilon { parts.append("ε \(NumberText.fixed(epsilon, 2))") }
            if let loss = latest.loss { parts.append("loss \(String(format: "%.3g", loss))") }
        }
        var stageText = currentStage.map { $0 + "…" }
        guard let width else { return (parts + (stageText.map { [$0] } ?? [])).joined(separator: "  ") }
        // Drop from the end (loss, ε, return, ETA) until the line and the stage fit.
        func length(_ items: [String]) -> Int { items.joined(separator: "  ").count + (stageText.map { $0.count + 2 } ?? 0) }
        while parts.count > 2 && length(parts) > width { parts.removeLast() }
        if length(parts) > width { stageText = nil }
        var text = parts.joined(separator: "  ")
        if text.count > width { text = String(text.prefix(width)) }
        if colored {
            // Only the percentage and the stage are coloured; their widths do not change.
            let percentage = parts[0]
            text = TerminalStyle.paint(percentage, .bold, true) + text.dropFirst(percentage.count)
            if let stageText { text += "  " + TerminalStyle.paint(stageText, .yellow, true) }
        } else if let stageText {
            text += "  " + stageText
        }
        return text
    }

    /// The share of this call's budget done, 0...1.
    private var fractionDone: Double {
        switch budget {
        case .episodes(let count): min(1, Double(episodes - startEpisodes) / Double(count))
        case .steps(let count): min(1, Double(steps - startSteps) / Double(count))
        }
    }

    /// Steps per second: the smoothed rate, or the average since the start before there is one.
    private var rate: Double {
        smoothedRate ?? (seconds > 0 ? Double(steps - startSteps) / seconds : 0)
    }

    /// The time left at the smoothed rate, once there is one.
    private var remainingSeconds: Double? {
        switch budget {
        case .steps(let count):
            guard rate > 0 else { return nil }
            return Double(count - (steps - startSteps)) / rate
        case .episodes(let count):
            let done = episodes - startEpisodes
            guard done > 0 else { return nil }
            return seconds / Double(done) * Double(count - done)
        }
    }

    /// An exponential average of the rate between samples half a second or more apart.
    private func updateRate(_ now: Double) {
        let interval = now - rateSample.seconds
        guard interval >= 0.5 || smoothedRate == nil && interval > 0.05 else { return }
        let rate = Double(steps - rateSample.steps) / interval
        smoothedRate = smoothedRate.map { 0.7 * $0 + 0.3 * rate } ?? rate
        rateSample = (now, steps)
    }
}

/// Colour on a terminal, as people expect it: never with `NO_COLOR` set (no-color.org), with
/// `TERM=dumb`, or when standard error is not a terminal.
enum TerminalStyle {
    enum Color: String {
        case bold = "1", yellow = "33", green = "32", red = "31"
    }

    /// Whether colour codes may be written to standard error.
    static var allowsColor: Bool {
        let environment = ProcessInfo.processInfo.environment
        if let noColor = environment["NO_COLOR"], !noColor.isEmpty { return false }
        if environment["TERM"] == "dumb" { return false }
        return TerminalDevice.errorIsTerminal
    }

    /// `text` in `color` when `enabled`, else as it is.
    static func paint(_ text: String, _ color: Color, _ enabled: Bool) -> String {
        enabled ? "\u{1B}[\(color.rawValue)m" + text + "\u{1B}[0m" : text
    }
}
