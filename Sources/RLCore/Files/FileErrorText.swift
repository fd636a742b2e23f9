import Foundation

/// Why a file operation failed, in the system's own words (`No space left on device`, `Not a
/// directory`), for one-line errors.
///
/// Foundation's `localizedDescription` on Linux says `The operation could not be completed.
/// (NSCocoaErrorDomain error 512.)` for most of them; the POSIX error underneath says what
/// happened.
public enum FileErrorText {
    /// The reason for `error`.
    public static func reason(_ error: Error) -> String {
        let nsError = error as NSError
        if nsError.domain == NSPOSIXErrorDomain { return String(cString: strerror(Int32(nsError.code))) }
        if let underlying = nsError.userInfo[NSUnderlyingErrorKey] as? NSError, underlying.domain == NSPOSIXErrorDomain {
            return String(cString: strerror(Int32(underlying.code)))
        }
        if nsError.domain == NSCocoaErrorDomain {
            switch CocoaError.Code(rawValue: nsError.code) {
            case .fileNoSuchFile, .fileReadNoSuchFile: return "no such file or folder"
            case .fileWriteNoPermission, .fileReadNoPermission: return "permission denied"
            case .fileWriteOutOfSpace: return "no space left on the device"
            case .fileWriteVolumeReadOnly: return "the file system is read-only"
            case .fileWriteFileExists: return "something is in the way"
            default: return "the system refused it (error \(nsError.code))"
            }
        }
        return "\(error)"
    }
}
