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

    /// Whether `rl watch` cut the episode at its step limit (an environment without a time limit
    /// whose agent never ends an episode).
    private(set) var cutAtStepLimit = false

    /// Whether the episode has ended.
    var isOver: Bool { terminated || truncated || cutAtStepLimit }

    /// Ends the episode at the watcher's step limit.
    mutating func cutAtLimit() {
        cutAtStepLimit = true
    }

    /// Counts one step.
    mutating func record<Observation>(_ result: StepResult<Observation>, succeeded: Bool?) {
        steps += 1
        totalReturn += result.reward
        terminated = result.terminated
        truncated = result.truncated
        if result.isDone { self.succeeded = succeeded }
    }

    /// One status line: `episode 1  step 6  return 1` and, once over, how it ended.
    var status: String {
        var text = "episode \(number)  step \(steps)  return \(NumberText.plain(totalReturn))"
        if isOver { text += "  — " + ending }
        return text
    }

    /// How the episode ended, in words.
    var ending: String {
        if cutAtStepLimit && !terminated && !truncated { return "cut after \(NumberText.count(steps)) steps" }
        return switch (succeeded, truncated) {
        case (true?, _): "reached the goal"
        case (_, true): "truncated by the time limit"
        case (false?, false): "ended without reaching the goal"
        case (nil, false): "terminated"
        }
    }

    /// A one-line account of finished episodes: `You played 2 episodes on FrozenLake-v1: returns
    /// 1, 0; reached the goal in 1 of 2.`
    static func summary(of outcomes: [PlayedEpisode], player: String, on environment: String) -> String {
        guard !outcomes.isEmpty else { return "\(player) played no complete episode on \(environment)." }
        let count = outcomes.count == 1 ? "1 episode" : "\(outcomes.count) episodes"
        let returns = outcomes.map { NumberText.plain($0.totalReturn) }
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
