/// An error writing or reading TensorBoard event files.
///
/// The description is one line meant for the person at the keyboard; the `rl` command prints
/// it as it is.
public enum TensorBoardError: Error, Equatable, CustomStringConvertible {
    /// The folder or the event file cannot be created or written; the message names the path
    /// and the reason.
    case cannotWrite(String)
    /// A file is not a readable event file (missing, a record with a wrong checksum, a record
    /// that is not an `Event`); the message names the file and the place.
    case invalidFile(String)
    /// A value cannot be written (an empty tag, a writer already closed).
    case invalidArgument(String)

    public var description: String {
        switch self {
        case .cannotWrite(let message), .invalidFile(let message), .invalidArgument(let message):
            message
        }
    }
}
