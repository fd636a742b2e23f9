import Foundation
import RLCore
import SeededRandom

/// How well a policy does over a number of episodes.
public struct EvaluationReport: Codable, Equatable, Sendable {
    /// The number of episodes played.
    public var episodes: Int
    /// The mean undiscounted return.
    public var meanReturn: Double
    /// The standard deviation of the returns (population, as NumPy's `std`).
    public var standardDeviation: Double
    /// The mean episode length in steps.
    public var meanLength: Double
    /// The fraction of episodes that reached the goal, for environments with one.
    public var successRate: Double?
    /// Every episode's return, in order.
    public var returns: [Double]

    /// Summarises per-episode returns, lengths and outcomes.
    public init(returns: [Double], lengths: [Int], successes: [Bool?]) {
        episodes = returns.count
        let count = Double(max(1, returns.count))
        meanReturn = returns.reduce(0, +) / count
        let mean = meanReturn
        standardDeviation = (returns.map { ($0 - mean) * ($0 - mean) }.reduce(0, +) / count).squareRoot()
        meanLength = Double(lengths.reduce(0, +)) / count
        let outcomes = successes.compactMap { $0 }
        successRate = outcomes.count == successes.count && !outcomes.isEmpty
            ? Double(outcomes.filter { $0 }.count) / Double(outcomes.count) : nil
        self.returns = returns
    }

    enum CodingKeys: String, CodingKey {
        case episodes, meanReturn = "mean_return", standardDeviation = "std_return", meanLength = "mean_length"
        case successRate = "success_rate", returns
    }
}

extension Agent {
    /// Plays `episodes` episodes with the agent's deterministic actions (greedy, most probable
    /// or mean) and summarises them.
    ///
    /// The first episode starts with `reset(seed: seed)` and the others continue the
    /// environment's random stream, so the same seed gives the same evaluation. Nothing is
    /// learned.
    ///
    /// - Parameters:
    ///   - episodes: how many episodes to play (≥ 1; default 100).
    ///   - seed: the seed of the first reset and of random tie-breaking (default 0).
    ///   - maxStepsPerEpisode: a guard for environments without a time limit: an episode this
    ///     long is counted as it stands and the next one starts (default 100,000).
    /// - Throws: ``AgentError/doesNotFit(_:)`` when the environment does not fit,
    ///   ``AgentError/invalidConfiguration(_:)`` for fewer than one episode, and whatever the
    ///   environment throws.
    public func evaluate<E: Environment>(
        on environment: inout E, episodes: Int = 100, seed: UInt64 = 0, maxStepsPerEpisode: Int = 100_000
    ) throws -> EvaluationReport {
        guard episodes >= 1 else {
            throw AgentError.invalidConfiguration("evaluation needs at least 1 episode, got \(episodes)")
        }
        try checkFits(environment)
        var generator = SeededGenerator(seed: seed)
        var returns: [Double] = []
        var lengths: [Int] = []
        var successes: [Bool?] = []
        var observation = environment.reset(seed: seed)
        for _ in 0..<episodes {
            var total = 0.0
            var length = 0
            var finished = false
            while !finished && length < maxStepsPerEpisode {
                let action = try environmentAction(for: observation, in: environment, using: &generator)
                let result = try environment.step(action)
                total += result.reward
                length += 1
                observation = result.observation
                finished = result.isDone
            }
            returns.append(total)
            lengths.append(length)
            // An episode cut by the guard did not reach the goal.
            successes.append(finished ? environment.episodeSucceeded : environment.episodeSucceeded.map { _ in false })
            observation = environment.reset()
        }
        return EvaluationReport(returns: returns, lengths: lengths, successes: successes)
    }
}
