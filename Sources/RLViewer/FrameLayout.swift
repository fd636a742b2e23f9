/// Where the parts of a viewer frame go: the status bar across the bottom, and the picture
/// scaled to fit the rest (keeping its proportions, centred, the margins in the bar's colour).
///
/// The window computes the layout for its size whenever it changes; the recorders and
/// `--scale` compute the size from a scale (``init(drawingWidth:drawingHeight:scale:showsStatusBar:)``),
/// and both end in the same layout for the same size, so a recorded frame and a window of that
/// size show the same pixels.
public struct FrameLayout: Equatable, Sendable {
    /// The frame's width in pixels.
    public let width: Int
    /// The frame's height in pixels.
    public let height: Int
    /// The pixels the picture covers.
    public let picture: PixelRectangle
    /// How the drawing's coordinates land on the frame.
    public let transform: PictureTransform
    /// The status bar's pixels (empty without one).
    public let statusBar: PixelRectangle
    /// The status bar's text size: canvas pixels per font pixel (1 to 3, by the frame's width).
    public let textPixelSize: Int

    /// The smallest frame the viewer lays out, in pixels a side (smaller windows are refused by
    /// SDL's minimum size).
    public static let minimumSide = 64

    /// The layout of a `width × height` frame for a drawing of `drawingWidth × drawingHeight`.
    ///
    /// - Throws: ``ViewerError/invalidDrawing(_:)`` for a side of the drawing or the frame out
    ///   of range, or a frame too small for its status bar and a picture.
    public init(width: Int, height: Int, drawingWidth: Int, drawingHeight: Int, showsStatusBar: Bool = true) throws {
        try DrawingPainter.checkCanvas(width: drawingWidth, height: drawingHeight)
        try DrawingPainter.checkCanvas(width: width, height: height)
        let textPixelSize = Self.textPixelSize(forWidth: width)
        let barHeight = showsStatusBar ? StatusBar.height(textPixelSize: textPixelSize) : 0
        guard height - barHeight >= 1 else {
            throw ViewerError.invalidDrawing("a frame of \(width)x\(height) pixels has no room for a picture above its \(barHeight)-pixel status bar")
        }
        let area = (width: width, height: height - barHeight)
        let scale = min(Double(area.width) / Double(drawingWidth), Double(area.height) / Double(drawingHeight))
        let pictureWidth = min(area.width, max(1, Int((Double(drawingWidth) * scale).rounded())))
        let pictureHeight = min(area.height, max(1, Int((Double(drawingHeight) * scale).rounded())))
        let left = (area.width - pictureWidth) / 2, top = (area.height - pictureHeight) / 2
        self.width = width
        self.height = height
        self.textPixelSize = textPixelSize
        picture = PixelRectangle(x: left, y: top, width: pictureWidth, height: pictureHeight)
        transform = PictureTransform(scale: scale, offsetX: Double(left), offsetY: Double(top))
        statusBar = PixelRectangle(x: 0, y: area.height, width: width, height: barHeight)
    }

    /// The layout that shows a drawing of `drawingWidth × drawingHeight` at `scale` (canvas
    /// pixels per drawing unit), with the status bar below it.
    ///
    /// - Throws: ``ViewerError/invalidDrawing(_:)`` for a scale that is not above 0 or makes a
    ///   side larger than the viewer draws.
    public init(drawingWidth: Int, drawingHeight: Int, scale: Double, showsStatusBar: Bool = true) throws {
        guard scale > 0, scale.isFinite else {
            throw ViewerError.invalidDrawing("a scale of \(scale); it must be above 0")
        }
        let width = (Double(drawingWidth) * scale).rounded(), pictureHeight = (Double(drawingHeight) * scale).rounded()
        let limit = Double(DrawingPainter.maximumCanvasSide)
        guard width <= limit, pictureHeight <= limit else {
            throw ViewerError.invalidDrawing(
                "a \(drawingWidth)x\(drawingHeight) picture at scale \(scale) would be wider or taller than \(DrawingPainter.maximumCanvasSide) pixels")
        }
        let frameWidth = max(Self.minimumSide, Int(width))
        let barHeight = showsStatusBar ? StatusBar.height(textPixelSize: Self.textPixelSize(forWidth: frameWidth)) : 0
        try self.init(width: frameWidth, height: max(Self.minimumSide, Int(pictureHeight)) + barHeight,
                      drawingWidth: drawingWidth, drawingHeight: drawingHeight, showsStatusBar: showsStatusBar)
    }

    /// The status bar's text size for a frame `width` pixels wide: 1 below 400 pixels, 2 below
    /// 1,100, else 3 (a 5 × 7 font pixel grid: letters 7, 14 or 21 pixels high).
    public static func textPixelSize(forWidth width: Int) -> Int {
        width < 400 ? 1 : width < 1_100 ? 2 : 3
    }

    /// The scale a picture opens at when none is asked for: 1, or the whole number that makes
    /// it at least 480 pixels wide or 400 high (FrozenLake's 256-pixel lake opens at 2).
    public static func defaultScale(drawingWidth: Int, drawingHeight: Int) -> Double {
        guard drawingWidth > 0, drawingHeight > 0 else { return 1 }
        let needed = min((480 / Double(drawingWidth)).rounded(.up), (400 / Double(drawingHeight)).rounded(.up))
        return max(1, min(8, needed))
    }
}
