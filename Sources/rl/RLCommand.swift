import ArgumentParser
import RL

@main
struct RLCommand: ParsableCommand {
    static let configuration = CommandConfiguration(
        commandName: "rl",
        abstract: "Train, evaluate and watch reinforcement-learning agents.",
        version: "0.1.0"
    )
}
