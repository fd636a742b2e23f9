/// An error thrown by an environment, a wrapper, a vector environment, the registry or the checker.
///
/// The description is one line meant for the person at the keyboard: the `rl` command prints
/// it as it is.
public enum EnvironmentError: Error, Equatable, CustomStringConvertible {
    /// `step` was called before the first `reset`, or after the episode ended.
    case resetNeeded(environment: String)
    /// The action is not in the action space.
    case invalidAction(String)
    /// An environment option has a bad name or value.
    case invalidOption(String)
    /// A map (FrozenLake, grid world) is malformed; `line` is 1-based, or `nil` for the map as a whole.
    case invalidMap(line: Int?, message: String)
    /// No environment is registered under the id; lists the known ids.
    case unknownEnvironment(id: String, known: [String])
    /// The environment breaks the protocol (reported by ``EnvironmentChecker``).
    case protocolViolation(String)
    /// A vector environment cannot be made as asked: fewer than one copy, fewer than one
    /// thread, or copies whose spaces differ.
    case invalidVector(String)

    public var description: String {
        switch self {
        case .resetNeeded(let environment):
            "\(environment): step() called before reset() or after the episode ended; call reset() first"
        case .invalidAction(let message), .invalidOption(let message), .protocolViolation(let message),
             .invalidVector(let message):
            message
        case .invalidMap(let line, let message):
            line.map { "map line \($0): \(message)" } ?? "map: \(message)"
        case .unknownEnvironment(let id, let known):
            "unknown environment '\(id)'\(NameSuggestion.hint(for: id, among: known)); known: \(known.joined(separator: ", "))"
        }
    }
}
