import RLCore

/// Where the viewer's loops send frames and get the person's input from: a ``ViewerWindow``
/// (shown in real time, with keys) or a ``FrameRecorder`` (written to files as fast as they
/// come, no input).
///
/// Conform a type to drive ``WatchSession`` and ``PlaySession`` some other way, for example
/// with scripted key presses in tests.
public protocol FrameDestination: AnyObject {
    /// Whether frames are shown to a person as they happen: the loops then pace frames to the
    /// environment's speed and wait for input; otherwise they run without waiting.
    var isRealTime: Bool { get }

    /// Shows (or keeps) a frame, with a caption saying where the episode is (a window's title).
    ///
    /// - Throws: ``ViewerError`` when the frame cannot be drawn or kept.
    func show(_ drawing: Drawing, caption: String) throws

    /// Waits for the person's input until `deadline` (for ever when `nil`) and returns the
    /// events that came, as soon as there is at least one; an empty array when the deadline
    /// passed. A destination that is not real time returns at once.
    func waitForEvents(until deadline: ContinuousClock.Instant?) -> [ViewerEvent]
}
