import Foundation
#if canImport(Glibc)
import Glibc
#elseif canImport(Darwin)
import Darwin
#endif

/// Reading a text file a person names (a map, a configuration, a metrics file) with a bound on
/// its size, so that `/dev/zero` or a file of gigabytes ends with a clear error instead of
/// filling the memory, and with one-line errors that say what is wrong.
///
/// Pipes are read too (`--map <(make-map)`), up to the same bound; devices are not.
public enum TextFile {
    /// Why a file could not be read, in one line: `cannot read the map file 'lake.txt': no such file`.
    public struct ReadError: Error, Equatable, CustomStringConvertible {
        /// The line for people.
        public let message: String

        /// An error with its line.
        public init(message: String) {
            self.message = message
        }

        public var description: String { message }
    }

    /// The text of the file at `path`, at most `limit` bytes of UTF-8.
    ///
    /// - Parameters:
    ///   - what: the kind of file, for messages (`map file`).
    ///   - limit: the most bytes read; a larger file is an error.
    /// - Throws: ``ReadError`` when the file is missing, a folder, a device, unreadable, larger
    ///   than `limit`, or not UTF-8.
    public static func read(_ path: String, what: String, limit: Int) throws -> String {
        func failure(_ reason: String) -> ReadError {
            ReadError(message: "cannot read the \(what) '\(path)': \(reason)")
        }
        let descriptor = open(path, O_RDONLY | O_CLOEXEC)
        guard descriptor >= 0 else {
            throw failure(errno == ENOENT ? "no such file" : String(cString: strerror(errno)))
        }
        defer { close(descriptor) }
        var status = stat()
        guard fstat(descriptor, &status) == 0 else { throw failure(String(cString: strerror(errno))) }
        switch status.st_mode & S_IFMT {
        case S_IFDIR: throw failure("it is a folder")
        // A device is not a file to read text from: /dev/zero never ends, a terminal waits.
        case S_IFCHR, S_IFBLK: throw failure("it is a device")
        default: break
        }

        var bytes: [UInt8] = []
        var chunk = [UInt8](repeating: 0, count: 1 << 16)
        while true {
            let count = chunk.withUnsafeMutableBytes { systemRead(descriptor, $0.baseAddress, $0.count) }
            if count < 0 {
                if errno == EINTR { continue }
                throw failure(String(cString: strerror(errno)))
            }
            if count == 0 { break }
            guard bytes.count + count <= limit else {
                throw failure("it is larger than \(limit >> 20) MB, the most a \(what) may hold")
            }
            bytes.append(contentsOf: chunk[0..<count])
        }
        guard let text = String(validating: bytes, as: UTF8.self) else { throw failure("it is not UTF-8 text") }
        return text
    }

    /// The C library's `read` (the name `read` is this type's own function).
    private static func systemRead(_ descriptor: Int32, _ buffer: UnsafeMutableRawPointer?, _ count: Int) -> Int {
        #if canImport(Glibc)
        Glibc.read(descriptor, buffer, count)
        #else
        Darwin.read(descriptor, buffer, count)
        #endif
    }
}
