import Foundation
import RLCore

/// Where an episode shown by the viewer stands: what the status bar inside the window shows
/// (``StatusBar``), and in short the window's title.
public struct ViewerStatus: Equatable, Sendable {
    /// The environment's name, with its options: `FrozenLake-v1 (slippery=false)`.
    public var environment: String
    /// Who plays (an agent's name), or `nil` for a person.
    public var player: String?
    /// The episode's number, from 1.
    public var episode: Int
    /// Steps taken in the episode.
    public var step: Int
    /// The sum of the episode's rewards so far.
    public var totalReward: Double
    /// Whether playing is paused.
    public var isPaused: Bool
    /// The speed when it is not the environment's own pace (`2x`, `1/4x`), else `nil`.
    public var speed: String?
    /// How the episode ended, once it has.
    public var ending: EpisodeEnding?
    /// What the person can do now (`press ← Push left, → Push right to start`, `a key plays
    /// again`), or `nil`.
    public var prompt: String?

    /// A status; only the environment and the counts are needed (a running episode, at 1x).
    public init(environment: String, player: String? = nil, episode: Int, step: Int, totalReward: Double,
                isPaused: Bool = false, speed: String? = nil, ending: EpisodeEnding? = nil, prompt: String? = nil) {
        self.environment = environment
        self.player = player
        self.episode = episode
        self.step = step
        self.totalReward = totalReward
        self.isPaused = isPaused
        self.speed = speed
        self.ending = ending
        self.prompt = prompt
    }

    /// Who plays what: `FrozenLake-v1 · qtable`.
    public var heading: String {
        ([environment] + (player.map { [$0] } ?? [])).joined(separator: " · ")
    }

    /// The counts: `episode 2  step 6  return 1`.
    public var counts: String {
        "episode \(episode)  step \(step)  return \(returnText)"
    }

    /// The pace, when it is not plain playing at 1x: `paused`, `2x`, `paused · 1/2x`.
    public var pace: String? {
        let parts = (isPaused ? ["paused"] : []) + (speed.map { [$0] } ?? [])
        return parts.isEmpty ? nil : parts.joined(separator: " · ")
    }

    /// The window's title, short enough for a small window: `FrozenLake-v1 · qtable · episode 2`.
    public var windowTitle: String {
        "\(heading) · episode \(episode)"
    }

    /// Everything on one line: `CartPole-v1 · dqn · episode 1 · step 31 · return 31 · paused ·
    /// 2x`, then the ending and the prompt.
    public var line: String {
        var parts = [heading, "episode \(episode)", "step \(step)", "return \(returnText)"]
        if isPaused { parts.append("paused") }
        if let speed { parts.append(speed) }
        if let ending { parts.append(ending.words) }
        if let prompt { parts.append(prompt) }
        return parts.joined(separator: " · ")
    }

    /// The return as a whole number when it is one, else with up to six significant digits
    /// (`0.65`, not `0.6499999999999999`).
    var returnText: String {
        totalReward == totalReward.rounded() && abs(totalReward) < 1e15
            ? String(Int(totalReward)) : String(format: "%.6g", totalReward)
    }
}
