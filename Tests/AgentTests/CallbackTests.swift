import Foundation
import Testing
import RL

/// A callback that counts what it sees and can stop or throw on cue.
final class CountingCallback: TrainingCallback {
    var starts = 0, steps = 0, updates = 0, episodes = 0, ends = 0
    var stopAtStep: Int?
    var throwAtEpisode: Int?
    struct Failure: Error, Equatable {}

    func trainingWillStart(_ training: TrainingSession) throws { starts += 1 }
    func stepDidEnd(_ training: TrainingSession) throws -> TrainingDecision {
        steps += 1
        return training.steps == stopAtStep ? .stop : .proceed
    }
    func updateDidEnd(_ update: TrainingUpdate, in training: TrainingSession) throws -> TrainingDecision {
        updates += 1
        return .proceed
    }
    func episodeDidEnd(_ episode: TrainingProgress, in training: TrainingSession) throws -> TrainingDecision {
        episodes += 1
        if episodes == throwAtEpisode { throw Failure() }
        return .proceed
    }
    func trainingDidEnd(_ report: TrainingReport, in training: TrainingSession) throws { ends += 1 }
}

@Suite("Callbacks")
struct CallbackTests {
    @Test("callbacks see every step, update and episode, and a start and an end")
    func seesEverything() throws {
        var environment = try makeEnvironment("cartpole")
        var configuration = smallDQNConfiguration(seed: 1)
        configuration.budget = .steps(700)
        configuration.trainFrequency = 50
        let agent = try DQNAgent(configuration: configuration, environment: environment)
        let counter = CountingCallback()
        let report = try agent.train(on: &environment, callbacks: [counter])
        #expect(counter.starts == 1 && counter.ends == 1)
        #expect(counter.steps == 700 && counter.episodes == report.episodeCount)
        // Updates every 50 steps once past the 200 learning starts: steps 250, 300, …, 700.
        #expect(counter.updates == 10)
    }

    @Test("a callback stops training at any step, even mid-episode")
    func stopsMidEpisode() throws {
        var environment = try makeEnvironment("cliffwalking")
        let agent = try QTableAgent(configuration: .init(exploration: .none), environment: environment)
        let counter = CountingCallback()
        counter.stopAtStep = 37
        let report = try agent.train(on: &environment, callbacks: [counter])
        #expect(report.stoppedEarly && report.steps == 37 && agent.trainingState.steps == 37)
    }

    @Test("a callback that throws ends training with its error; the agent keeps what it learned")
    func throwingCallback() throws {
        var environment = try makeEnvironment("frozenlake")
        let agent = try QTableAgent(configuration: .init(seed: 2), environment: environment)
        let counter = CountingCallback()
        counter.throwAtEpisode = 3
        #expect(throws: CountingCallback.Failure()) { try agent.train(on: &environment, callbacks: [counter]) }
        #expect(agent.trainingState.episodes == 3 && counter.ends == 0)
        // Training goes on from there.
        let report = try agent.train(on: &environment, for: .episodes(2))
        #expect(report.episodes.map(\.episode) == [4, 5])
    }

    @Test("evaluation every N steps on a separate copy, the best checkpoint kept, training unchanged")
    func evaluation() throws {
        let folder = try temporaryFolder()
        defer { try? FileManager.default.removeItem(at: folder) }
        let best = folder.appendingPathComponent("best.safetensors")
        func run(withEvaluation: Bool) throws -> ([TrainingProgress], EvaluationCallback?) {
            var environment = try makeEnvironment("frozenlake", ["slippery": "false"])
            let agent = try QTableAgent(configuration: .init(seed: 5, budget: .steps(3_000)), environment: environment)
            let evaluation = try EvaluationCallback(
                environment: makeEnvironment("frozenlake", ["slippery": "false"]), every: 1_000, episodes: 5, seed: 11,
                bestCheckpoint: best, environmentReference: EnvironmentReference(id: "FrozenLake-v1", options: ["slippery": "false"]))
            let report = try agent.train(on: &environment, callbacks: withEvaluation ? [evaluation] : [])
            return (timeless(report), withEvaluation ? evaluation : nil)
        }
        let (plain, _) = try run(withEvaluation: false)
        let (evaluated, callback) = try run(withEvaluation: true)
        #expect(plain == evaluated)
        let results = try #require(callback?.results)
        #expect(results.map(\.steps) == [1_000, 2_000, 3_000])
        #expect(results.allSatisfy { $0.report.episodes == 5 })
        #expect(results.first?.isBest == true)
        let saved = try AgentCatalog.standard.load(from: best, registry: .standard)
        var environment = try makeEnvironment("frozenlake", ["slippery": "false"])
        func evaluate<A: Agent>(_ agent: A) throws -> Double { try agent.evaluate(on: &environment, episodes: 5, seed: 11).meanReturn }
        #expect(try evaluate(saved) == callback?.bestMeanReturn)
        #expect(throws: AgentError.self) { _ = try EvaluationCallback(environment: environment, every: 0) }
    }

    @Test("checkpoints every N steps, a reward threshold that stops, a custom metric in every record")
    func builtIns() throws {
        let folder = try temporaryFolder()
        defer { try? FileManager.default.removeItem(at: folder) }
        var environment = try makeEnvironment("frozenlake", ["slippery": "false"])
        let agent = try QTableAgent(configuration: .notesDummy, environment: environment)
        let checkpoints = try CheckpointCallback(every: 500, folder: folder.appendingPathComponent("saves"))
        let stop = try StopAtRewardThreshold(threshold: 0.9, window: 20)
        let custom = MetricCallback("table_sum") { _ in Double(agent.values.reduce(0, +)) }
        let report = try agent.train(on: &environment, callbacks: [checkpoints, stop, custom])
        #expect(report.stoppedEarly && report.episodeCount < 2_000)
        #expect(report.finalMeanReturn > 0)
        #expect(checkpoints.saved.map(\.lastPathComponent) == stride(from: 500, through: report.steps, by: 500).map { "checkpoint-\($0).safetensors" })
        #expect(try QTableAgent.load(from: checkpoints.saved[0]).values.count == 64)
        #expect(report.metrics == ["epsilon", "table_sum"])
        #expect(report.episodes.allSatisfy { $0.metrics["table_sum"] != nil })
        #expect(report.metricsCSV().hasPrefix("episode,steps,return,length,epsilon,table_sum,seconds\n"))
        #expect(throws: AgentError.self) { _ = try StopAtRewardThreshold(threshold: .nan) }
    }
}
