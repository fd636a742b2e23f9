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

            In a window (the default when there is a display; --render sdl): space pauses, right \
            arrow steps while paused, + and - change the speed, r restarts the episode, q, Escape \
            or closing the window quits; the title shows the episode, step and return. Without a \
            display the episodes are shown as text. --record DIR writes every frame as a BMP \
            image instead, without a display.

            Examples:
              rl watch runs/dqn-CartPole-v1-seed0-…/checkpoint.safetensors --fps 60
              rl watch random frozenlake --episodes 5
              rl watch random cartpole --episodes 1 --record frames
            """
    )

    @Argument(help: ArgumentHelp(
        "A checkpoint.safetensors (or the run folder holding it), or an agent and an environment.",
        valueName: "checkpoint | agent env"))
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
        "Write every frame as a BMP image into this folder (made if missing) instead of showing it; needs no display.",
        valueName: "dir"))
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
    }

    func run() throws {
        var (agent, made) = try agentAndEnvironment()
        let pace = fps ?? Double(made.environment.framesPerSecond)
        let target = try WindowViewing.target(
            render: displayOptions.render, recordFolder: record, keysFromPipe: false,
            firstFrame: made.environment.drawing(), title: made.title)
        if case .viewer(let destination) = target {
            if destination.isRealTime { StandardError.writeLine("Keys: \(WindowViewing.watchKeys).") }
            let outcomes = try WindowViewing.watch(
                agent, on: &made.environment, destination: destination, title: made.title,
                episodes: episodes, framesPerSecond: pace, seed: displayOptions.seed)
            print(PlayedEpisode.summary(of: outcomes, player: agentName(agent), on: made.title))
            if let recorder = destination as? FrameRecorder { print(WindowViewing.recordingSummary(of: recorder)) }
            return
        }
        let outcomes = try RenderMode.inTerminal { display in
            try Self.watch(
                agent, on: &made.environment, display: display, episodes: episodes,
                secondsPerStep: pace > 0 ? 1 / pace : 0, seed: displayOptions.seed)
        }
        print(PlayedEpisode.summary(of: outcomes, player: agentName(agent), on: made.title))
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

    /// The longest an episode is watched, as `rl eval` and `--record` cut episodes.
    static let maxStepsPerEpisode = 100_000

    /// Plays `episodes` greedy episodes, one frame per step (at most ``maxStepsPerEpisode``).
    private static func watch(
        _ agent: any Agent, on environment: inout any Environment, display: any EpisodeDisplay,
        episodes: Int, secondsPerStep: Double, seed: UInt64
    ) throws -> [PlayedEpisode] {
        func watch<A: Agent, E: Environment>(_ agent: A, _ environment: inout E) throws -> [PlayedEpisode] {
            // Breaks ties between equally good actions, as evaluation does.
            var generator = SeededGenerator(seed: seed)
            let name = A.name
            var outcomes: [PlayedEpisode] = []
            for number in 1...episodes {
                var episode = PlayedEpisode(number: number)
                var observation = environment.reset(seed: number == 1 ? seed : nil)
                display.show(environment, status: ["\(name)  " + episode.status])
                while !episode.isOver {
                    guard display.pause(seconds: secondsPerStep) else { return outcomes }
                    let action = try agent.environmentAction(for: observation, in: environment, using: &generator)
                    let result = try environment.step(action)
                    episode.record(result, succeeded: environment.episodeSucceeded)
                    // An environment without a time limit and an agent that never ends an
                    // episode (CliffWalking) would play forever.
                    if episode.steps >= Self.maxStepsPerEpisode && !episode.isOver { episode.cutAtLimit() }
                    observation = result.observation
                    display.show(environment, status: ["\(name)  " + episode.status])
                }
                outcomes.append(episode)
                // Leave the end of an episode on screen a moment before the next one.
                if number < episodes, !display.pause(seconds: secondsPerStep * 4) { break }
            }
            return outcomes
        }
        return try watch(agent, &environment)
    }
}
