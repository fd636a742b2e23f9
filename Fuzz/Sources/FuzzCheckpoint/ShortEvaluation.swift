import RL

/// One greedy episode of at most 200 steps.
func evaluate(_ agent: any Agent, on environment: inout any Environment) throws -> EvaluationReport {
    func run<A: Agent, E: Environment>(_ agent: A, _ environment: inout E) throws -> EvaluationReport {
        try agent.evaluate(on: &environment, episodes: 1, seed: 0, maxStepsPerEpisode: 200)
    }
    return try run(agent, &environment)
}
