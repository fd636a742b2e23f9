import RLCore

/// Paints whole viewer frames: the picture scaled into its place, the margins around it, and
/// the status bar (``StatusBar``), by a ``FrameLayout``. The window, the offscreen canvas and
/// the recorders all paint through it.
///
/// When the status says the episode has ended, a frame in the ending's colour (green, red or
/// amber) is drawn around the picture, so the moment shows even out of the corner of an eye.
struct FramePainter {
    private var painter = DrawingPainter()

    /// The frame for `drawing` with `status` (no status bar when `nil`) laid out by `layout`.
    ///
    /// - Throws: ``ViewerError/invalidDrawing(_:)`` when the drawing's size is not the one
    ///   `layout` was made for, or a shape has bad numbers.
    mutating func paint(_ drawing: Drawing, status: ViewerStatus?, layout: FrameLayout) throws -> PixelImage {
        var image = PixelImage(width: layout.width, height: layout.height, filledWith: StatusBar.background)
        try painter.paint(drawing, into: &image, area: layout.picture, transform: layout.transform)
        guard let status else { return image }
        StatusBar.paint(status, in: layout.statusBar, textPixelSize: layout.textPixelSize, painter: &painter, into: &image)
        if let ending = status.ending {
            let color = StatusBar.outline(for: ending)
            let picture = layout.picture
            let thickness = min(2 * layout.textPixelSize, picture.width / 2, picture.height / 2)
            for strip in [
                PixelRectangle(x: picture.x, y: picture.y, width: picture.width, height: thickness),
                PixelRectangle(x: picture.x, y: picture.y + picture.height - thickness, width: picture.width, height: thickness),
                PixelRectangle(x: picture.x, y: picture.y, width: thickness, height: picture.height),
                PixelRectangle(x: picture.x + picture.width - thickness, y: picture.y, width: thickness, height: picture.height),
            ] where !strip.isEmpty {
                image.fill(strip, with: color)
            }
        }
        return image
    }
}
