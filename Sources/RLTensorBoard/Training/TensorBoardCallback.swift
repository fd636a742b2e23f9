import Foundation
import RLAgents

/// Logs training to TensorBoard under CleanRL's tags: each episode's return and length, the
/// agent's losses and learning rate, the speed, and the hyperparameters as a table.
///
/// ```swift
/// let tensorBoard = try TensorBoardCallback(directory: URL(fileURLWithPath: "runs/dqn-cartpole"))
/// try agent.train(on: &environment, callbacks: [tensorBoard])
/// // tensorboard --logdir runs
/// ```
///
/// What it writes (tags from ``tags``, ``TensorBoardTags/cleanRL`` by default), the step of
/// every value being the environment steps taken when it was recorded:
///
/// - at the first `train` call, the hyperparameters as a markdown table `|param|value|`, as
///   CleanRL's scripts write them (tag `hyperparameters/text_summary`);
/// - per episode, `charts/episodic_return` and `charts/episodic_length`, the per-episode agent
///   metrics (`charts/epsilon`) and the custom metrics of the other callbacks (`charts/<name>`),
///   together in one event (TensorBoard reads each value on its own);
/// - with the updates, each update metric under its tag (`losses/td_loss`,
///   `charts/learning_rate`, …): one point at most every ``interval`` steps (CleanRL writes
///   every 100 steps), the mean of the updates since the last point, so an agent that updates
///   at every step does not write a point per step and no update goes uncounted;
/// - `charts/SPS`, environment steps per second since training began, with the updates and
///   episodes, at most once every ``interval`` steps.
///
/// Values reach the disk at least every second (see ``EventFileWriter``), and all of them when
/// a `train` call ends. A second call of `train` continues the same file.
public final class TensorBoardCallback: TrainingCallback {
    /// The event file's writer.
    public let writer: EventFileWriter
    /// The tags figures are written under.
    public let tags: TensorBoardTags
    /// The fewest environment steps between two points of the update metrics, and of `charts/SPS`.
    public let interval: Int
    /// The hyperparameters' table, when given; by default the agent's (its name, seed, budget
    /// and hyperparameters).
    public let hyperparameters: [HyperparameterSetting]?

    private var wroteHyperparameters = false
    private var agentName = ""
    /// The per-episode metrics and their tags: the agent's (from ``tags``), then the other
    /// callbacks' custom ones.
    private var episodeMetrics: [(name: String, tag: String)] = []
    private var customMetrics: [(name: String, tag: String)] = []
    /// Sums and counts of the update metrics since the last point.
    private var pending: [String: (sum: Double, count: Int)] = [:]
    private var lastUpdateSteps = 0
    private var lastUpdatePoint = 0
    private var lastSpeedPoint = 0

    /// Writes a new event file in `directory` (made when missing).
    ///
    /// - Parameters:
    ///   - directory: the run's folder (CleanRL: `runs/<run name>`).
    ///   - hyperparameters: the rows of the hyperparameters' table; `nil` for the agent's.
    ///   - tags: the tag names (default CleanRL's).
    ///   - interval: the fewest steps between points of the update metrics and `charts/SPS`
    ///     (1 or more; default 100).
    ///   - flushInterval: the longest time values wait in memory (default one second).
    /// - Throws: ``TensorBoardError/cannotWrite(_:)`` when the folder or file cannot be made,
    ///   ``TensorBoardError/invalidArgument(_:)`` for an interval below 1.
    public init(
        directory: URL, hyperparameters: [HyperparameterSetting]? = nil, tags: TensorBoardTags = .cleanRL,
        interval: Int = 100, flushInterval: Duration = .seconds(1)
    ) throws {
        guard interval >= 1 else {
            throw TensorBoardError.invalidArgument("the TensorBoard interval must be at least 1 step, got \(interval)")
        }
        writer = try EventFileWriter(directory: directory, flushInterval: flushInterval)
        self.tags = tags
        self.interval = interval
        self.hyperparameters = hyperparameters
    }

    // MARK: - Training

