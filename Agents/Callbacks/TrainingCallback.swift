/// Something that watches training and may stop it: called when a call of `train` starts,
/// after every environment step, after every update, at every episode's end, and when the call
/// ends (Stable-Baselines3's `BaseCallback`, Keras's `Callback`).
///
/// Every method has a default that does nothing, so a callback implements only what it needs.
/// Returning ``TrainingDecision/stop`` ends training after the current step (the agent keeps
/// what it learned, and the report says it stopped early). Throwing ends training at once:
/// `train` rethrows the error.
///
/// ```swift
/// final class StopAfterTenFailures: TrainingCallback {
///     var failures = 0
///     func episodeDidEnd(_ episode: TrainingProgress, in training: TrainingSession) throws -> TrainingDecision {
///         if episode.succeeded == false { failures += 1 }
///         return failures >= 10 ? .stop : .proceed
///     }
/// }
/// try agent.train(on: &environment, callbacks: [StopAfterTenFailures()])
/// ```
///
/// Built-ins: ``ProgressCallback`` (a closure per episode), ``EvaluationCallback`` (evaluate
/// every N steps on a separate copy of the environment, keep the best checkpoint),
/// ``CheckpointCallback`` (save every N steps), ``StopAtRewardThreshold``, ``MetricCallback``
/// (record a custom metric).
public protocol TrainingCallback: AnyObject {
    /// The custom metrics the callback records with ``TrainingSession/record(_:named:)``, so
    /// that episode records and `metrics.csv` carry them.
    var metrics: [Metric] { get }

    /// A call of `train` starts.
    func trainingWillStart(_ training: TrainingSession) throws

    /// An environment step (a batch step, for a vector of environments) was taken and counted.
    func stepDidEnd(_ training: TrainingSession) throws -> TrainingDecision

    /// An update (a burst of gradient steps, one iteration) ended.
    func updateDidEnd(_ update: TrainingUpdate, in training: TrainingSession) throws -> TrainingDecision

    /// An episode is ending: its figures are about to be recorded (record custom metrics here).
    func episodeWillEnd(_ training: TrainingSession) throws

    /// An episode ended.
    func episodeDidEnd(_ episode: TrainingProgress, in training: TrainingSession) throws -> TrainingDecision

    /// The call of `train` ends normally.
    func trainingDidEnd(_ report: TrainingReport, in training: TrainingSession) throws
}

extension TrainingCallback {
    public var metrics: [Metric] { [] }
    public func trainingWillStart(_ training: TrainingSession) throws {}
    public func stepDidEnd(_ training: TrainingSession) throws -> TrainingDecision { .proceed }
    public func updateDidEnd(_ update: TrainingUpdate, in training: TrainingSession) throws -> TrainingDecision { .proceed }
    public func episodeWillEnd(_ training: TrainingSession) throws {}
    public func episodeDidEnd(_ episode: TrainingProgress, in training: TrainingSession) throws -> TrainingDecision { .proceed }
    public func trainingDidEnd(_ report: TrainingReport, in training: TrainingSession) throws {}
}
