/// Hands every episode's figures to a closure, which says whether to go on: the progress
/// display of `rl train`, and the version 1 `train(on:progress:)`.
public final class ProgressCallback: TrainingCallback {
    private let handler: ProgressHandler

    /// Calls `handler` at every episode's end.
    public init(_ handler: @escaping ProgressHandler) {
        self.handler = handler
    }

    public func episodeDidEnd(_ episode: TrainingProgress, in training: TrainingSession) throws -> TrainingDecision {
        handler(episode)
    }
}
