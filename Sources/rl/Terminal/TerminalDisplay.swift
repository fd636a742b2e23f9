#if canImport(Glibc)
import Glibc
#elseif canImport(Darwin)
import Darwin
#endif
import Foundation
import RL

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
        frame += status.map { $0 + "\n" }.joined()
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

    func pause(seconds: Double) -> Bool {
        let deadline = Date().addingTimeInterval(seconds)
        guard keysFromPerson else {
            // Keys from a pipe belong to `rl play`; here only a stop request ends the wait.
            if seconds > 0 { Thread.sleep(forTimeInterval: seconds) }
            return !Interruption.isRequested
        }
        while true {
            let left = deadline.timeIntervalSinceNow
            switch keys.next(timeout: max(0, left)) {
            case .key(.quit), .finished: return false
            case .timedOut: return true
            case .key: if left <= 0 { return true }
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
