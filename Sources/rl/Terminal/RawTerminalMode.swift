#if canImport(Glibc)
import Glibc
#elseif canImport(Darwin)
import Darwin
#endif

/// A terminal switched to raw mode, so that keys arrive one at a time and unechoed, until
/// ``restore()`` (or deinitialisation) puts the saved settings back.
///
/// Raw here means: no line buffering, no echo, and no signals from the keyboard (Ctrl-C
/// arrives as a key, which `rl play` treats as quit, so the terminal is always restored by the
/// code that changed it). Output processing is left on, so `\n` still starts a new line.
final class RawTerminalMode {
    private let descriptor: Int32
    private var saved: termios
    private var isActive = true

    /// Switches the terminal on `descriptor` to raw mode, or returns `nil` when it is not a
    /// terminal (input from a pipe or file is read as it is).
    init?(descriptor: Int32 = STDIN_FILENO) {
        guard isatty(descriptor) == 1 else { return nil }
        var settings = termios()
        guard tcgetattr(descriptor, &settings) == 0 else { return nil }
        self.descriptor = descriptor
        saved = settings
        settings.c_lflag &= ~tcflag_t(ICANON | ECHO | ISIG)
        // read() returns as soon as one byte is there.
        withUnsafeMutableBytes(of: &settings.c_cc) { characters in
            characters[Int(VMIN)] = 1
            characters[Int(VTIME)] = 0
        }
        guard tcsetattr(descriptor, TCSAFLUSH, &settings) == 0 else { return nil }
    }

    /// Puts the terminal's saved settings back; later calls do nothing.
    func restore() {
        guard isActive else { return }
        isActive = false
        tcsetattr(descriptor, TCSAFLUSH, &saved)
    }

    deinit {
        restore()
    }
}
