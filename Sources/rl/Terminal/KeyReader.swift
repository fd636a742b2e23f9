#if canImport(Glibc)
import Glibc
#elseif canImport(Darwin)
import Darwin
#endif

/// A key as `rl play` and `rl watch` understand it.
enum Key: Hashable {
    case up, down, left, right
    /// q, Escape, Ctrl-C or Ctrl-D.
    case quit
    /// Any other character.
    case character(Character)
}

/// Reads keys from standard input: arrow keys (their escape sequences) as directions,
/// q/Escape/Ctrl-C/Ctrl-D as quit, anything else as itself (``ActionKeys`` reads WASD and hjkl
/// as directions where no action claims the letter).
///
/// Works the same on a terminal in raw mode (a person typing) and on a pipe or file (a script
/// or a test sending keys); the end of the input counts as quit.
final class KeyReader {
    /// What waiting for a key gave.
    enum Event: Equatable {
        case key(Key)
        /// The wait's time limit passed without a key.
        case timedOut
        /// The input ended, or a stop was requested (Ctrl-C from outside, SIGTERM).
        case finished
    }

    /// How long to wait for the rest of an escape sequence after Escape, in milliseconds.
    private static let sequenceWait: Int32 = 30

    private let descriptor: Int32
    private var pending: [UInt8] = []

    init(descriptor: Int32 = STDIN_FILENO) {
        self.descriptor = descriptor
    }

    /// Waits for the next key, at most `timeout` seconds (`nil`: as long as it takes).
    func next(timeout: Double? = nil) -> Event {
        guard let first = readByte(timeoutMilliseconds: timeout.map { Int32(($0 * 1000).rounded()) } ?? -1) else {
            return Interruption.isRequested || !inputOpen ? .finished : .timedOut
        }
        switch first {
        case 0x1B:
            // Escape alone is quit; Escape [ A (or Escape O A) is an arrow key.
            guard let second = readByte(timeoutMilliseconds: Self.sequenceWait) else { return .key(.quit) }
            guard second == UInt8(ascii: "[") || second == UInt8(ascii: "O"),
                  let third = readByte(timeoutMilliseconds: Self.sequenceWait) else {
                pending.insert(second, at: 0)
                return .key(.quit)
            }
            switch third {
            case UInt8(ascii: "A"): return .key(.up)
            case UInt8(ascii: "B"): return .key(.down)
            case UInt8(ascii: "C"): return .key(.right)
            case UInt8(ascii: "D"): return .key(.left)
            default: return .key(.character("?"))
            }
        case 0x03, 0x04:
            return .key(.quit)
        default:
            return .key(Self.key(for: Character(Unicode.Scalar(first))))
        }
    }

    /// The key a plain character stands for: quit for q, else the character (letters
    /// lower-cased).
    static func key(for character: Character) -> Key {
        let lowered = Character(character.lowercased())
        switch lowered {
        case "q": return .quit
        default: return .character(character.isLetter ? lowered : character)
        }
    }

    // MARK: - Bytes

    /// Whether the input can still give bytes (false after end of file).
    private var inputOpen = true

    /// The next byte, or `nil` when none came within the time (or the input ended, or a stop
    /// was requested).
    private func readByte(timeoutMilliseconds: Int32) -> UInt8? {
        if !pending.isEmpty { return pending.removeFirst() }
        guard inputOpen else { return nil }
        var descriptorPoll = pollfd(fd: descriptor, events: Int16(POLLIN), revents: 0)
        while true {
            if Interruption.isRequested { return nil }
            let ready = poll(&descriptorPoll, 1, timeoutMilliseconds)
            if ready < 0 && errno == EINTR { continue }
            guard ready > 0 else { return nil }
            var byte: UInt8 = 0
            let count = read(descriptor, &byte, 1)
            if count < 0 && errno == EINTR { continue }
            guard count == 1 else {
                inputOpen = false
                return nil
            }
            return byte
        }
    }
}
