import RLCore

/// Where the viewer's loops send frames and get the person's input from: a ``ViewerWindow``
/// (shown in real time, with keys) or a recorder (``GIFRecorder``, ``FrameRecorder``: written
/// to a file as fast as they come, no input).
///
/// Conform a type to drive ``WatchSession`` and ``PlaySession`` some other way, for example
/// with scripted key presses in tests.
public protocol FrameDestination: AnyObject {
    /// Whether frames are shown to a person as they happen: the loops then pace frames to the
    /// environment's speed and wait for input; otherwise they run without waiting.
    var isRealTime: Bool { get }

    /// Shows (or keeps) a frame: the environment's picture with `status` in the status bar
    /// (and, short, in a window's title).
    ///
    /// - Throws: ``ViewerError`` when the frame cannot be drawn or kept.
    func show(_ drawing: Drawing, status: ViewerStatus) throws

    /// Shows `environment`'s current state with `status`. The sessions call this; by default it
    /// shows the environment's picture, and a destination that shows states some other way (as
    /// text in a terminal) implements it.
    ///
    /// - Throws: ``ViewerError`` when the frame cannot be drawn or kept.
    func show<Shown: Environment>(_ environment: Shown, status: ViewerStatus) throws

    /// Waits for the person's input until `deadline` (for ever when `nil`) and returns the
    /// events that came, as soon as there is at least one; an empty array when the deadline
    /// passed. A destination that is not real time returns at once.
    func waitForEvents(until deadline: ContinuousClock.Instant?) -> [ViewerEvent]
}

extension FrameDestination {
    /// Shows the environment's picture (``Environment/drawing()``) with `status`.
    public func show<Shown: Environment>(_ environment: Shown, status: ViewerStatus) throws {
        try show(environment.drawing(), status: status)
    }
}
