import ArgumentParser
import RL

/// Where `rl play` and `rl watch` show episodes, and where the person's keys come from.
///
/// The terminal (``TerminalDisplay``, `--render ansi`) is one; a window is another
/// (`--render sdl`). The commands only talk to this protocol, so a new render mode is a new
/// conforming type and a case of ``RenderMode``.
protocol EpisodeDisplay: AnyObject {
    /// Shows the environment's current state with status lines under it.
    func show(_ environment: any Environment, status: [String])

    /// Waits for the person's next key; `nil` when they quit, the input ended or a stop was
    /// requested.
    func nextKey() -> Key?

    /// Waits `seconds` between frames, watching for the person asking to stop; returns `false`
    /// when they did (q, Ctrl-C, a closed window).
    func pause(seconds: Double) -> Bool

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

    /// Opens the display.
    ///
    /// - Throws: ``CommandFailure`` when the mode is not available in this build.
    func makeDisplay() throws -> any EpisodeDisplay {
        switch self {
        case .ansi:
            return TerminalDisplay()
        case .sdl:
            throw CommandFailure("--render sdl is not available yet: the SDL viewer is not part of rl so far; use --render ansi")
        }
    }
}
