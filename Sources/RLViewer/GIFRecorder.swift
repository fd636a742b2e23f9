import CGIFLib
import Foundation
import RLCore

/// Records the frames it is shown as an animated GIF through giflib: painted offscreen with
/// the status bar, as a window of the same size shows them, at the environment's pace, looping.
///
/// ```swift
/// let recorder = try GIFRecorder(path: "cartpole.gif", framesPerSecond: 50)
/// _ = try WatchSession(destination: recorder, title: "CartPole-v1").run(&environment, episodes: 1, seed: 0) { … }
/// try recorder.finish()
/// ```
///
/// What the caller must know:
///
/// - The file appears when ``finish()`` is called, whole (it is written beside it under a
///   temporary name, then renamed); a recorder dropped without finishing leaves nothing.
/// - Each frame lasts one frame at `framesPerSecond`, and the last frame of an episode as long
///   as a window holds it (``FramePacer/endOfEpisodePause``). GIF counts time in hundredths of a
///   second: durations are rounded so that their running total stays on time, and no frame is
///   shorter than 2 hundredths (browsers slow faster frames down), so paces above 50 frames a
///   second play at 50.
/// - Only what changed since the previous frame is stored, and a frame that changes nothing
///   lengthens the previous one. A frame of at most 256 colours is stored exactly; in one with
///   more, the most frequent 256 are exact and the rare blends along anti-aliased edges take
///   the nearest of them.
/// - It takes no input and does not wait, so a ``WatchSession`` plays into it as fast as it can.
public final class GIFRecorder: FrameDestination {
    /// The GIF file being made.
    public let path: String
    /// Canvas pixels per drawing unit.
    public let scale: Double
    /// The pace of frames, per second.
    public let framesPerSecond: Double
    /// How many frames have been shown to the recorder.
    public private(set) var frameCount = 0
    /// The frame's size, fixed by the first frame.
    public private(set) var frameSize: (width: Int, height: Int)?
    /// How long the frames written so far last, in seconds (all of them once finished).
    public var recordedSeconds: Double { Double(writtenCentiseconds) / 100 }

    private let file: AtomicFile
    private var gif: UnsafeMutablePointer<GifFileType>?
    private var painter = FramePainter()
    private let endOfEpisodePause: Double
    /// What a viewer of the file shows so far, the frame not yet written, and its duration.
    private var shown: PixelImage?
    private var pending: (frame: IndexedFrame, seconds: Double)?
    /// Time written so far, in seconds as asked and in the file's hundredths.
    private var elapsedSeconds = 0.0
    private var writtenCentiseconds = 0

    public var isRealTime: Bool { false }

    /// Starts a GIF at `path` (its directory must exist; a file there is replaced at
    /// ``finish()``), at `framesPerSecond` frames a second and `scale` canvas pixels per
    /// drawing unit.
    ///
    /// - Throws: ``ViewerError/cannotWriteImage(path:reason:)`` when the file cannot be created
    ///   there, ``ViewerError/invalidDrawing(_:)`` for a scale or pace that is not above 0.
    public init(path: String, framesPerSecond: Double, scale: Double = 1) throws {
        guard scale > 0, scale.isFinite else { throw ViewerError.invalidDrawing("a scale of \(scale); it must be above 0") }
        guard framesPerSecond > 0, framesPerSecond.isFinite else {
            throw ViewerError.invalidDrawing("a GIF of \(framesPerSecond) frames per second; it must be above 0")
        }
        self.path = path
        self.scale = scale
        self.framesPerSecond = framesPerSecond
        endOfEpisodePause = Self.seconds(try FramePacer(framesPerSecond: framesPerSecond).endOfEpisodePause)
        file = AtomicFile(path: path)
        // Opened here rather than by giflib, so the file gets the usual permissions (0666 less
        // the umask; giflib would make it 0600) and the system's reason when it cannot be made.
        let descriptor = open(file.temporaryPath, O_WRONLY | O_CREAT | O_TRUNC, 0o666)
        guard descriptor >= 0 else {
            throw ViewerError.cannotWriteImage(path: path, reason: String(cString: strerror(errno)))
        }
        var error: Int32 = 0
        guard let gif = EGifOpenFileHandle(descriptor, &error) else {
            close(descriptor)
            file.discard()
            throw ViewerError.cannotWriteImage(path: path, reason: Self.message(error))
        }
        self.gif = gif
    }

    deinit {
        if let gif {
            var error: Int32 = 0
            EGifCloseFile(gif, &error)
            file.discard()
        }
    }

