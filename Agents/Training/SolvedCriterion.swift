import RLCore

/// When to stop training because the task is solved: the greedy policy's mean return over a
/// short evaluation reaches a threshold (Stable-Baselines3's `EvalCallback` with
/// `StopTrainingOnRewardThreshold`).
///
/// The check runs after a training episode whose own return reached the threshold (so it costs
/// nothing while the agent is still far from it), plays ``evaluationEpisodes`` greedy episodes on
/// a *copy* of the training environment, and stops training when their mean return is at least
/// ``threshold``. Environments that are value types (all the built-in ones and their wrappers)
/// are copied whole, so the check leaves training's episode stream untouched.
public struct SolvedCriterion: Codable, Equatable, Sendable {
    /// The mean greedy return that counts as solved (CartPole-v1: 475).
    public var threshold: Double
    /// Greedy episodes per check (≥ 1, default 20).
    public var evaluationEpisodes: Int

    /// Stops training once a greedy evaluation of `evaluationEpisodes` episodes averages at least `threshold`.
    public init(threshold: Double, evaluationEpisodes: Int = 20) {
        self.threshold = threshold
        self.evaluationEpisodes = evaluationEpisodes
    }

    /// Checks the values.
    ///
    /// - Throws: ``AgentError/invalidConfiguration(_:)`` for a non-finite threshold or fewer
    ///   than one episode.
    public func validate() throws {
        guard threshold.isFinite else {
            throw AgentError.invalidConfiguration("the solved threshold must be a number, got \(threshold)")
        }
        guard evaluationEpisodes >= 1 else {
            throw AgentError.invalidConfiguration("the solved check needs at least 1 episode, got \(evaluationEpisodes)")
        }
    }

    /// CartPole-v1's criterion: a greedy mean of 490 over 20 episodes. Gymnasium counts the task
    /// solved at 475; checking above it leaves room for the spread between a 20-episode check
    /// and a 100-episode evaluation on other seeds (at exactly 475, a few percent of runs stopped
    /// with policies that then averaged 470).
    public static let cartPole = SolvedCriterion(threshold: 490, evaluationEpisodes: 20)

    /// CartPole-v1's criterion for the policy-gradient agents (A2C, PPO): 490 over 50 episodes.
    /// Their policies are still moving when they first reach 490, and a 20-episode check let a
    /// seed stop at a policy that averaged 465 over 100 (PPO, seed 3).
    public static let cartPoleFiftyEpisodes = SolvedCriterion(threshold: 490, evaluationEpisodes: 50)

    /// The criterion for a registered environment (id or alias): ``cartPole`` for CartPole-v1,
    /// `nil` (train for the whole budget) for the others.
    public static func recommended(for environment: String) -> SolvedCriterion? {
        ["cartpole-v1", "cartpole"].contains(environment.lowercased()) ? .cartPole : nil
    }

    /// The hyperparameters of an optional criterion, shared by the agents that stop when
    /// solved: `--solved-threshold RETURN|none` and `--solved-episodes N`.
    static func hyperparameters<Configuration>(
        _ keyPath: WritableKeyPath<Configuration, SolvedCriterion?>
    ) -> [Hyperparameter<Configuration>] {
        nonisolated(unsafe) let keyPath = keyPath
        return [
            Hyperparameter(
                "solved-threshold",
                summary: "stop once the greedy policy's mean return over --solved-episodes reaches this, or none to train the whole budget",
                accepts: "a number or none", valueName: "return",
                read: { $0[keyPath: keyPath].map { HyperparameterText.number($0.threshold) } ?? "none" },
                write: { configuration, text in
                    if text.trimmingCharacters(in: .whitespaces).lowercased() == "none" {
                        configuration[keyPath: keyPath] = nil
                        return
                    }
                    let threshold = try HyperparameterText.parseNumber(text, for: "solved-threshold")
                    let episodes = configuration[keyPath: keyPath]?.evaluationEpisodes ?? SolvedCriterion(threshold: 0).evaluationEpisodes
                    configuration[keyPath: keyPath] = SolvedCriterion(threshold: threshold, evaluationEpisodes: episodes)
                }),
            Hyperparameter(
                "solved-episodes",
                summary: "greedy episodes per solved check (\(SolvedCriterion(threshold: 0).evaluationEpisodes) when only a threshold is given)",
                accepts: "a whole number ≥ 1", valueName: "n",
                read: { $0[keyPath: keyPath].map { "\($0.evaluationEpisodes)" } },
                write: { configuration, text in
                    let episodes = try HyperparameterText.parseInteger(text, for: "solved-episodes")
                    guard episodes >= 1 else { throw Hyperparameter<Configuration>.outOfRange("solved-episodes", "≥ 1", text) }
                    guard configuration[keyPath: keyPath] != nil else {
                        throw AgentError.invalidConfiguration("--solved-episodes needs a --solved-threshold (this run has no solved check)")
                    }
                    configuration[keyPath: keyPath]?.evaluationEpisodes = episodes
                }),
        ]
    }

    /// The criterion for a registration: the built-in choice for its id, else its reward
    /// threshold (Gymnasium's `reward_threshold`) when it has one, else `nil`.
    public static func recommended(for registration: EnvironmentRegistration) -> SolvedCriterion? {
        recommended(for: registration.id) ?? registration.rewardThreshold.map { SolvedCriterion(threshold: $0) }
    }
}
