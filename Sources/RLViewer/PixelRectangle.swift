/// A rectangle of whole pixels on a canvas: columns `x ..< x + width`, rows `y ..< y + height`.
public struct PixelRectangle: Equatable, Hashable, Sendable {
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

    /// Whether the pixel at column `column`, row `row` is in the rectangle.
    public func contains(column: Int, row: Int) -> Bool {
        column >= x && column < x + width && row >= y && row < y + height
    }

    /// The pixels in both rectangles (a rectangle of no pixels when they do not meet).
    public func intersection(_ other: PixelRectangle) -> PixelRectangle {
        let left = max(x, other.x), top = max(y, other.y)
        let right = min(x + width, other.x + other.width), bottom = min(y + height, other.y + other.height)
        return PixelRectangle(x: left, y: top, width: max(0, right - left), height: max(0, bottom - top))
    }

    /// Whether the rectangle holds no pixel.
    public var isEmpty: Bool { width <= 0 || height <= 0 }
}
