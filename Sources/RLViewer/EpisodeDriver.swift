import Foundation
import RLCore

/// One environment's episodes as the viewer's loops play them: resets, steps, the running
/// count of steps and reward, and the caption that says where things stand.
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
        return EpisodeOutcome(episode: episode, totalReward: totalReward, length: step, terminated: result.terminated,
                              truncated: !result.terminated, succeeded: environment.episodeSucceeded)
    }

    /// The current state's picture.
    func drawing() -> Drawing {
        environment.drawing()
    }

    /// `CartPole-v1 · episode 2 · step 31 · return 31`, then the notes (`paused`, `2x`).
    func caption(title: String, notes: [String] = []) -> String {
        let reward = totalReward == totalReward.rounded() && abs(totalReward) < 1e15
            ? String(Int(totalReward)) : String(format: "%.3g", totalReward)
        return ([title, "episode \(episode)", "step \(step)", "return \(reward)"] + notes).joined(separator: " · ")
    }
}