    public func trainingWillStart(_ training: TrainingSession) throws {
        let agent = Self.describe(training.agent)
        agentName = agent.name
        let agentMetrics = Set(agent.metrics.map(\.name))
        episodeMetrics = tags.episodeMetrics.sorted { $0.key < $1.key }.map { ($0.key, $0.value) }
        customMetrics = training.metrics.map(\.name).filter { !agentMetrics.contains($0) }
            .map { ($0, tags.customPrefix + $0) }
        pending = [:]
        lastUpdateSteps = training.steps
        lastUpdatePoint = training.steps
        lastSpeedPoint = training.steps
        if !wroteHyperparameters {
            try writer.addText(
                Self.table(hyperparameters ?? agent.settings), tag: tags.hyperparameters, step: training.steps)
            wroteHyperparameters = true
        }
    }

    public func updateDidEnd(_ update: TrainingUpdate, in training: TrainingSession) throws -> TrainingDecision {
        for (name, value) in update.metrics where tags.episodeMetrics[name] == nil {
            let sum = pending[name, default: (0, 0)]
            pending[name] = (sum.sum + value, sum.count + 1)
        }
        lastUpdateSteps = update.steps
        if update.steps - lastUpdatePoint >= interval { try writeUpdates() }
        try writeSpeedIfDue(training, steps: update.steps)
        return .proceed
    }

    public func episodeDidEnd(_ episode: TrainingProgress, in training: TrainingSession) throws -> TrainingDecision {
        var values = [(tags.episodicReturn, episode.episodeReturn), (tags.episodicLength, Double(episode.length))]
        for (name, tag) in episodeMetrics {
            if let value = episode.metrics[name] { values.append((tag, value)) }
        }
        for (name, tag) in customMetrics {
            if let value = episode.metrics[name] { values.append((tag, value)) }
        }
        try writer.addScalars(values, step: episode.steps)
        try writeSpeedIfDue(training, steps: episode.steps)
        return .proceed
    }

    public func trainingDidEnd(_ report: TrainingReport, in training: TrainingSession) throws {
        try writeUpdates()
        if training.steps > lastSpeedPoint { try writeSpeed(training, steps: training.steps) }
        try writer.flush()
    }

    // MARK: - Writing

    /// Writes the means of the update metrics since the last point, at the last update's step.
    private func writeUpdates() throws {
        guard !pending.isEmpty else { return }
        let means = pending.sorted { $0.key < $1.key }.map { name, total in
            (tags.updateTag(for: name, agent: agentName), total.sum / Double(total.count))
        }
        try writer.addScalars(means, step: lastUpdateSteps)
        pending.removeAll(keepingCapacity: true)
        lastUpdatePoint = lastUpdateSteps
    }

    private func writeSpeedIfDue(_ training: TrainingSession, steps: Int) throws {
        if steps - lastSpeedPoint >= interval { try writeSpeed(training, steps: steps) }
    }

    /// `charts/SPS`: steps over seconds of training, both counted over every call (CleanRL's
    /// `global_step / (time.time() - start_time)`).
    private func writeSpeed(_ training: TrainingSession, steps: Int) throws {
        let seconds = training.elapsedSeconds
        guard seconds > 0 else { return }
        try writer.addScalar(Double(training.steps) / seconds, tag: tags.stepsPerSecond, step: steps)
        lastSpeedPoint = steps
    }

    // MARK: - Hyperparameters

    /// CleanRL's table: `|param|value|`, `|-|-|`, then a row per setting (a `|` in a value is
    /// escaped so the table stays whole).
    static func table(_ settings: [HyperparameterSetting]) -> String {
        let rows = settings.map { setting in
            "|\(setting.name.replacingOccurrences(of: "|", with: "\\|"))|\(setting.value.replacingOccurrences(of: "|", with: "\\|"))|"
        }
        return (["|param|value|", "|-|-|"] + rows).joined(separator: "\n")
    }

    /// The agent's name, declared metrics and settings (name, seed, budget, hyperparameters).
    private static func describe<A: Agent>(_ agent: A) -> (name: String, metrics: [Metric], settings: [HyperparameterSetting]) {
        let entry = AgentCatalogEntry(A.self)
        let configuration = agent.configuration
        let settings = [
            HyperparameterSetting("agent", entry.name), HyperparameterSetting("seed", "\(configuration.seed)"),
            HyperparameterSetting("budget", configuration.budget.description),
        ] + entry.settings(of: configuration)
        return (entry.name, entry.metrics, settings)
    }
}
