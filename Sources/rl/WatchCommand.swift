import ArgumentParser
import Foundation
import RL
import RLViewer

/// `rl watch CHECKPOINT` or `rl watch AGENT ENV`: shows an agent playing, greedily, at a chosen
/// speed.
struct WatchCommand: ParsableCommand {
    static let configuration = CommandConfiguration(
        commandName: "watch",
        abstract: "Watch a trained (or untrained) agent play.",
        discussion: """
            With a checkpoint, the trained agent plays the environment it was trained on. With an \
            agent and an environment, an untrained agent plays (random for `random`; the others act \
            on their initial weights or an all-zero table). q or Ctrl-C stops.

            In a window (the default when there is a display; --render sdl) and in the terminal \
            alike: space pauses, right arrow steps while paused, + and - change the speed, r \
            restarts the episode, q, Escape or closing the window quits. The window's status bar \
            shows the episode, step, return and speed, and how each episode ends; the window can be \
            resized, and --scale sets its first size. Without a display the episodes are shown as \
            text. --record FILE.gif records an animated GIF instead (at the environment's pace, or \
            --fps), --record DIR PNG frames; neither needs a display.

            Examples:
              rl watch runs/dqn-CartPole-v1-seed0-…/checkpoint.safetensors --fps 60
              rl watch random frozenlake --episodes 5 --scale 3
              rl watch random cartpole --episodes 1 --record cartpole.gif
            """
    )

    @Argument(help: ArgumentHelp(
        "A checkpoint.safetensors (or the run folder holding it), or an agent and an environment.",
        valueName: "checkpoint | agent env"), completion: NameCompletion.watchTargets)
    var targets: [String]

    @Option(parsing: .unconditional, help: ArgumentHelp("Episodes to show.", valueName: "n"))
    var episodes = 3

    @Option(parsing: .unconditional, help: ArgumentHelp(
        "Steps per second, from 0.01 to 1000; 0 for as fast as possible (default: the environment's own pace, 4 for FrozenLake, 50 for CartPole).",
        valueName: "fps"))
    var fps: Double?

    @OptionGroup(title: "Display options")
    var displayOptions: DisplayOptionGroup

    @Option(help: ArgumentHelp(
        "Record instead of showing: FILE.gif writes an animated GIF, a folder (made if missing) PNG frames frame-000001.png, …; needs no display.",
        valueName: "file.gif | dir"), completion: .file())
    var record: String?

    @OptionGroup(title: "Environment options (with AGENT ENV)")
    var environmentOptions: EnvironmentOptionGroup

    func validate() throws {
        guard (1...2).contains(targets.count) else {
            throw ValidationError("give a checkpoint, or an agent and an environment; got \(targets.count) arguments")
        }
        if episodes < 1 { throw ValidationError("--episodes must be at least 1, got \(episodes)") }
        if let fps, !(fps == 0 || FramePacer.paceRange.contains(fps)) {
            throw ValidationError("--fps must be 0 (as fast as possible) or from 0.01 to 1000, got \(fps)")
        }
        if record != nil, displayOptions.render != nil {
            throw ValidationError("--record writes the frames to files instead of showing them; leave out --render")
        }
        if let record { _ = try RecordingTarget(record) }
    }

    func run() throws {
        var (agent, made) = try agentAndEnvironment()
        let pace = fps ?? Double(made.environment.framesPerSecond)
        // Ctrl-C ends a recording with the frames so far; caught before the file is started.
        if record != nil { Interruption.install() }
        let target = try WindowViewing.target(
            render: displayOptions.render, recording: try record.map(RecordingTarget.init), scale: displayOptions.scale,
            recordingPace: pace > 0 ? pace : Double(made.environment.framesPerSecond), keysFromPipe: false,
            firstFrame: made.environment.drawing(), title: made.title)
        let player = agentName(agent)
        guard case .viewer(let destination) = target else {
            let outcomes = try RenderMode.inTerminal { display in
                if TerminalDevice.inputIsTerminal { StandardError.writeLine("Keys: \(WindowViewing.watchKeys).") }
                return try WindowViewing.watch(
                    agent, on: &made.environment, destination: TerminalDestination(display: display), title: made.title,
                    episodes: episodes, framesPerSecond: pace, seed: displayOptions.seed)
            }
            print(PlayedEpisode.summary(of: outcomes, player: player, on: made.title))
            return
        }
        if destination.isRealTime { StandardError.writeLine("Keys: \(WindowViewing.watchKeys).") }
        // A recording plays as fast as it can be written (its own pace is in the file).
        let outcomes = try WindowViewing.watch(
            agent, on: &made.environment,
            destination: destination.isRealTime ? destination : InterruptibleRecording(destination), title: made.title,
            episodes: episodes, framesPerSecond: destination.isRealTime ? pace : 0, seed: displayOptions.seed)
        let written = try WindowViewing.finishRecording(destination, recordedTo: record)
        print(PlayedEpisode.summary(of: outcomes, player: player, on: made.title))
        if let written { print(written) }
    }

    /// The agent and its environment: from the checkpoint, or an untrained agent made for the
    /// named environment.
    private func agentAndEnvironment() throws -> (any Agent, MadeEnvironment) {
        if targets.count == 1 {
            guard try environmentOptions.registryOptions().isEmpty else {
                throw CommandFailure(
                    "environment options apply to `rl watch AGENT ENV`; a checkpoint brings its own environment",
                    exitCode: .validationFailure)
            }
            let loaded = try LoadedCheckpoint(path: targets[0])
            return (loaded.agent, loaded.environment)
        }
        let made = try environmentOptions.makeEnvironment(targets[1])
        let agent = try AgentSetup(agent: targets[0], environmentID: made.id, seed: displayOptions.seed)
            .makeAgent(for: made.environment)
        return (agent, made)
    }

    private func agentName(_ agent: any Agent) -> String {
        (targets.count == 2 ? "The untrained " : "The trained ") + type(of: agent).name + " agent"
    }
}
