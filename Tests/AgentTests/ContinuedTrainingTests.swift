import Foundation
import Testing
import RL

/// Calling `train` again continues: steps, episodes, schedules, random streams, the replay buffer
/// and the episode in progress carry on, so two calls make the same run as one.
@Suite("Continued training")
struct ContinuedTrainingTests {
    /// Trains one agent for `whole` and another (same configuration) for `parts` in turn, on
    /// environments made alike; returns both runs' episode records without wall times.
    func compare(
        make: () throws -> any Agent, environment id: String, options: [String: String] = [:],
        whole: TrainingBudget, parts: [TrainingBudget]
    ) throws -> (once: [TrainingProgress], inParts: [TrainingProgress]) {
        func run(_ budgets: [TrainingBudget]) throws -> [TrainingProgress] {
            let agent = try make()
            var environment = try makeEnvironment(id, options)
            func train<A: Agent, E: Environment>(_ agent: A, _ environment: inout E) throws -> [TrainingProgress] {
                try budgets.flatMap { timeless(try agent.train(on: &environment, for: $0)) }
            }
            return try train(agent, &environment)
        }
        return (try run([whole]), try run(parts))
    }

    @Test("train(N) then train(M) is train(N + M), for every agent", arguments: [
        ("random", "frozenlake", TrainingBudget.steps(700), [TrainingBudget.steps(333), .steps(367)]),
        ("qtable", "frozenlake", .episodes(400), [.episodes(150), .episodes(250)]),
        ("qtable", "frozenlake", .steps(2_000), [.steps(1_001), .steps(999)]),
        ("expected-sarsa", "cliffwalking", .episodes(60), [.episodes(25), .episodes(35)]),
        ("qnetwork", "frozenlake", .steps(600), [.steps(257), .steps(343)]),
        ("dqn", "cartpole", .steps(1_500), [.steps(613), .steps(887)]),
        ("reinforce", "cartpole", .steps(900), [.steps(450), .steps(450)]),
    ])
    func continues(agent name: String, environment: String, whole: TrainingBudget, parts: [TrainingBudget]) throws {
        let entry = try AgentCatalog.standard.entry(named: name)
        let (once, inParts) = try compare(make: {
            var configuration = entry.recommendedConfiguration(for: environment)
            if var dqn = configuration as? DQNAgent.Configuration {
                // Small and quick, with updates inside the run.
                dqn = smallDQNConfiguration(seed: 3)
                dqn.learningRate = .progress(start: 0.003, end: 0)
                configuration = dqn
            }
            configuration.seed = 3
            configuration.budget = whole
            return try entry.makeAgent(configuration: configuration, environment: makeEnvironment(environment))
        }, environment: environment, whole: whole, parts: parts)
        #expect(!once.isEmpty)
        #expect(once == inParts)
    }

    @Test("the counts go on across calls; the first call resets with the seed, later ones do not")
    func countsContinue() throws {
        var environment = try makeEnvironment("cartpole")
        let agent = try RandomAgent(configuration: .init(seed: 1), environment: environment)
        let first = try agent.train(on: &environment, for: .steps(100))
        let second = try agent.train(on: &environment, for: .episodes(2))
        #expect(first.steps == 100 && agent.trainingState.steps == 100 + second.steps)
        #expect(second.episodeCount == 2 && second.episodes.first?.episode == first.episodeCount + 1)
        #expect(agent.trainingState.episodes == first.episodeCount + 2)
    }

    @Test("predict gives the agent's deterministic action, as evaluation takes it")
    func predict() throws {
        var environment = try makeEnvironment("frozenlake", ["slippery": "false"])
        let agent = try QTableAgent(configuration: .notesDummy, environment: environment)
        try agent.train(on: &environment)
        // The learned path from the start goes down or right.
        let action = try agent.predict(0)
        #expect(action == .index(1) || action == .index(2))
        #expect(try agent.predict(0, as: Int.self) == (action == .index(1) ? 1 : 2))
        #expect(throws: AgentError.self) { _ = try agent.predict(Float(0)) }
        #expect(throws: AgentError.self) { _ = try agent.predict(0, as: Float.self) }
    }
}
