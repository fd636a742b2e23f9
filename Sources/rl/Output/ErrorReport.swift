import ArgumentParser
import Foundation
import RL

/// A failure the command itself detects (as opposed to one the library throws): the message is
/// one line for the person at the keyboard, and `exitCode` says how the process ends.
struct CommandFailure: Error, CustomStringConvertible {
    /// What went wrong, one line, without the `rl: error:` prefix.
    var message: String
    /// The exit code (1 unless the failure is a usage error).
    var exitCode: ExitCode

    init(_ message: String, exitCode: ExitCode = .failure) {
        self.message = message
        self.exitCode = exitCode
    }

    var description: String { message }
}

/// Ends the process after a failure: one line on standard error and a non-zero exit code.
///
/// Every error reaches the person as `rl: error: <message>`. The library's errors
/// (`EnvironmentError`, `AgentError`, `TensorError`) describe themselves in one line already;
/// anything longer is folded onto one line, so no failure ever prints a stack trace or a usage
/// block.
enum ErrorReport {
    /// The line printed for `error`, without the trailing newline.
    static func line(for error: Error) -> String {
        let message = RLCommand.message(for: error)
        let folded = message.split(whereSeparator: \.isNewline)
            .map { $0.trimmingCharacters(in: .whitespaces) }
            .filter { !$0.isEmpty }
            .joined(separator: "; ")
        return "rl: error: " + (folded.isEmpty ? "\(error)" : folded)
    }

    /// The exit code for `error`: 64 when the command line is wrong (swift-argument-parser's
    /// usage errors, unknown agents and environments, out-of-range values, an agent that does
    /// not fit the environment), 1 when something else fails (a missing or corrupt checkpoint, a
    /// malformed map, a file that cannot be written), or the command's own choice.
    static func exitCode(for error: Error) -> Int32 {
        switch error {
        case let failure as CommandFailure:
            return failure.exitCode.rawValue
        case AgentError.invalidConfiguration, AgentError.doesNotFit,
             EnvironmentError.unknownEnvironment, EnvironmentError.invalidOption:
            return ExitCode.validationFailure.rawValue
        case is AgentError, is EnvironmentError:
            return ExitCode.failure.rawValue
        default:
            let code = RLCommand.exitCode(for: error)
            return code == .success ? ExitCode.failure.rawValue : code.rawValue
        }
    }

    /// Prints the line for `error` on standard error and exits with its code.
    static func exit(with error: Error) -> Never {
        // A bare exit code carries no message: the command has said what happened already.
        if let code = error as? ExitCode { Foundation.exit(code.rawValue) }
        StandardError.writeLine(line(for: error))
        Foundation.exit(exitCode(for: error))
    }
}