    /// Paints the frame and adds it to the GIF.
    ///
    /// - Throws: ``ViewerError/cannotWriteImage(path:reason:)`` when writing fails or the
    ///   recording was finished, ``ViewerError/invalidDrawing(_:)`` for a bad drawing.
    public func show(_ drawing: Drawing, status: ViewerStatus) throws {
        guard gif != nil else { throw ViewerError.cannotWriteImage(path: path, reason: "the recording is finished") }
        let layout: FrameLayout
        if let frameSize {
            layout = try FrameLayout(width: frameSize.width, height: frameSize.height,
                                     drawingWidth: drawing.width, drawingHeight: drawing.height)
        } else {
            layout = try FrameLayout(drawingWidth: drawing.width, drawingHeight: drawing.height, scale: scale)
            try start(width: layout.width, height: layout.height)
        }
        let image = try painter.paint(drawing, status: status, layout: layout)
        let seconds = status.ending != nil ? endOfEpisodePause : 1 / framesPerSecond
        frameCount += 1
        guard let (frame, shownAfter) = IndexedFrame.make(from: image, over: shown) else {
            // Nothing changed: the frame before lasts longer.
            pending?.seconds += seconds
            return
        }
        try writePending()
        pending = (frame, seconds)
        shown = shownAfter
    }

    public func waitForEvents(until deadline: ContinuousClock.Instant?) -> [ViewerEvent] {
        []
    }

    /// Writes the last frame, closes the GIF and moves it into place; later calls do nothing.
    ///
    /// - Throws: ``ViewerError/cannotWriteImage(path:reason:)`` when nothing was recorded or
    ///   the file cannot be completed.
    public func finish() throws {
        guard let gif else { return }
        defer { self.gif = nil }
        do {
            guard pending != nil else { throw ViewerError.cannotWriteImage(path: path, reason: "no frame was recorded") }
            try writePending()
        } catch {
            var code: Int32 = 0
            EGifCloseFile(gif, &code)
            file.discard()
            throw error
        }
        var error: Int32 = 0
        guard EGifCloseFile(gif, &error) == GIF_OK else {
            file.discard()
            throw ViewerError.cannotWriteImage(path: path, reason: Self.message(error))
        }
        try file.commit()
    }

    // MARK: - giflib

    /// The screen description and the loop-forever block (Netscape's application extension).
    private func start(width: Int, height: Int) throws {
        guard let gif else { return }
        frameSize = (width, height)
        EGifSetGifVersion(gif, true)
        try check(EGifPutScreenDesc(gif, Int32(width), Int32(height), 8, 0, nil))
        try check(EGifPutExtensionLeader(gif, APPLICATION_EXT_FUNC_CODE))
        try check(Array("NETSCAPE2.0".utf8).withUnsafeBytes { EGifPutExtensionBlock(gif, 11, $0.baseAddress) })
        // Sub-block 1: loop count 0, for ever.
        try check([UInt8]([1, 0, 0]).withUnsafeBytes { EGifPutExtensionBlock(gif, 3, $0.baseAddress) })
        try check(EGifPutExtensionTrailer(gif))
    }

    /// Writes the frame waiting for its duration, if any.
    private func writePending() throws {
        guard let gif, let (frame, seconds) = pending else { return }
        pending = nil
        elapsedSeconds += seconds
        let centiseconds = max(2, Int((elapsedSeconds * 100).rounded()) - writtenCentiseconds)
        writtenCentiseconds += centiseconds

        var control = GraphicsControlBlock(DisposalMode: DISPOSE_DO_NOT, UserInputFlag: false,
                                           DelayTime: Int32(min(centiseconds, 65_535)),
                                           TransparentColor: Int32(frame.transparentIndex ?? Int(NO_TRANSPARENT_COLOR)))
        var extensionBytes = [UInt8](repeating: 0, count: 4)
        let length = EGifGCBToExtension(&control, &extensionBytes)
        try check(EGifPutExtension(gif, GRAPHICS_EXT_FUNC_CODE, Int32(length), extensionBytes))

        var colors = frame.palette.map { GifColorType(Red: $0.red, Green: $0.green, Blue: $0.blue) }
        guard let colorMap = GifMakeMapObject(Int32(colors.count), &colors) else {
            throw ViewerError.cannotWriteImage(path: path, reason: "giflib could not make a colour map")
        }
        defer { GifFreeMapObject(colorMap) }
        let area = frame.rectangle
        try check(EGifPutImageDesc(gif, Int32(area.x), Int32(area.y), Int32(area.width), Int32(area.height), false, colorMap))
        var indices = frame.indices
        try indices.withUnsafeMutableBufferPointer { buffer in
            guard let start = buffer.baseAddress else { return }
            for row in 0..<area.height {
                try check(EGifPutLine(gif, start + row * area.width, Int32(area.width)))
            }
        }
    }

    private func check(_ result: Int32) throws {
        guard result == GIF_OK else {
            throw ViewerError.cannotWriteImage(path: path, reason: Self.message(gif?.pointee.Error ?? 0))
        }
    }

    private static func message(_ code: Int32) -> String {
        GifErrorString(code).map { String(cString: $0) } ?? "giflib error \(code)"
    }

    private static func seconds(_ duration: Duration) -> Double {
        Double(duration.components.seconds) + Double(duration.components.attoseconds) / 1e18
    }
}
