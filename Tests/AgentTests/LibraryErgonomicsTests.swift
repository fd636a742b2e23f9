import Foundation
import Testing
import RL

/// Scales every reward: a wrapper a library user writes, generic over what it wraps.
struct ScaledReward<Wrapped: Environment>: Wrapper {
    var wrapped: Wrapped
    let factor: Double

    mutating func step(_ action: Wrapped.Action) throws -> StepResult<Wrapped.Observation> {
        var result = try wrapped.step(action)
        result.reward *= factor
        return result
    }
}

@Suite("Library ergonomics")
struct LibraryErgonomicsTests {
    @Test("your own wrapper around an environment made by id, through AnyEnvironment")
    func wrapperAroundARegistryEnvironment() throws {
        var environment = ScaledReward(wrapped: AnyEnvironment(try makeEnvironment("cartpole")), factor: 0.5)
        try EnvironmentChecker().validate { ScaledReward(wrapped: AnyEnvironment(try makeEnvironment("cartpole")), factor: 0.5) }
        var configuration = smallDQNConfiguration(seed: 2)
        configuration.budget = .steps(400)
        let agent = try DQNAgent(configuration: configuration, environment: environment)
        let report = try agent.train(on: &environment)
        // Every CartPole step earns 1, halved.
        #expect(report.episodes.allSatisfy { $0.episodeReturn == Double($0.length) * 0.5 })
        #expect(throws: EnvironmentError.self) {
            var boxed = AnyEnvironment(try makeEnvironment("cartpole"))
            boxed.reset(seed: 1)
            _ = try boxed.step(AnyElement(Float(1)))
        }
    }

    @Test("neural agents take any network built from the tensor core's layers, and checkpoints rebuild it")
    func customNetwork() throws {
        var environment = try makeEnvironment("cartpole")
        var generator = SeededGenerator(seed: 7)
        let network = Sequential(
            try Linear(inputCount: 4, outputCount: 24, initialization: .xavier, using: &generator), Tanh(),
            try Linear(inputCount: 24, outputCount: 24, using: &generator), LeakyReLU(negativeSlope: 0.1),
            try Linear(inputCount: 24, outputCount: 2, using: &generator))
        var configuration = smallDQNConfiguration(seed: 2)
        configuration.budget = .steps(400)
        let agent = try DQNAgent(configuration: configuration, environment: environment, network: network)
        #expect(agent.network === network)
        #expect(agent.targetNetwork.parameterTensors() == network.parameterTensors())
        try agent.train(on: &environment)
        let folder = try temporaryFolder()
        defer { try? FileManager.default.removeItem(at: folder) }
        let url = folder.appendingPathComponent("custom.safetensors")
        try agent.save(to: url)
        let loaded = try DQNAgent.load(from: url)
        #expect(loaded.network.architecture == network.architecture)
        #expect(loaded.network.parameterTensors() == network.parameterTensors())
        // A network of the wrong size is refused.
        let wrong = Sequential(try Linear(inputCount: 3, outputCount: 2, using: &generator))
        #expect(throws: AgentError.self) { _ = try DQNAgent(configuration: configuration, environment: environment, network: wrong) }
        #expect(throws: AgentError.self) { _ = try ReinforceAgent(configuration: .init(), environment: environment, network: wrong) }
    }

    @Test("learning rates follow schedules, rl-zoo's lin_ among them")
    func learningRateSchedules() throws {
        var environment = try makeEnvironment("cartpole")
        var configuration = smallDQNConfiguration(seed: 2)
        configuration.budget = .steps(1_000)
        configuration.trainFrequency = 100
        configuration.learningRate = try Schedule(text: "lin_0.01")
        let agent = try DQNAgent(configuration: configuration, environment: environment)
        final class Rates: TrainingCallback {
            var rates: [Double] = []
            func updateDidEnd(_ update: TrainingUpdate, in training: TrainingSession) throws -> TrainingDecision {
                if let rate = update.metrics["learning_rate"] { rates.append(rate) }
                return .proceed
            }
        }
        let rates = Rates()
        try agent.train(on: &environment, callbacks: [rates])
        // Updates at steps 300, 400, …, 1,000: 0.01 · (1 − step / 1,000).
        #expect(rates.rates.count == 8)
        for (rate, step) in zip(rates.rates, stride(from: 300, through: 1_000, by: 100)) {
            #expect(abs(rate - 0.01 * (1 - Double(step) / 1_000)) < 1e-9)
        }
    }

    @Test("schedules read and write their text forms and JSON, version 1's included")
    func scheduleText() throws {
        for text in ["0.1", "linear:1,0.05,10000", "exponential:1,0.01,0.999", "reciprocal:100,1", "progress:0.001,0"] {
            #expect(try Schedule(text: text).text == text)
        }
        #expect(try Schedule(text: "lin_3e-4") == .progress(start: 3e-4, end: 0))
        #expect(throws: AgentError.self) { _ = try Schedule(text: "cosine:1,2") }
        #expect(try Checkpoint.json(Schedule.constant(0.5)) == "0.5")
        #expect(try Checkpoint.decode(Schedule.self, from: "{\"constant\":{\"_0\":0.25}}") == .constant(0.25))
        #expect(try Checkpoint.decode(Schedule.self, from: "0.0023") == .constant(0.0023))
        let linear = Schedule.linear(start: 1, end: 0, duration: 10)
        #expect(try Checkpoint.decode(Schedule.self, from: Checkpoint.json(linear)) == linear)
    }

    @Test("continuous actions are rescaled from [-1, 1] and clipped to the bounds")
    func actionBounds() {
        let bounds = ActionBounds(low: [-2, 0], high: [2, 10])
        #expect(bounds.rescaled(fromUnit: [-1, 1]) == [-2, 10])
        #expect(bounds.rescaled(fromUnit: [0, 0]) == [0, 5])
        #expect(bounds.rescaled(fromUnit: [3, -7]) == [2, 0])
        #expect(bounds.clipped([-5, 11]) == [-2, 10])
        #expect(bounds.unit(from: [2, 5]) == [1, 0])
    }

    @Test("Box actions flow through the random agent, evaluation and checkpoints")
    func continuousActions() throws {
        var environment = SteeringTask()
        let agent = try RandomAgent(configuration: .init(seed: 1, budget: .episodes(5)), environment: environment)
        #expect(agent.layout.isContinuous && agent.layout.actionBounds == ActionBounds(low: [-1], high: [1]))
        let report = try agent.train(on: &environment)
        #expect(report.episodeCount == 5 && report.steps == 100)
        let evaluation = try agent.evaluate(on: &environment, episodes: 3)
        #expect(evaluation.meanLength == 20)
        let folder = try temporaryFolder()
        defer { try? FileManager.default.removeItem(at: folder) }
        let url = folder.appendingPathComponent("random.safetensors")
        try agent.save(to: url)
        let checkpoint = try Checkpoint.load(from: url)
        #expect(checkpoint.layout.actionBounds == ActionBounds(low: [-1], high: [1]))
        let loaded = try AgentCatalog.standard.load(checkpoint, environment: SteeringTask())
        guard case .vector(let action) = try loaded.predict(Float(0.3)) else { Issue.record("expected a vector"); return }
        #expect(action.count == 1 && (-1...1).contains(action[0]))
    }
}
