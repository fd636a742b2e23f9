import Foundation
import Synchronization
#if canImport(Glibc)
import Glibc
#elseif canImport(Darwin)
import Darwin
#endif

/// Writing a file so that a reader, or a process killed half-way, only ever sees the old
/// contents or the new ones, never a part.
///
/// The bytes go to a temporary file in the same folder, named for the file and the writing
/// process (`.checkpoint.safetensors.rl-4242-1.tmp`: file name, process id, a counter), which is
/// flushed to the disk and then renamed over the file. On every failure the temporary file is
/// removed; one left by a process that was killed (`kill -9`, a power cut) is removed by the
/// next write of the same file, once no running process has that id.
///
/// What is replaced is checked first:
/// - a regular file is replaced, keeping its permissions;
/// - a symbolic link is written through: its target is replaced (a link to a missing file
///   creates the file);
/// - anything else (a folder, a device such as `/dev/full`, a pipe, a socket) is refused, so
///   that even run as root a write never swaps a device node for a regular file.
public enum AtomicFile {
    /// The marker between a file's name and the writer's process id in temporary names.
    static let marker = ".rl-"
    /// The extension of temporary files.
    static let temporaryExtension = ".tmp"
    /// The most symbolic links followed from one path (the system's own limit, `MAXSYMLINKS`).
    static let maximumLinkHops = 40

    /// Writes `data` to `url` atomically (see the type's documentation).
    ///
    /// - Throws: ``TensorError/invalidFile(_:)`` naming the file and the reason: its folder is
    ///   missing or not writable, the path is not a regular file (or a link to one), the disk is
    ///   full; nothing is left behind.
    public static func write(_ data: Data, to url: URL) throws {
        let destination = try resolvedDestination(url.path)
        try checkReplaceable(destination, asked: url.path)
        let folder = (destination as NSString).deletingLastPathComponent
        let name = (destination as NSString).lastPathComponent
        removeStaleTemporaryFiles(of: name, in: folder.isEmpty ? "." : folder)
        let temporary = (folder as NSString).appendingPathComponent(temporaryName(for: name))

        let descriptor = open(temporary, O_WRONLY | O_CREAT | O_EXCL | O_CLOEXEC, 0o666)
        guard descriptor >= 0 else {
            throw TensorError.invalidFile("cannot write \(url.path): \(systemReason())")
        }
        do {
            try writeAll(data, to: descriptor, path: url.path)
            // The new file keeps the permissions of the one it replaces.
            var existing = stat()
            if stat(destination, &existing) == 0 { _ = fchmod(descriptor, existing.st_mode & 0o7777) }
            // On the disk before the rename, so a crash of the machine cannot leave an empty file
            // under the real name.
            guard fsync(descriptor) == 0 else { throw TensorError.invalidFile("cannot write \(url.path): \(systemReason())") }
            guard close(descriptor) == 0 else {
                unlink(temporary)
                throw TensorError.invalidFile("cannot write \(url.path): \(systemReason())")
            }
        } catch {
            close(descriptor)
            unlink(temporary)
            throw error
        }
        guard rename(temporary, destination) == 0 else {
            let reason = systemReason()
            unlink(temporary)
            throw TensorError.invalidFile("cannot write \(url.path): \(reason)")
        }
    }

    // MARK: - What is replaced

    /// Whether two paths lead to the same existing file (the same device and inode, through
    /// links): a command checks its output against its inputs with it, so that it never writes
    /// over what it reads.
    public static func isSameFile(_ first: String, _ second: String) -> Bool {
        var a = stat(), b = stat()
        guard stat(first, &a) == 0, stat(second, &b) == 0 else { return false }
        return a.st_dev == b.st_dev && a.st_ino == b.st_ino
    }

    /// The path a write to `path` replaces: `path` itself, or the file its symbolic links lead to.
    ///
    /// - Throws: ``TensorError/invalidFile(_:)`` for a loop of links.
    static func resolvedDestination(_ path: String) throws -> String {
        var current = path
        for _ in 0..<maximumLinkHops {
            var status = stat()
            guard lstat(current, &status) == 0, status.st_mode & S_IFMT == S_IFLNK else { return current }
            var buffer = [CChar](repeating: 0, count: Int(PATH_MAX) + 1)
            let length = readlink(current, &buffer, buffer.count - 1)
            guard length > 0 else { return current }
            let target = String(decoding: buffer[0..<length].map { UInt8(bitPattern: $0) }, as: UTF8.self)
            current = target.hasPrefix("/") ? target : ((current as NSString).deletingLastPathComponent as NSString).appendingPathComponent(target)
        }
        throw TensorError.invalidFile("cannot write \(path): too many symbolic links (a loop?)")
    }

