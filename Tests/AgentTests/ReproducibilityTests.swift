import Testing
import RL

/// The same seed gives the same run, metric for metric; another seed gives another run.
@Suite("Reproducibility")
struct ReproducibilityTests {
    func twoRuns<A: Agent>(_ make: (UInt64) throws -> A, seeds: (UInt64, UInt64), environment id: String,
                           options: [String: String] = [:]) throws -> ([TrainingProgress], [TrainingProgress], [TrainingProgress]) {
        func run(_ seed: UInt64) throws -> [TrainingProgress] {
            var environment = try makeEnvironment(id, options)
            return timeless(try make(seed).train(on: &environment))
        }
        return (try run(seeds.0), try run(seeds.0), try run(seeds.1))
    }

    @Test func qTable() throws {
        let (first, second, other) = try twoRuns({ seed in
            try QTableAgent(configuration: .init(seed: seed, budget: .episodes(300)), environment: makeEnvironment("frozenlake"))
        }, seeds: (1, 2), environment: "frozenlake")
        #expect(first == second)
        #expect(first != other)
    }

    @Test func dqn() throws {
        let (first, second, other) = try twoRuns({ seed in
            var configuration = smallDQNConfiguration(seed: seed)
            configuration.budget = .steps(800)
            return try DQNAgent(configuration: configuration, environment: makeEnvironment("frozenlake"))
        }, seeds: (1, 2), environment: "frozenlake")
        #expect(first == second)
        #expect(first.contains { $0.loss != nil })
        #expect(first != other)
    }

    @Test func reinforce() throws {
        let (first, second, other) = try twoRuns({ seed in
            try ReinforceAgent(configuration: .init(seed: seed, budget: .episodes(30)), environment: makeEnvironment("cartpole"))
        }, seeds: (1, 2), environment: "cartpole")
        #expect(first == second)
        #expect(first != other)
    }

    @Test func qNetworkAndRandom() throws {
        let (first, second, other) = try twoRuns({ seed in
            try QNetworkAgent(configuration: .init(seed: seed, budget: .episodes(50)), environment: makeEnvironment("frozenlake"))
        }, seeds: (1, 2), environment: "frozenlake")
        #expect(first == second && first != other)
        let (a, b, c) = try twoRuns({ seed in
            try RandomAgent(configuration: .init(seed: seed, budget: .episodes(50)), environment: makeEnvironment("frozenlake"))
        }, seeds: (1, 2), environment: "frozenlake")
        #expect(a == b && a != c)
    }
}
