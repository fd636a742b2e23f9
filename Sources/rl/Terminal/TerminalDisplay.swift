#if canImport(Glibc)
import Glibc
#elseif canImport(Darwin)
import Darwin
#endif
import Foundation
import RL
import RLViewer

/// Episodes drawn as text in the terminal (the environment's ANSI rendering), keys read from
/// standard input.
///
/// On a terminal each frame replaces the previous one and standard input is in raw mode (one
/// key at a time, no echo) until ``close()``. When standard output is not a terminal, frames
/// follow one another, separated by a blank line; when standard input is not a terminal, keys
/// are read from it as they come, so a script can play.
final class TerminalDisplay: EpisodeDisplay {
    /// "Cursor home, then erase to the end of the screen": redraws without scrolling.
    private static let redraw = "\u{1B}[H\u{1B}[J"
    private static let hideCursor = "\u{1B}[?25l"
    private static let showCursor = "\u{1B}[?25h"

    private let redrawsInPlace = TerminalDevice.outputIsTerminal
    private let keysFromPerson = TerminalDevice.inputIsTerminal
    private var rawMode: RawTerminalMode?
    private let keys = KeyReader()
    private var isOpen = true

    init() {
        rawMode = RawTerminalMode()
        if redrawsInPlace { write(Self.hideCursor + Self.redraw) }
    }

    func show(_ environment: any Environment, status: [String]) {
        var frame = environment.renderText()
        if !frame.hasSuffix("\n") { frame += "\n" }
        showFrame(frame + status.map { $0 + "\n" }.joined())
    }

    /// Shows status lines alone, as a frame of their own.
    func showStatus(_ status: [String]) {
        showFrame(status.map { $0 + "\n" }.joined())
    }

    private func showFrame(_ frame: String) {
        write(redrawsInPlace ? Self.redraw + frame : frame + "\n")
    }

    func nextKey() -> Key? {
        while true {
            switch keys.next() {
            case .key(.quit), .finished: return nil
            case .key(let key): return key
            case .timedOut: continue
            }
        }
    }

    /// Waits for keys until `deadline` (for ever when `nil`) and returns them as viewer events
    /// (``TerminalDestination``): `[]` when the deadline passed, `[.quit]` for q, Escape,
    /// Ctrl-C or a stop request. When keys do not come from a person (a pipe or file belongs to
    /// `rl play`), it only waits for the deadline, watching for a stop request.
    func events(until deadline: ContinuousClock.Instant?) -> [ViewerEvent] {
        func secondsLeft() -> Double? {
            deadline.map { deadline in
                let (seconds, attoseconds) = ContinuousClock.now.duration(to: deadline).components
                return max(0, Double(seconds) + Double(attoseconds) / 1e18)
            }
        }
        guard keysFromPerson else {
            while let left = secondsLeft(), left > 0, !Interruption.isRequested {
                Thread.sleep(forTimeInterval: min(left, 0.1))
            }
            return Interruption.isRequested ? [.quit] : []
        }
        while true {
            switch keys.next(timeout: secondsLeft()) {
            case .key(.quit), .finished: return [.quit]
            case .timedOut: return []
            case .key(let key):
                if let event = Self.event(for: key) { return [event] }
                if let left = secondsLeft(), left <= 0 { return [] }
            }
        }
    }

    /// The viewer's key for a terminal key: arrows, space, `+` (or `=`), `-`, letters, digits.
    static func event(for key: Key) -> ViewerEvent? {
        switch key {
        case .up: return .keyDown(.up)
        case .down: return .keyDown(.down)
        case .left: return .keyDown(.left)
        case .right: return .keyDown(.right)
        case .quit: return .quit
        case .character(let character):
            switch character {
            case " ": return .keyDown(.space)
            case "+", "=": return .keyDown(.plus)
            case "-": return .keyDown(.minus)
            case "a"..."z": return .keyDown(.letter(character))
            default: return character.wholeNumberValue.map { .keyDown(.digit($0)) }
            }
        }
    }

    func close() {
        guard isOpen else { return }
        isOpen = false
        rawMode?.restore()
        if redrawsInPlace { write(Self.showCursor) }
    }

    deinit {
        close()
    }

    /// Writes through standard output's buffer (shared with `print`, so nothing overtakes) and
    /// flushes, so the frame appears now.
    private func write(_ text: String) {
        print(text, terminator: "")
        // fflush(nil) flushes every output stream (naming `stdout` is not concurrency-safe).
        fflush(nil)
    }
}
