#if canImport(Glibc)
import Glibc
#elseif canImport(Darwin)
import Darwin
#endif

/// Facts about the process's standard streams: whether each is a terminal, and how wide.
enum TerminalDevice {
    /// Whether standard input is a terminal (keys come from a person, raw mode applies).
    static var inputIsTerminal: Bool { isatty(STDIN_FILENO) == 1 }
    /// Whether standard output is a terminal (frames can be redrawn in place).
    static var outputIsTerminal: Bool { isatty(STDOUT_FILENO) == 1 }
    /// Whether standard error is a terminal (the progress line can be redrawn in place).
    static var errorIsTerminal: Bool { isatty(STDERR_FILENO) == 1 }

    /// The width in columns of the terminal on `descriptor`, or `nil` when it is not one or does
    /// not say.
    static func columns(of descriptor: Int32) -> Int? {
        var size = winsize()
        guard ioctl(descriptor, UInt(TIOCGWINSZ), &size) == 0, size.ws_col > 0 else { return nil }
        return Int(size.ws_col)
    }
}
