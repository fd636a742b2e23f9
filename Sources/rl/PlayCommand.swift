import ArgumentParser
import Foundation
import RL

/// `rl play ENV`: a person plays an environment with the keyboard, as the notes play
/// FrozenLake before any learning.
struct PlayCommand: ParsableCommand {
    static let configuration = CommandConfiguration(
        commandName: "play",
        abstract: "Play an environment with the keyboard.",
        discussion: """
            Arrow keys or WASD (also hjkl) move in grid worlds, one step per key; in CartPole left \
            and right push the cart, one step per key. Number keys take the action with that \
            number. q, Escape or Ctrl-C quits. When standard input is not a terminal, keys are read \
            from it, so `printf ddsssd | rl play frozenlake --no-slippery` plays a game.

            In a window (the default when there is a display; --render sdl) grid worlds still take \
            one step per key, but CartPole runs in real time once an arrow is pressed, pushing the \
            way of the arrow held down or the last one; space pauses, + and - change the speed, r \
            restarts the episode, q, Escape or closing the window quits.
            """
    )

    @Argument(help: ArgumentHelp("The environment, by id or alias.", valueName: "env"))
    var environmentName: String

    @Option(parsing: .unconditional, help: ArgumentHelp("Stop after this many episodes (default: play until q).", valueName: "n"))
    var episodes: Int?

    @OptionGroup(title: "Display options")
    var displayOptions: DisplayOptionGroup

    @OptionGroup(title: "Environment options")
    var environmentOptions: EnvironmentOptionGroup

    func validate() throws {
        if let episodes, episodes < 1 { throw ValidationError("--episodes must be at least 1, got \(episodes)") }
    }

    func run() throws {
        var made = try environmentOptions.makeEnvironment(environmentName)
        let keys = try ActionKeys(made.environment)
        let target = try WindowViewing.target(
            render: displayOptions.render, recordFolder: nil, keysFromPipe: !TerminalDevice.inputIsTerminal,
            firstFrame: made.environment.drawing(), title: made.title)
        if case .viewer(let window) = target {
            let outcomes = try WindowViewing.play(&made.environment, window: window, title: made.title, episodes: episodes, seed: displayOptions.seed)
            print(PlayedEpisode.summary(of: outcomes, player: "You", on: made.title))
            return
        }
        let outcomes = try RenderMode.inTerminal { display in
            try Self.play(&made.environment, keys: keys, display: display, seed: displayOptions.seed, episodes: episodes)
        }
        print(PlayedEpisode.summary(of: outcomes, player: "You", on: made.title))
    }

    /// Plays until the person quits, the input ends or `episodes` are over.
    private static func play(
        _ environment: inout any Environment, keys: ActionKeys, display: any EpisodeDisplay, seed: UInt64, episodes: Int?
    ) throws -> [PlayedEpisode] {
        func play<E: Environment>(_ environment: inout E) throws -> [PlayedEpisode] {
            var outcomes: [PlayedEpisode] = []
            var episode = PlayedEpisode(number: 1)
            _ = environment.reset(seed: seed)
            display.show(environment, status: [episode.status, keys.hint])
            while let key = display.nextKey() {
                if episode.isOver {
                    // The finished episode stays on screen until the next key.
                    episode = PlayedEpisode(number: episode.number + 1)
                    _ = environment.reset()
                    display.show(environment, status: [episode.status, keys.hint])
                    continue
                }
                guard let action = keys.action(for: key) else {
                    display.show(environment, status: [episode.status, keys.hint, "that key does nothing here"])
                    continue
                }
                // Cannot fail: ActionKeys gives only indices below the action space's count.
                let result = try environment.step(environment.actionSpace.element(atIndex: action)!)
                episode.record(result, succeeded: environment.episodeSucceeded)
                guard episode.isOver else {
                    display.show(environment, status: [episode.status, keys.hint])
                    continue
                }
                outcomes.append(episode)
                if let episodes, outcomes.count >= episodes {
                    display.show(environment, status: [episode.status])
                    break
                }
                display.show(environment, status: [episode.status, "any key for the next episode, q to quit"])
            }
            return outcomes
        }
        return try play(&environment)
    }
}
