import Foundation
import RLCore

/// Writes every frame it is shown to a directory as a BMP file — `frame-000001.bmp`,
/// `frame-000002.bmp`, … — drawn offscreen, so recording needs no display.
///
/// It takes no input and does not wait, so a ``WatchSession`` recording plays its episodes as
/// fast as the frames can be written. Files of the same names already in the directory are
/// replaced.
public final class FrameRecorder: FrameDestination {
    /// The directory the frames go to.
    public let directory: URL
    /// How many frames have been written.
    public private(set) var frameCount = 0
    private let canvas = OffscreenCanvas()

    public var isRealTime: Bool { false }

    /// Prepares to record into `directory`, creating it (and its parents) when missing.
    ///
    /// - Throws: ``ViewerError/cannotWriteImage(path:reason:)`` when the path is a file or the
    ///   directory cannot be created.
    public init(directory: URL) throws {
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
    }

    /// The file the frame numbered `number` (from 1) goes to.
    public func fileURL(forFrame number: Int) -> URL {
        directory.appendingPathComponent(String(format: "frame-%06d.bmp", number))
    }

    /// Draws the frame offscreen and writes it as the next file; the caption is not drawn.
    public func show(_ drawing: Drawing, caption: String) throws {
        try canvas.render(drawing)
        try canvas.image().saveBMP(to: fileURL(forFrame: frameCount + 1).path)
        frameCount += 1
    }

    public func waitForEvents(until deadline: ContinuousClock.Instant?) -> [ViewerEvent] {
        []
    }
}
