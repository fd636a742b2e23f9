import RLCore

/// One environment's episodes as the viewer's loops play them: resets, steps, the running
/// count of steps and reward, how the last episode ended, and the status that says where
/// things stand.
///
/// It owns the environment while a loop runs; the loop hands it back at the end.
struct EpisodeDriver<Wrapped: Environment> {
    var environment: Wrapped
    /// The observation the next action answers.
    private(set) var observation: Wrapped.Observation
    /// The episode's number, from 1.
    private(set) var episode = 0
    private(set) var step = 0
    private(set) var totalReward = 0.0
    /// Whether the current episode has ended (terminated, truncated, or cut at the step limit).
    private(set) var isOver = false
    /// How the current episode ended, once it has.
    private(set) var ending: EpisodeEnding?
    /// The longest an episode may run, for environments without a time limit.
    let maxStepsPerEpisode: Int

    /// Starts the first episode, reset with `seed`.
    init(environment: Wrapped, seed: UInt64?, maxStepsPerEpisode: Int) {
        self.environment = environment
        self.maxStepsPerEpisode = maxStepsPerEpisode
        observation = self.environment.reset(seed: seed)
        episode = 1
    }

    /// Starts the next episode, continuing the environment's random stream.
    mutating func beginNextEpisode() {
        episode += 1
        restartEpisode()
    }

    /// Starts the current episode again from a new reset, under the same number.
    mutating func restartEpisode() {
        observation = environment.reset(seed: nil)
        step = 0
        totalReward = 0
        isOver = false
        ending = nil
    }

    /// Applies `action`; returns the episode's outcome when this step ended it.
    ///
    /// - Throws: what the environment's `step` throws.
    mutating func apply(_ action: Wrapped.Action) throws -> EpisodeOutcome? {
        let result = try environment.step(action)
        observation = result.observation
        step += 1
        totalReward += result.reward
        guard result.terminated || result.truncated || step >= maxStepsPerEpisode else { return nil }
        isOver = true
        let outcome = EpisodeOutcome(episode: episode, totalReward: totalReward, length: step, terminated: result.terminated,
                                     truncated: !result.terminated, succeeded: environment.episodeSucceeded)
        // An episode cut at the viewer's own limit is not the environment's truncation: say so.
        ending = result.terminated || result.truncated
            ? EpisodeEnding(of: outcome, in: environment)
            : EpisodeEnding(words: "cut after \(Self.grouped(step)) steps", isSuccess: nil)
        return outcome
    }

    /// Where the episode stands, for the status bar: the counts and, once it is over, its
    /// ending; the pace and the prompt as the loop says.
    func status(environment name: String, player: String?, isPaused: Bool = false, speed: String? = nil,
                prompt: String? = nil) -> ViewerStatus {
        ViewerStatus(environment: name, player: player, episode: episode, step: step, totalReward: totalReward,
                     isPaused: isPaused, speed: speed, ending: ending, prompt: prompt)
    }

    /// `100000` as `100,000`.
    private static func grouped(_ count: Int) -> String {
        var digits = String(count), groups: [Substring] = []
        while digits.count > 3 {
            groups.insert(digits.suffix(3), at: 0)
            digits.removeLast(3)
        }
        return ([Substring(digits)] + groups).joined(separator: ",")
    }
}
