/// What the keys do while watching an agent, as state the watch loop reads.
///
/// | key                     | effect                                   |
/// |-------------------------|------------------------------------------|
/// | space                   | pause or resume                          |
/// | → (while paused)        | one step                                 |
/// | + / −                   | twice / half as fast                     |
/// | r                       | restart the episode                      |
/// | q, Escape, closing      | quit                                     |
public struct WatchControls: Equatable, Sendable {
    /// The pace of frames.
    public var pacer: FramePacer
    /// Whether playing is paused.
    public private(set) var isPaused = false
    /// Steps asked for with → while paused and not yet taken.
    public private(set) var pendingSteps = 0
    /// Whether `r` asked for the episode to start again.
    public private(set) var restartRequested = false
    /// Whether the person asked to stop.
    public private(set) var quitRequested = false
    /// Whether the pace changed since the loop last looked (it then plans the next frame anew).
    public private(set) var paceChanged = false

    public init(pacer: FramePacer) {
        self.pacer = pacer
    }

    /// Applies one event.
    public mutating func handle(_ event: ViewerEvent) {
        if event.isQuitRequest {
            quitRequested = true
            return
        }
        guard case .keyDown(let key) = event else { return }
        switch key {
        case .space:
            isPaused.toggle()
            pendingSteps = 0
            paceChanged = true
        case .right where isPaused:
            pendingSteps += 1
        case .letter("r"):
            restartRequested = true
            pendingSteps = 0
        default:
            if pacer.handle(key) { paceChanged = true }
        }
    }

    /// Takes one pending single step, if any.
    public mutating func takePendingStep() -> Bool {
        guard pendingSteps > 0 else { return false }
        pendingSteps -= 1
        return true
    }

    /// Takes the restart request, if any.
    public mutating func takeRestartRequest() -> Bool {
        defer { restartRequested = false }
        return restartRequested
    }

    /// Takes the news that the pace changed, if it did.
    public mutating func takePaceChange() -> Bool {
        defer { paceChanged = false }
        return paceChanged
    }

    /// The speed for the status bar when it is not 1x (`2x`, `1/4x`), else `nil`.
    public var speedNote: String? {
        pacer.speedExponent != 0 ? pacer.speedDescription : nil
    }
}