    /// Refuses to replace anything but a regular file (or nothing).
    ///
    /// - Throws: ``TensorError/invalidFile(_:)`` naming what is there.
    static func checkReplaceable(_ destination: String, asked path: String) throws {
        var status = stat()
        guard lstat(destination, &status) == 0 else { return }
        let kind: String
        switch status.st_mode & S_IFMT {
        case S_IFREG: return
        case S_IFDIR: kind = "a folder"
        case S_IFCHR, S_IFBLK: kind = "a device"
        case S_IFIFO: kind = "a pipe"
        case S_IFSOCK: kind = "a socket"
        default: kind = "not a regular file"
        }
        let shown = destination == path ? path : "\(path) (which leads to \(destination))"
        throw TensorError.invalidFile("refusing to replace \(shown): it is \(kind), not a regular file")
    }

    // MARK: - Temporary files

    /// Numbers the temporary files of one process, so that two threads writing the same file
    /// never share one.
    private static let counter = Mutex(0)

    /// `.NAME.rl-PID-N.tmp`.
    static func temporaryName(for name: String) -> String {
        let number = counter.withLock { value in
            value += 1
            return value
        }
        return ".\(name)\(marker)\(getpid())-\(number)\(temporaryExtension)"
    }

    /// The process id in a temporary name of `name`, or `nil` when `entry` is not one.
    static func writerProcess(of entry: String, name: String) -> pid_t? {
        let prefix = ".\(name)\(marker)"
        guard entry.hasPrefix(prefix), entry.hasSuffix(temporaryExtension) else { return nil }
        let middle = entry.dropFirst(prefix.count).dropLast(temporaryExtension.count)
        guard let dash = middle.firstIndex(of: "-"), Int(middle[middle.index(after: dash)...]) != nil else { return nil }
        return pid_t(middle[..<dash])
    }

    /// The folders and names whose stale temporary files this process has removed already.
    private static let cleaned = Mutex(Set<String>())

    /// Removes the temporary files of `name` left in `folder` by processes that no longer run
    /// (once per file and process: a later one can only come from this process).
    static func removeStaleTemporaryFiles(of name: String, in folder: String) {
        let key = (folder as NSString).appendingPathComponent(name)
        guard cleaned.withLock({ $0.insert(key).inserted }) else { return }
        guard let entries = try? FileManager.default.contentsOfDirectory(atPath: folder) else { return }
        for entry in entries {
            guard let writer = writerProcess(of: entry, name: name), writer != getpid(), writer > 0 else { continue }
            // ESRCH: no such process. (EPERM means it runs under another user: keep its file.)
            if kill(writer, 0) != 0 && errno == ESRCH {
                unlink((folder as NSString).appendingPathComponent(entry))
            }
        }
    }

    // MARK: - Writing

    /// Writes every byte, resuming after interruptions and short writes.
    private static func writeAll(_ data: Data, to descriptor: Int32, path: String) throws {
        try data.withUnsafeBytes { (bytes: UnsafeRawBufferPointer) in
            var offset = 0
            while offset < bytes.count {
                // `offset < bytes.count`, so the buffer is not empty and has an address.
                let written = systemWrite(descriptor, bytes.baseAddress! + offset, bytes.count - offset)
                if written < 0 {
                    if errno == EINTR { continue }
                    throw TensorError.invalidFile("cannot write \(path): \(systemReason())")
                }
                offset += written
            }
        }
    }

    /// The C library's `write` (the name `write` is this type's own method).
    private static func systemWrite(_ descriptor: Int32, _ bytes: UnsafeRawPointer, _ count: Int) -> Int {
        #if canImport(Glibc)
        Glibc.write(descriptor, bytes, count)
        #else
        Darwin.write(descriptor, bytes, count)
        #endif
    }

    /// The C library's words for `errno` ("No space left on device").
    static func systemReason() -> String {
        String(cString: strerror(errno))
    }
}
