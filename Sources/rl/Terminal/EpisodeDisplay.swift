import ArgumentParser
import RL

/// Where `rl play` and `rl watch` show episodes, and where the person's keys come from.
///
/// The terminal (``TerminalDisplay``, `--render ansi`) is one; `rl watch` runs the viewer's
/// session on it through ``TerminalDestination``. The window (`--render sdl`) is the viewer
/// library's, with its own loops (pause, single steps, speed, real-time CartPole); see
/// ``WindowViewing``.
protocol EpisodeDisplay: AnyObject {
    /// Shows the environment's current state with status lines under it.
    func show(_ environment: any Environment, status: [String])

    /// Waits for the person's next key; `nil` when they quit, the input ended or a stop was
    /// requested.
    func nextKey() -> Key?

    /// Gives back whatever the display took over (terminal settings, a window). Called on
    /// every way out; later calls do nothing.
    func close()
}

/// How episodes are shown: `--render ansi|sdl`.
enum RenderMode: String, CaseIterable, ExpressibleByArgument {
    /// Text with ANSI colours in the terminal.
    case ansi
    /// An SDL window.
    case sdl

    /// Runs `body` with a terminal display, Ctrl-C handled, and the terminal restored however
    /// `body` ends.
    static func inTerminal<Result>(_ body: (TerminalDisplay) throws -> Result) throws -> Result {
        let display = TerminalDisplay()
        Interruption.install()
        defer { display.close() }
        return try body(display)
    }
}
