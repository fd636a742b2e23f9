import RL

/// A greedy evaluation of any agent on any environment, as `rl train` and `rl eval` run it.
enum GreedyEvaluation {
    /// Plays `episodes` greedy episodes of `agent` on a fresh copy of `environment` (the first
    /// reset seeded with `seed`) and summarises them.
    ///
    /// - Throws: `AgentError.doesNotFit` when the agent was built for other spaces, and what the
    ///   environment throws.
    static func run(_ agent: any Agent, on environment: any Environment, episodes: Int, seed: UInt64) throws
        -> EvaluationSummary {
        func evaluate<A: Agent, E: Environment>(_ agent: A, _ environment: E) throws -> EvaluationReport {
            var copy = environment
            return try agent.evaluate(on: &copy, episodes: episodes, seed: seed)
        }
        return EvaluationSummary(report: try evaluate(agent, environment), seed: seed)
    }
}
