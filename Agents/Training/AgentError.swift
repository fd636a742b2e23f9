/// An error thrown by an agent: it does not fit an environment, its configuration is out of
/// range, or a checkpoint cannot be used.
///
/// The description is one line meant for the person at the keyboard; the `rl` command prints
/// it as it is.
public enum AgentError: Error, Equatable, CustomStringConvertible {
    /// The agent cannot work with the environment's spaces; the message names both spaces.
    case doesNotFit(String)
    /// A configuration value is out of range; the message names the value and the range.
    case invalidConfiguration(String)
    /// A checkpoint is missing, truncated, corrupt or written by something else.
    case invalidCheckpoint(String)

    public var description: String {
        switch self {
        case .doesNotFit(let message), .invalidConfiguration(let message), .invalidCheckpoint(let message):
            message
        }
    }
}
