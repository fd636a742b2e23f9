import RLCore
import SeededRandom

/// The loop the tabular agents share (Q-learning, expected SARSA): after every step (s, a, r, s')
///
///     Q(s, a) ← (1 − α) · Q(s, a) + α · target(r, s')
///
/// where each agent brings its own target. The exploration, the learning rate α(episode) and the
/// bookkeeping are the same for all; a terminated episode has no future term, a truncated one
/// keeps it (the agents' targets receive `terminated` and decide).
enum TabularTemporalDifference {
    /// What an agent's target reads: the table, the reward, the next state, whether the episode
    /// terminated, and the ε the behaviour policy used (`nil` when it did not explore by ε).
    typealias Target = (_ table: ActionValueTable, _ reward: Float, _ next: Int, _ terminated: Bool, _ epsilon: Double?) -> Float

    /// Trains `table` on `environment` while `session` runs.
    static func train<E: Environment>(
        on environment: inout E, in session: TrainingSession, table: ActionValueTable,
        generator: inout SeededGenerator, seed: UInt64, learningRate: Schedule, exploration: TabularExploration,
        agent: String, target: Target
    ) throws {
        let states = environment.observationSpace
        // The actions as the environment takes them, made once: converting an index at every
        // step runs generic code that looks type metadata up each time.
        let actions = try (0..<table.actionCount).map {
            try PolicyAction.index($0).element(of: environment.actionSpace, agent: agent)
        }
        var observation = session.observation(from: &environment, seed: seed)
        while session.isRunning {
            let state = try TabularState.index(of: observation, in: states)
            let episode = session.episodes
            let alpha = Float(learningRate.value(at: episode, progress: session.progress))

            // 1. Choose a: greedy on Q(s, ·), with the configured exploration.
            let (action, epsilon) = table.explore(exploration, in: state, episode: episode, using: &generator)
            if let epsilon { session.record(epsilon, for: .epsilon) }

            // 2. Act and observe r, s'.
            let result = try environment.step(actions[action])
            let next = try TabularState.index(of: result.observation, in: states)

            // 3. Q(s, a) ← (1 − α) Q(s, a) + α · target.
            let value = target(table, Float(result.reward), next, result.terminated, epsilon)
            table[state, action] = (1 - alpha) * table[state, action] + alpha * value

            try session.recordStep(reward: result.reward)
            observation = result.observation
            if result.isDone {
                try session.endEpisode(succeeded: environment.episodeSucceeded)
                observation = environment.reset()
            }
        }
        session.suspend(at: observation)
    }
}
