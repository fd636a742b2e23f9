import Testing
import RL

/// DQN's order of operations within a step, as Stable-Baselines3 has it (issue 20): random play
/// before `learningStarts`, the target network refreshed before the step's updates.
@Suite("DQN step order")
struct DQNStepOrderTests {
    @Test func playsUniformlyAtRandomBeforeLearningStartsWhateverEpsilonSays() throws {
        // ε = 0 throughout and no update within the budget: only the warm-up may explore.
        var tally = ActionTally()
        let configuration = DQNAgent.Configuration(
            seed: 4, budget: .steps(300), network: NetworkShape(hiddenLayers: [8]), learningStarts: 200,
            trainFrequency: 1_000, exploration: .constant(0))
        let agent = try DQNAgent(configuration: configuration, environment: tally)
        _ = try agent.train(on: &tally)

        let warmUp = tally.actions.prefix(200)
        let afterwards = tally.actions.dropFirst(200)
        #expect(tally.actions.count == 300)
        // Uniform over two actions: 100 ± 10 each (σ ≈ 7); a greedy warm-up would repeat one.
        #expect(warmUp.filter { $0 == 0 }.count > 60 && warmUp.filter { $0 == 1 }.count > 60)
        // Then greedy on a constant observation: one action, every time.
        #expect(Set(afterwards).count == 1)
    }

    @Test func refreshesTheTargetBeforeTheUpdatesOfTheSameStep() throws {
        // Step 20 both copies θ into θ⁻ and runs the first updates. Copied first, θ⁻ holds the
        // untrained weights; copied after, it would equal the trained θ.
        var tally = ActionTally()
        let configuration = DQNAgent.Configuration(
            seed: 2, budget: .steps(20), network: NetworkShape(hiddenLayers: [8]), learningRate: 0.01,
            batchSize: 8, learningStarts: 10, trainFrequency: 20, gradientSteps: 5, targetUpdateInterval: 20)
        let agent = try DQNAgent(configuration: configuration, environment: tally)
        let untrained = agent.network.parameters().map(\.scalars)
        _ = try agent.train(on: &tally)

        #expect(agent.targetNetwork.parameters().map(\.scalars) == untrained)
        #expect(agent.network.parameters().map(\.scalars) != untrained)
    }
}

/// An environment that remembers every action: a constant observation, reward 1 for action 1,
/// episodes cut after 50 steps.
struct ActionTally: Environment {
    let observationSpace = Box<[Float]>(low: [0], high: [1])
    let actionSpace = Discrete(2)
    var actions: [Int] = []
    var steps = 0

    mutating func reset(seed: UInt64?) -> [Float] {
        steps = 0
        return [0.5]
    }

    mutating func step(_ action: Int) throws -> StepResult<[Float]> {
        actions.append(action)
        steps += 1
        return StepResult(observation: [0.5], reward: Double(action), truncated: steps >= 50)
    }
}
