import Foundation
import Testing
@testable import RLAgents
import RL

@Suite("Neural agents")
struct NeuralAgentTests {
    @Test func reinforceSolvesCartPole() throws {
        var environment = try makeEnvironment("cartpole")
        let agent = try ReinforceAgent(configuration: .recommended(for: "cartpole"), environment: environment)
        let report = try agent.train(on: &environment)
        #expect(report.solved)
        var evaluationEnvironment = try makeEnvironment("cartpole")
        let evaluation = try agent.evaluate(on: &evaluationEnvironment, episodes: 20, seed: 99)
        #expect(evaluation.meanReturn >= 475)
    }

    @Test func dqnLearnsDeterministicFrozenLakeFromOneHotFeatures() throws {
        var environment = try makeEnvironment("frozenlake", ["slippery": "false"])
        let agent = try DQNAgent(configuration: smallDQNConfiguration(seed: 2), environment: environment)
        #expect(agent.layout.observationSize == 16 && agent.layout.encoding == .flattened)
        let report = try agent.train(on: &environment)
        #expect(report.episodes.contains { $0.loss != nil })
        let evaluation = try agent.evaluate(on: &environment, episodes: 10)
        #expect(evaluation.successRate == 1)
    }

    @Test func qNetworkLearnsDeterministicFrozenLake() throws {
        var environment = try makeEnvironment("frozenlake", ["slippery": "false"])
        let agent = try QNetworkAgent(configuration: .init(budget: .episodes(500)), environment: environment)
        let report = try agent.train(on: &environment)
        // Far above the random agent's 1.5%; the notes' point is that it stays unreliable.
        #expect(try #require(report.successRate) > 0.3)
    }

    @Test func dqnBootstrapsThroughTruncationNotTermination() throws {
        // Every transition of EndlessWalk is cut by time, never terminated: none may be stored
        // as terminal.
        var walk = EndlessWalk()
        var configuration = smallDQNConfiguration(seed: 1)
        configuration.budget = .steps(300)
        let agent = try DQNAgent(configuration: configuration, environment: walk)
        _ = try agent.train(on: &walk)
        var generator = SeededGenerator(seed: 7)
        let batch = agent.replayBuffer.sample(batchSize: 300, using: &generator)
        #expect(agent.replayBuffer.count == 300)
        #expect(batch.notTerminated.scalars.allSatisfy { $0 == 1 })

        // CartPole's falls terminate: some stored transitions are terminal.
        var cartPole = try makeEnvironment("cartpole")
        var cartPoleConfiguration = DQNAgent.Configuration(budget: .steps(500), learningStarts: 1_000)
        cartPoleConfiguration.seed = 3
        let cartPoleAgent = try DQNAgent(configuration: cartPoleConfiguration, environment: cartPole)
        _ = try cartPoleAgent.train(on: &cartPole)
        let cartPoleBatch = cartPoleAgent.replayBuffer.sample(batchSize: 2_000, using: &generator)
        #expect(cartPoleBatch.notTerminated.scalars.contains(0))
    }

    @Test func discreteAgentsRefuseContinuousActions() throws {
        struct Steering: Environment {
            let observationSpace = Discrete(3)
            let actionSpace = Box<[Float]>(low: [-1], high: [1])
            mutating func reset(seed: UInt64?) -> Int { 0 }
            mutating func step(_ action: [Float]) throws -> StepResult<Int> { StepResult(observation: 0, reward: 0) }
        }
        #expect(throws: AgentError.self) { _ = try DQNAgent(configuration: .init(), environment: Steering()) }
        #expect(throws: AgentError.self) { _ = try ReinforceAgent(configuration: .init(), environment: Steering()) }
        #expect(throws: AgentError.self) { _ = try QNetworkAgent(configuration: .init(), environment: Steering()) }
        // The baseline takes any action space.
        #expect(throws: Never.self) { _ = try RandomAgent(configuration: .init(), environment: Steering()) }
    }

    @Test func configurationValuesAreChecked() {
        #expect(throws: AgentError.self) { try DQNAgent.Configuration(learningRate: 0).validate() }
        #expect(throws: AgentError.self) { try DQNAgent.Configuration(batchSize: 0).validate() }
        #expect(throws: AgentError.self) { try DQNAgent.Configuration(targetUpdateRate: 0).validate() }
        #expect(throws: AgentError.self) {
            try DQNAgent.Configuration(exploration: .linear(start: 1.5, end: 0, duration: 10)).validate()
        }
        #expect(throws: AgentError.self) { try DQNAgent.Configuration(network: NetworkShape(hiddenLayers: [0])).validate() }
        #expect(throws: AgentError.self) { try DQNAgent.Configuration(solved: SolvedCriterion(threshold: .nan)).validate() }
        #expect(throws: AgentError.self) { try ReinforceAgent.Configuration(discount: -0.1).validate() }
        #expect(throws: AgentError.self) { try ReinforceAgent.Configuration(entropyCoefficient: -1).validate() }
        #expect(throws: AgentError.self) { try QNetworkAgent.Configuration(learningRate: -1).validate() }
    }
}
