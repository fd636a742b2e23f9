/// A rectangle of whole pixels on a canvas: columns `x ..< x + width`, rows `y ..< y + height`.
public struct PixelRectangle: Equatable, Hashable, Sendable {
    /// The first column.
    public var x: Int
    /// The first row.
    public var y: Int
    /// The number of columns (0 or less: no pixel).
    public var width: Int
    /// The number of rows (0 or less: no pixel).
    public var height: Int

    /// The rectangle of `width × height` pixels whose top-left pixel is (`x`, `y`).
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
