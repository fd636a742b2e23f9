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
            Arrow keys or WASD (also hjkl) move in grid worlds and Taxi, one step per key (Taxi: p \
            picks up, o drops off; Blackjack: s sticks, h hits); in CartPole, Acrobot, MountainCar, \
            Pendulum and MountainCarContinuous left and right push (the continuous ones with the \
            largest force, -max or +max), one step per key. Number keys take the action with that \
            number. r restarts the episode; q, Escape or Ctrl-C quits. When standard input is not a terminal, keys are read \
            from it, so `printf ddsssd | rl play frozenlake --no-slippery` plays a game.

            In a window (the default when there is a display; --render sdl) grid worlds, Taxi and \
            Blackjack still take one step per key, but the physical tasks run in real time once an \
            arrow is pressed, pushing the way of the arrow held down (CartPole: or the last one; the \
            others push nothing while no key is held); space pauses, + and - change the speed, r \
            restarts the episode, q, Escape or closing the window quits. The window's status bar \
            shows the episode, step and return and how each episode ends; it can be resized, and \
            --scale sets its first size.
            """
    )

    @Argument(help: ArgumentHelp("The environment, by id or alias.", valueName: "env"), completion: NameCompletion.environments)
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
            render: displayOptions.render, recording: nil, scale: displayOptions.scale,
            recordingPace: Double(made.environment.framesPerSecond), keysFromPipe: !TerminalDevice.inputIsTerminal,
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
        _ environment: inout any Environment, keys: ActionKeys, display: TerminalDisplay, seed: UInt64, episodes: Int?
    ) throws -> [PlayedEpisode] {
        func play<E: Environment>(_ environment: inout E) throws -> [PlayedEpisode] {
            guard let actions = KeyboardActions(for: environment) else { return [] }
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
                if key == .character("r") {
                    // The window's restart key: the same episode from a new reset.
                    episode = PlayedEpisode(number: episode.number)
                    _ = environment.reset()
                    display.show(environment, status: [episode.status, keys.hint])
                    continue
                }
                guard let action = keys.action(for: key).flatMap(actions.action) else {
                    display.show(environment, status: [episode.status, keys.hint, "that key does nothing here"])
                    continue
                }
                let result = try environment.step(action)
                episode.record(result, of: environment)
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
