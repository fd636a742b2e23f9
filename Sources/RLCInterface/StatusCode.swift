import RLCore

/// What every function of the C interface returns: 0 for success, a positive code naming the
/// kind of failure otherwise (the message is then in `swiftrl_last_error()`).
///
/// The codes are part of the C interface (`swiftrl.h` lists them as `SWIFTRL_…` constants);
/// the Python package raises one exception class per code.
public enum StatusCode: Int32, Sendable {
    /// The call succeeded.
    case ok = 0
    /// A failure of no other kind (an environment that threw something unexpected).
    case failed = 1
    /// No environment is registered under the id (`EnvironmentError.unknownEnvironment`).
    case unknownEnvironment = 2
    /// The options are not a JSON object of scalars, name an option the environment does not
    /// take, or give it a bad value (`EnvironmentError.invalidOption`, `.invalidMap`).
    case invalidOption = 3
    /// An argument is out of range: a copy count, a buffer of the wrong size or alignment, a
    /// null pointer, an unknown buffer or autoreset mode (`EnvironmentError.invalidVector`).
    case invalidArgument = 4
    /// The handle is not one of a live vector (never made, or already freed).
    case invalidHandle = 5
    /// `step` before the first `reset`, or (autoreset disabled) after an episode ended.
    case resetNeeded = 6
    /// An action outside the action space, or a batch of actions that cannot be read.
    case invalidAction = 7

    /// The code for an error thrown inside the interface or by the suite.
    init(for error: any Error) {
        switch error {
        case let error as InterfaceError: self = error.code
        case let error as EnvironmentError:
            switch error {
            case .unknownEnvironment: self = .unknownEnvironment
            case .invalidOption, .invalidMap: self = .invalidOption
            case .invalidVector: self = .invalidArgument
            case .resetNeeded: self = .resetNeeded
            case .invalidAction: self = .invalidAction
            case .protocolViolation: self = .failed
            }
        default: self = .failed
        }
    }
}
