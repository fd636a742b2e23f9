import ArgumentParser
import Foundation
import RL

/// `rl`: the suite's command line.
///
/// `main()` is customised so that every failure ends with exactly one line on standard error
/// (`rl: error: …`) and a non-zero exit code: swift-argument-parser would print the usage after a
/// validation error, and a thrown library error must never show as a stack trace. Help
/// requests print as usual; `--version` prints ``VersionReport``.
@main
struct RLCommand: ParsableCommand {
    static let configuration = CommandConfiguration(
        commandName: "rl",
        abstract: "Train, evaluate and watch reinforcement-learning agents.",
        discussion: """
            Train an agent (`rl train dqn cartpole`), evaluate the checkpoint it saves (`rl eval \
            runs/…/checkpoint.safetensors`), plot its learning curve (`rl plot runs/…/metrics.csv -o \
            curve.svg`), watch it play (`rl watch runs/…/checkpoint.safetensors`), or play yourself \
            (`rl play frozenlake`). `rl list` shows the environments and agents.
            """,
        subcommands: [
            ListCommand.self, TrainCommand.self, EvalCommand.self, InfoCommand.self, PlotCommand.self,
            PlayCommand.self, WatchCommand.self,
        ]
    )

    @Flag(help: "Show the version, the BLAS library and kernel in use, and the processor.")
    var version = false

    mutating func run() throws {
        guard version else { throw CleanExit.helpRequest(self) }
        print(VersionReport.text, terminator: "")
    }

    static func main() {
        do {
            var command = try parseAsRoot()
            try command.run()
            try StandardOutput.check()
        } catch {
            // Help requests are "errors" that exit successfully; they print as usual.
            if exitCode(for: error) == .success { exit(withError: error) }
            ErrorReport.exit(with: error)
        }
    }
}
