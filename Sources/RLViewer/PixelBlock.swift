/// A rectangle of whole pixels on a canvas: columns `x..<x + width`, rows `y..<y + height`.
///
/// The rasterizer turns every shape into blocks (most of them one row high), so that a
/// renderer only ever fills integer rectangles, which every SDL renderer does exactly alike.
public struct PixelBlock: Equatable, Hashable, Sendable {
    public var x: Int
    public var y: Int
    public var width: Int
    public var height: Int

    public init(x: Int, y: Int, width: Int, height: Int) {
        self.x = x
        self.y = y
        self.width = width
        self.height = height
    }

    /// Whether the pixel at column `column`, row `row` is in the block.
    public func contains(column: Int, row: Int) -> Bool {
        column >= x && column < x + width && row >= y && row < y + height
    }

    /// The block cut to the canvas `0..<canvasWidth` × `0..<canvasHeight`, or `nil` when
    /// nothing of it is on the canvas.
    func clipped(canvasWidth: Int, canvasHeight: Int) -> PixelBlock? {
        let left = max(0, x), top = max(0, y)
        let right = min(canvasWidth, x + width), bottom = min(canvasHeight, y + height)
        guard right > left, bottom > top else { return nil }
        return PixelBlock(x: left, y: top, width: right - left, height: bottom - top)
    }
}
