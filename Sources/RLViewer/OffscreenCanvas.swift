import RLCore

/// Draws pictures and whole viewer frames into memory, without a window or a display: for
/// recording (`rl watch --record`) and for tests.
///
/// ```swift
/// let canvas = OffscreenCanvas()
/// try canvas.render(environment.drawing())                    // the picture alone, 1:1
/// try canvas.render(environment.drawing(), status: status, scale: 2)   // a frame as recorded
/// let image = try canvas.image()                              // check pixels
/// try image.savePNG(to: "frame.png")                          // or save it
/// ```
///
/// It paints with the same routine as the window (``FrameLayout`` and the frame painter), in
/// Swift, so it needs no SDL and no display. One canvas is used from one thread at a time.
public final class OffscreenCanvas {
    private var painter = FramePainter()
    private var lastImage: PixelImage?

    /// The width of the last frame rendered, in pixels (0 before the first).
    public var width: Int { lastImage?.width ?? 0 }
    /// The height of the last frame rendered, in pixels (0 before the first).
    public var height: Int { lastImage?.height ?? 0 }

    /// Makes an empty canvas; it takes the size of each frame rendered on it.
    public init() {}

    /// Draws `drawing` alone, one pixel per drawing unit, on a canvas of its size.
    ///
    /// - Throws: ``ViewerError/invalidDrawing(_:)`` for a bad canvas size or shape.
    public func render(_ drawing: Drawing) throws {
        try render(drawing, status: nil, layout: FrameLayout(
            width: drawing.width, height: drawing.height, drawingWidth: drawing.width, drawingHeight: drawing.height,
            showsStatusBar: false))
    }

    /// Draws the frame a recording at `scale` holds: `drawing` scaled, with `status` in the
    /// status bar below it.
    ///
    /// - Throws: ``ViewerError/invalidDrawing(_:)`` for a bad scale, size or shape.
    public func render(_ drawing: Drawing, status: ViewerStatus, scale: Double) throws {
        try render(drawing, status: status, layout: FrameLayout(drawingWidth: drawing.width, drawingHeight: drawing.height, scale: scale))
    }

    /// Draws the frame `layout` describes: `drawing` in its picture area and `status` (when
    /// given) in its status bar.
    ///
    /// - Throws: ``ViewerError/invalidDrawing(_:)`` for a bad shape.
    public func render(_ drawing: Drawing, status: ViewerStatus?, layout: FrameLayout) throws {
        lastImage = try painter.paint(drawing, status: status, layout: layout)
    }

    /// The pixels of the last frame rendered.
    ///
    /// - Throws: ``ViewerError/invalidDrawing(_:)`` before anything was rendered.
    public func image() throws -> PixelImage {
        guard let lastImage else { throw ViewerError.invalidDrawing("nothing has been rendered on the canvas yet") }
        return lastImage
    }
}
