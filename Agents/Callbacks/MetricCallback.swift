/// Records a custom metric at the end of every episode, computed by a closure from the
/// session: it then appears in every episode record, in `metrics.csv` and in TensorBoard.
///
/// ```swift
/// let steps = MetricCallback("episode_steps_per_second") { training in
///     Double(training.steps) / max(training.elapsedSeconds, 1e-9)
/// }
/// ```
public final class MetricCallback: TrainingCallback {
    /// The metric's name (a column of `metrics.csv`).
    public let name: String
    private let value: (TrainingSession) throws -> Double?

    /// Records `value(session)` as the metric `name` as each episode ends;
    /// a `nil` value leaves the cell empty.
    public init(_ name: String, value: @escaping (TrainingSession) throws -> Double?) {
        self.name = name
        self.value = value
    }

    public var metrics: [Metric] { [Metric(name, .latest)] }

    public func episodeWillEnd(_ training: TrainingSession) throws {
        if let value = try value(training) { training.record(value, named: name) }
    }
}
