import Foundation
import RL

/// Shows how training goes, on standard error (standard output is kept for the summary and
/// `--json`).
///
/// - On a terminal: one line redrawn in place, at most ten times a second: episode, steps,
///   steps per second, the mean return of the last 100 episodes, ε, the loss and the elapsed
///   time.
/// - Otherwise (a log file, a pipe): the same figures as plain lines, one each time another
///   tenth of the budget is done and at least every ``plainInterval`` seconds.
/// - Quiet: nothing.
final class ProgressDisplay {
    /// How the display writes.
    enum Style {
        case liveLine, plainLines, quiet
    }

    /// The shortest time between two redraws of the live line.
    static let liveInterval = 0.1
    /// The longest time between two plain lines.
    static let plainInterval = 10.0

    private let style: Style
    private let budget: TrainingBudget
    private var lastShown: (seconds: Double, steps: Int)?
    private var lastTenth = 0
    private var latest: TrainingProgress?
    private var lineIsOpen = false

    init(style: Style, budget: TrainingBudget) {
        self.style = style
        self.budget = budget
    }

    /// The style for the current standard error: live on a terminal, plain lines otherwise.
    static func style(quiet: Bool) -> Style {
        quiet ? .quiet : TerminalDevice.errorIsTerminal ? .liveLine : .plainLines
    }

    /// Takes one finished episode's figures; shows them when it is time.
    func update(_ progress: TrainingProgress) {
        latest = progress
        switch style {
        case .quiet:
            return
        case .liveLine:
            if let lastShown, progress.seconds - lastShown.seconds < Self.liveInterval { return }
            drawLiveLine(progress)
        case .plainLines:
            let tenth = Int(fractionDone(progress) * 10)
            let due = tenth > lastTenth || progress.seconds - (lastShown?.seconds ?? 0) >= Self.plainInterval
            guard due else { return }
            lastTenth = tenth
            StandardError.writeLine(line(for: progress))
            lastShown = (progress.seconds, progress.steps)
        }
    }

    /// Shows the last figures if they are not on screen yet and closes the live line, so what
    /// follows starts on a line of its own.
    func finish() {
        guard style != .quiet, let latest else { return }
        if lastShown?.steps != latest.steps {
            if style == .liveLine { drawLiveLine(latest) } else { StandardError.writeLine(line(for: latest)) }
        }
        if lineIsOpen {
            StandardError.write("\n")
            lineIsOpen = false
        }
    }

    // MARK: - Drawing

    private func drawLiveLine(_ progress: TrainingProgress) {
        var text = line(for: progress)
        if let columns = TerminalDevice.columns(of: STDERR_FILENO), text.count >= columns {
            // A wrapped line cannot be redrawn with a carriage return.
            text = String(text.prefix(columns - 1))
        }
        // Carriage return, the line, then erase what an earlier, longer line left.
        StandardError.write("\r" + text + "\u{1B}[K")
        lineIsOpen = true
        lastShown = (progress.seconds, progress.steps)
    }

    /// The figures as one line.
    private func line(for progress: TrainingProgress) -> String {
        var parts = [
            "episode \(NumberText.count(progress.episode))",
            "steps \(NumberText.count(progress.steps))",
            "\(NumberText.count(Int(stepsPerSecond(progress).rounded()))) steps/s",
            "mean return (last 100) \(NumberText.fixed(progress.meanReturn, 2))",
        ]
        if let epsilon = progress.epsilon { parts.append("ε \(NumberText.fixed(epsilon, 3))") }
        parts.append("elapsed \(NumberText.clock(progress.seconds))")
        // Last, so a narrow terminal cuts it first.
        if let loss = progress.loss { parts.append("loss \(String(format: "%.4g", loss))") }
        return parts.joined(separator: "  ")
    }

    /// Steps per second since the figures were last shown (since the start, the first time).
    private func stepsPerSecond(_ progress: TrainingProgress) -> Double {
        let (seconds, steps) = lastShown ?? (0, 0)
        let interval = progress.seconds - seconds
        return interval > 0 ? Double(progress.steps - steps) / interval : 0
    }

    private func fractionDone(_ progress: TrainingProgress) -> Double {
        switch budget {
        case .episodes(let count): Double(progress.episode) / Double(count)
        case .steps(let count): Double(progress.steps) / Double(count)
        }
    }
}
