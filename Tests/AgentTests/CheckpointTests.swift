import Foundation
import Testing
import RL

@Suite("Checkpoints")
struct CheckpointTests {
    @Test func trainedAgentsRoundTripThroughAFile() throws {
        let folder = try temporaryFolder()
        defer { try? FileManager.default.removeItem(at: folder) }

        var frozenLake = try makeEnvironment("frozenlake")
        let table = try QTableAgent(configuration: .init(seed: 3, budget: .episodes(500)), environment: frozenLake)
        try table.train(on: &frozenLake)
        let tableURL = folder.appendingPathComponent("qtable.safetensors")
        try table.save(to: tableURL, environment: EnvironmentReference(id: "FrozenLake-v1", options: ["slippery": "true"]))
        let loadedTable = try QTableAgent.load(from: tableURL)
        #expect(loadedTable.values == table.values)
        #expect(loadedTable.configuration == table.configuration)
        #expect(try table.evaluate(on: &frozenLake, episodes: 200, seed: 4) == loadedTable.evaluate(on: &frozenLake, episodes: 200, seed: 4))

        let checkpoint = try Checkpoint.load(from: tableURL)
        #expect(checkpoint.agent == "qtable")
        #expect(checkpoint.environment == EnvironmentReference(id: "FrozenLake-v1", options: ["slippery": "true"]))
        #expect(checkpoint.training?.episodes == 500)
        #expect(checkpoint.layout.observationSpace == "Discrete(16)")

        var cartPole = try makeEnvironment("cartpole")
        let policy = try ReinforceAgent(configuration: .init(seed: 1, budget: .episodes(5)), environment: cartPole)
        _ = try policy.train(on: &cartPole)
        let policyURL = folder.appendingPathComponent("reinforce.safetensors")
        try policy.save(to: policyURL)
        let loadedPolicy = try ReinforceAgent.load(from: policyURL)
        #expect(loadedPolicy.parameterTensors() == policy.parameterTensors())
        #expect(Set(policy.parameterTensors().keys) == ["policy.layers.0.weight", "policy.layers.0.bias",
                                                        "policy.layers.2.weight", "policy.layers.2.bias"])

        let dqn = try DQNAgent(configuration: smallDQNConfiguration(seed: 5), environment: cartPole)
        let dqnURL = folder.appendingPathComponent("dqn.safetensors")
        try dqn.save(to: dqnURL)
        let loadedDQN = try DQNAgent.load(from: dqnURL)
        #expect(loadedDQN.network.parameterTensors() == dqn.network.parameterTensors())
        #expect(loadedDQN.targetNetwork.parameterTensors() == dqn.network.parameterTensors())
    }

    @Test func loadingRefusesWhatItCannotUse() throws {
        let folder = try temporaryFolder()
        defer { try? FileManager.default.removeItem(at: folder) }
        let environment = try makeEnvironment("frozenlake")
        let url = folder.appendingPathComponent("qtable.safetensors")
        try QTableAgent(configuration: .init(), environment: environment).save(to: url)

        // Another agent's checkpoint.
        #expect(throws: AgentError.self) { _ = try DQNAgent.load(from: url) }
        // A missing file.
        #expect(throws: AgentError.self) { _ = try QTableAgent.load(from: folder.appendingPathComponent("none.safetensors")) }
        // A truncated file.
        let truncated = folder.appendingPathComponent("truncated.safetensors")
        try Data(try Data(contentsOf: url).prefix(100)).write(to: truncated)
        #expect(throws: AgentError.self) { _ = try QTableAgent.load(from: truncated) }
        // A safetensors file that is not a checkpoint.
        let foreign = folder.appendingPathComponent("foreign.safetensors")
        try Safetensors.save(["weight": Tensor([1, 2])], metadata: ["format": "pt"], to: foreign)
        #expect(throws: AgentError.self) { _ = try Checkpoint.load(from: foreign) }
        // A checkpoint whose table does not match its layout.
        var checkpoint = try Checkpoint.load(from: url)
        checkpoint.tensors = ["q_table": Tensor.zeros([3, 4])]
        #expect(throws: AgentError.self) { _ = try QTableAgent.load(checkpoint) }
        // A checkpoint whose network does not match its configuration.
        let cartPole = try makeEnvironment("cartpole")
        let dqnURL = folder.appendingPathComponent("dqn.safetensors")
        try DQNAgent(configuration: smallDQNConfiguration(seed: 1), environment: cartPole).save(to: dqnURL)
        var dqnCheckpoint = try Checkpoint.load(from: dqnURL)
        dqnCheckpoint.tensors["q_network.layers.0.weight"] = Tensor.zeros([7, 4])
        #expect(throws: AgentError.self) { _ = try DQNAgent.load(dqnCheckpoint) }
        dqnCheckpoint.tensors = [:]
        #expect(throws: AgentError.self) { _ = try DQNAgent.load(dqnCheckpoint) }
    }
}
