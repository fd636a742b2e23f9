import Foundation
import RLCore

/// Writes every frame it is shown to a directory as a PNG file — `frame-000001.png`,
/// `frame-000002.png`, … — painted offscreen with the status bar, as a window of the same size
/// shows it, so recording needs no display.
///
/// It takes no input and does not wait, so a ``WatchSession`` recording plays its episodes as
/// fast as the frames can be written. Files of the same names already in the directory are
/// replaced (each atomically).
public final class FrameRecorder: FrameDestination {
    /// The directory the frames go to.
    public let directory: URL
    /// Canvas pixels per drawing unit.
    public let scale: Double
    /// How many frames have been written.
    public private(set) var frameCount = 0
    private let canvas = OffscreenCanvas()

    public var isRealTime: Bool { false }

    /// Prepares to record into `directory` (created with its parents when missing) at `scale`.
    ///
    /// - Throws: ``ViewerError/cannotWriteImage(path:reason:)`` when the path is a file or the
    ///   directory cannot be created, ``ViewerError/invalidDrawing(_:)`` for a scale that is
    ///   not above 0.
    public init(directory: URL, scale: Double = 1) throws {
        guard scale > 0, scale.isFinite else { throw ViewerError.invalidDrawing("a scale of \(scale); it must be above 0") }
        var isDirectory: ObjCBool = false
        if FileManager.default.fileExists(atPath: directory.path, isDirectory: &isDirectory) {
            guard isDirectory.boolValue else {
                throw ViewerError.cannotWriteImage(path: directory.path, reason: "it is a file, not a directory")
            }
        } else {
            do {
                try FileManager.default.createDirectory(at: directory, withIntermediateDirectories: true)
            } catch {
                throw ViewerError.cannotWriteImage(path: directory.path, reason: "cannot create the directory (\(FileErrorText.reason(error)))")
            }
        }
        self.directory = directory
        self.scale = scale
    }

    /// The file the frame numbered `number` (from 1) goes to.
    public func fileURL(forFrame number: Int) -> URL {
        directory.appendingPathComponent(String(format: "frame-%06d.png", number))
    }

    /// Paints the frame offscreen and writes it as the next file.
    public func show(_ drawing: Drawing, status: ViewerStatus) throws {
        try canvas.render(drawing, status: status, scale: scale)
        try canvas.image().savePNG(to: fileURL(forFrame: frameCount + 1).path)
        frameCount += 1
    }

    public func waitForEvents(until deadline: ContinuousClock.Instant?) -> [ViewerEvent] {
        []
    }
}
