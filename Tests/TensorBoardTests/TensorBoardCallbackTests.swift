import Foundation
import Testing
import RL
import RLTensorBoard

/// Keeps every update an agent reports, to compare with what the TensorBoard callback wrote.
final class UpdateRecorder: TrainingCallback {
    var updates: [TrainingUpdate] = []
    func updateDidEnd(_ update: TrainingUpdate, in training: TrainingSession) throws -> TrainingDecision {
        updates.append(update)
        return .proceed
    }
}

/// The event file a callback wrote, read back.
func readBack(_ callback: TensorBoardCallback) throws -> EventFile {
    try EventFile(contentsOf: callback.writer.url)
}

@Suite("TensorBoard callback")
struct TensorBoardCallbackTests {
    /// DQN on CartPole with updates every 50 steps from step 250: 26 updates in 1,500 steps.
    static let dqn = DQNAgent.Configuration(
        seed: 5, budget: .steps(1_500), network: NetworkShape(hiddenLayers: [32]), learningRate: 0.003,
        bufferCapacity: 2_000, batchSize: 32, learningStarts: 200, trainFrequency: 50, gradientSteps: 2,
        targetUpdateInterval: 100, exploration: .linear(start: 1, end: 0.05, duration: 1_000))

    @Test("DQN: CleanRL's tags, every episode, the updates' means every 100 steps, the hyperparameters")
    func dqnRun() throws {
        let folder = try temporaryFolder()
        defer { try? FileManager.default.removeItem(at: folder) }
        var environment = try EnvironmentRegistry.standard.make("cartpole")
        let agent = try DQNAgent(configuration: Self.dqn, environment: environment)
        let tensorBoard = try TensorBoardCallback(directory: folder)
        let recorder = UpdateRecorder()
        let report = try agent.train(on: &environment, callbacks: [recorder, tensorBoard])
        let file = try readBack(tensorBoard)

        #expect(file.tornBytes == 0)
        #expect(Set(file.scalarTags) == [
            "charts/episodic_return", "charts/episodic_length", "charts/epsilon", "charts/SPS",
            "charts/learning_rate", "losses/td_loss",
        ])
        // Every episode, at the step it ended.
        #expect(file.scalars(tag: "charts/episodic_return").map(\.step) == report.episodes.map(\.steps))
        #expect(file.scalars(tag: "charts/episodic_return").map(\.value) == report.episodes.map { Float($0.episodeReturn) })
        #expect(file.scalars(tag: "charts/episodic_length").map(\.value) == report.episodes.map { Float($0.length) })
        #expect(file.scalars(tag: "charts/epsilon").map(\.value) == report.episodes.compactMap { $0.epsilon.map(Float.init) })

        // The updates: a point when 100 steps have passed since the last one, holding the mean
        // of the updates since, and the rest when training ends.
        #expect(recorder.updates.count == 26)
        var expected: [(step: Int, loss: Double)] = []
        var losses: [Double] = []
        var lastPoint = 0
        for update in recorder.updates {
            losses.append(update.metrics["loss"] ?? .nan)
            if update.steps - lastPoint >= 100 || update == recorder.updates.last {
                expected.append((update.steps, losses.reduce(0, +) / Double(losses.count)))
                losses = []
                lastPoint = update.steps
            }
        }
        let written = file.scalars(tag: "losses/td_loss")
        #expect(written.map(\.step) == expected.map(\.step))
        #expect(written.map(\.step).prefix(3) == [250, 350, 450])
        for (point, want) in zip(written, expected) {
            #expect(abs(Double(point.value) - want.loss) <= 1e-6 * max(1, abs(want.loss)))
        }
        #expect(file.scalars(tag: "charts/learning_rate").allSatisfy { $0.value == Float(0.003) })

        // Speed: positive, at least 100 steps apart, and a last point at the end of training.
        let speed = file.scalars(tag: "charts/SPS")
        #expect(!speed.isEmpty && speed.allSatisfy { $0.value > 0 })
        let spaced = speed.dropLast()
        #expect(zip(spaced.dropFirst(), spaced).allSatisfy { $0.step - $1.step >= 100 })
        #expect(speed.last?.step == 1_500)

        // The hyperparameters, as CleanRL's markdown table.
        let texts = file.events.compactMap { event -> String? in
            guard case .text("hyperparameters/text_summary", let text) = event.content else { return nil }
            return text
        }
        #expect(texts.count == 1)
        let rows = texts.first?.split(separator: "\n").map(String.init) ?? []
        #expect(rows.prefix(5) == ["|param|value|", "|-|-|", "|agent|dqn|", "|seed|5|", "|budget|1500 steps|"])
        #expect(rows.contains("|learning-rate|0.003|"))
        #expect(rows.contains("|batch-size|32|"))
    }

    @Test("a second train call continues the file: no second table, steps go on")
    func continuedTraining() throws {
        let folder = try temporaryFolder()
        defer { try? FileManager.default.removeItem(at: folder) }
        var environment = try EnvironmentRegistry.standard.make("frozenlake")
        let agent = try QTableAgent(configuration: .init(seed: 2, budget: .episodes(40)), environment: environment)
        let tensorBoard = try TensorBoardCallback(
            directory: folder, hyperparameters: [HyperparameterSetting("environment", "FrozenLake-v1")])
        let first = try agent.train(on: &environment, callbacks: [tensorBoard])
        let second = try agent.train(on: &environment, callbacks: [tensorBoard])
        let file = try readBack(tensorBoard)
        let steps = (first.episodes + second.episodes).map(\.steps)
        #expect(file.scalars(tag: "charts/episodic_length").map(\.step) == steps)
        #expect(file.events.filter { $0.tag == "hyperparameters/text_summary" }.map(\.content)
            == [.text(tag: "hyperparameters/text_summary", text: "|param|value|\n|-|-|\n|environment|FrozenLake-v1|")])
        #expect(try EventFile.urls(in: folder).count == 1)
    }

    @Test("tabular agents: ε per episode; custom metrics of other callbacks as charts/<name>")
    func customMetrics() throws {
        let folder = try temporaryFolder()
        defer { try? FileManager.default.removeItem(at: folder) }
        var environment = try EnvironmentRegistry.standard.make("frozenlake")
        let agent = try QTableAgent(configuration: .init(seed: 1, budget: .episodes(300)), environment: environment)
        let custom = MetricCallback("table_sum") { _ in Double(agent.values.reduce(0, +)) }
        let tensorBoard = try TensorBoardCallback(directory: folder)
        let report = try agent.train(on: &environment, callbacks: [custom, tensorBoard])
        let file = try readBack(tensorBoard)
        #expect(Set(file.scalarTags) == [
            "charts/episodic_return", "charts/episodic_length", "charts/epsilon", "charts/table_sum", "charts/SPS",
        ])
        #expect(file.scalars(tag: "charts/table_sum").map(\.value) == report.episodes.map { Float($0.metrics["table_sum"] ?? .nan) })
        #expect(file.scalars(tag: "charts/epsilon").map(\.value) == report.episodes.map { Float($0.epsilon ?? .nan) })
    }

    @Test("REINFORCE's loss is CleanRL's policy loss; other agents' loss keeps its name")
    func lossNames() throws {
        let folder = try temporaryFolder()
        defer { try? FileManager.default.removeItem(at: folder) }
        var environment = try EnvironmentRegistry.standard.make("cartpole")
        let agent = try ReinforceAgent(
            configuration: .init(seed: 3, budget: .episodes(20), network: NetworkShape(hiddenLayers: [16])),
            environment: environment)
        let tensorBoard = try TensorBoardCallback(directory: folder, interval: 1)
        let report = try agent.train(on: &environment, callbacks: [tensorBoard])
        let file = try readBack(tensorBoard)
        // One update per episode and an interval of 1 step: a point per episode.
        #expect(file.scalars(tag: "losses/policy_loss").map(\.step) == report.episodes.map(\.steps))
        #expect(!file.scalarTags.contains("losses/loss"))

        let tags = TensorBoardTags.cleanRL
        #expect(tags.updateTag(for: "loss", agent: "dqn") == "losses/td_loss")
        #expect(tags.updateTag(for: "loss", agent: "my-agent") == "losses/loss")
        #expect(tags.updateTag(for: "clip_fraction", agent: "ppo") == "losses/clipfrac")
        #expect(tags.updateTag(for: "value_loss", agent: "ppo") == "losses/value_loss")
        #expect(tags.updateTag(for: "learning_rate", agent: "ppo") == "charts/learning_rate")
        #expect(tags.updateTag(for: "qf_loss", agent: "sac") == "losses/qf_loss")
    }

    @Test("an interval below 1 step is refused")
    func badInterval() throws {
        let folder = try temporaryFolder()
        defer { try? FileManager.default.removeItem(at: folder) }
        #expect(throws: TensorBoardError.invalidArgument("the TensorBoard interval must be at least 1 step, got 0")) {
            try TensorBoardCallback(directory: folder, interval: 0)
        }
    }
}
