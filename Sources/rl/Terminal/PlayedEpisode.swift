import Foundation
import RL

/// One episode of `rl play` or `rl watch` as it goes: its number, steps, return and how it
/// ended.
struct PlayedEpisode {
    /// The episode's number, from 1.
    let number: Int
    /// Steps taken.
    private(set) var steps = 0
    /// The sum of the rewards.
    private(set) var totalReturn = 0.0
    /// Whether the task ended (a hole, the goal, the pole fell).
    private(set) var terminated = false
    /// Whether a time limit cut the episode.
    private(set) var truncated = false
    /// Whether the goal was reached, for tasks with one (read at the episode's end).
    private(set) var succeeded: Bool?
    /// The environment's own words for how the episode ended (`fell into a hole`), when it has
    /// them (``EpisodeEndDescribing``, read at the episode's end).
    private(set) var endingWords: String?

    init(number: Int) {
        self.number = number
    }

    /// An episode counted elsewhere (the SDL viewer's loops), from its totals.
    init(number: Int, steps: Int, totalReturn: Double, terminated: Bool, truncated: Bool, succeeded: Bool?) {
        self.number = number
        self.steps = steps
        self.totalReturn = totalReturn
        self.terminated = terminated
        self.truncated = truncated
        self.succeeded = succeeded
    }

    /// Whether the episode has ended.
    var isOver: Bool { terminated || truncated }

    /// Counts one step of `environment`, which has just taken it.
    mutating func record<Observation>(_ result: StepResult<Observation>, of environment: some Environment) {
        steps += 1
        totalReturn += result.reward
        terminated = result.terminated
        truncated = result.truncated
        guard result.isDone else { return }
        succeeded = environment.episodeSucceeded
        endingWords = result.terminated ? (environment as? any EpisodeEndDescribing)?.episodeEnding?.words : nil
    }

    /// One status line: `episode 1  step 6  return 1` and, once over, how it ended.
    var status: String {
        var text = "episode \(number)  step \(steps)  return \(Self.text(ofReturn: totalReturn))"
        if isOver { text += "  — " + ending }
        return text
    }

    /// How the episode ended, in words: the environment's own, or generic ones.
    var ending: String {
        if let endingWords { return endingWords }
        switch (succeeded, truncated) {
        case (true?, _): return "reached the goal"
        case (_, true): return "truncated by the time limit"
        case (false?, false): return "ended without reaching the goal"
        case (nil, false): return "terminated"
        }
    }

    /// A return with up to six significant digits: `1`, `-20`, `0.65` (sums of rewards such as
    /// GridWorld's −0.01 per step are not written as `0.6499999999999999`).
    static func text(ofReturn value: Double) -> String {
        String(format: "%.6g", value)
    }

    /// A one-line account of finished episodes: `You played 2 episodes on FrozenLake-v1: returns
    /// 1, 0; reached the goal in 1 of 2.`
    static func summary(of outcomes: [PlayedEpisode], player: String, on environment: String) -> String {
        guard !outcomes.isEmpty else { return "\(player) played no complete episode on \(environment)." }
        let count = outcomes.count == 1 ? "1 episode" : "\(outcomes.count) episodes"
        let returns = outcomes.map { Self.text(ofReturn: $0.totalReturn) }
        let mean = outcomes.map(\.totalReturn).reduce(0, +) / Double(outcomes.count)
        var text = "\(player) played \(count) on \(environment): "
        text += outcomes.count <= 10
            ? "return\(outcomes.count == 1 ? "" : "s") \(returns.joined(separator: ", "))"
            : "mean return \(NumberText.fixed(mean, 2))"
        let goals = outcomes.compactMap(\.succeeded)
        if goals.count == outcomes.count {
            text += "; reached the goal in \(goals.filter { $0 }.count) of \(outcomes.count)"
        }
        return text + "."
    }
}
