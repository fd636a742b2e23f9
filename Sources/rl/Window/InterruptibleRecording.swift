import RL
import RLViewer

/// A recorder that stops at Ctrl-C: `rl watch --record` installs ``Interruption``, and the
/// watch session, which asks its destination for input after every frame, is told to quit, so
/// the recording is finished with the frames so far (a GIF still appears, whole) instead of the
/// process dying with a half-written file.
final class InterruptibleRecording: FrameDestination {
    /// The recorder frames go to.
    let recorder: any FrameDestination

    init(_ recorder: any FrameDestination) {
        self.recorder = recorder
    }

    var isRealTime: Bool { recorder.isRealTime }

    func show(_ drawing: Drawing, status: ViewerStatus) throws {
        try recorder.show(drawing, status: status)
    }

    func waitForEvents(until deadline: ContinuousClock.Instant?) -> [ViewerEvent] {
        Interruption.isRequested ? [.quit] : recorder.waitForEvents(until: deadline)
    }
}
