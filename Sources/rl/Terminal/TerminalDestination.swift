import RL
import RLViewer

/// The terminal as a place the viewer's sessions show episodes: `rl watch --render ansi` (and
/// `rl watch` without a display) runs the window's ``WatchSession`` here, so the same keys
/// work — space pauses, → steps while paused, + and − change the speed, r restarts the
/// episode, q quits.
///
/// Each frame is the environment's text rendering with one status line under it:
/// `qtable  episode 1  step 6  return 1  — reached the goal`.
final class TerminalDestination: FrameDestination {
    private let display: TerminalDisplay

    init(display: TerminalDisplay) {
        self.display = display
    }

    var isRealTime: Bool { true }

    func show<Shown: Environment>(_ environment: Shown, status: ViewerStatus) throws {
        display.show(environment, status: [Self.line(for: status)])
    }

    /// A picture cannot be shown as text: only its status line is printed.
    func show(_ drawing: Drawing, status: ViewerStatus) throws {
        display.showStatus([Self.line(for: status)])
    }

    func waitForEvents(until deadline: ContinuousClock.Instant?) -> [ViewerEvent] {
        display.events(until: deadline)
    }

    /// `qtable  episode 1  step 6  return 1  paused  2x  — reached the goal`.
    static func line(for status: ViewerStatus) -> String {
        var parts = (status.player.map { [$0] } ?? []) + [status.counts]
        if let pace = status.pace { parts.append(pace) }
        var text = parts.joined(separator: "  ")
        if let ending = status.ending { text += "  — " + ending.words }
        return text
    }
}
