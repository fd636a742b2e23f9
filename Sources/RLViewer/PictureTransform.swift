import RLCore

/// How a ``Drawing``'s coordinates land on a canvas: scaled by ``scale`` around the drawing's
/// top-left corner, which goes to (``offsetX``, ``offsetY``).
///
/// The viewer scales pictures as vectors (a FrozenLake tile at scale 2 is a 128-pixel square
/// drawn sharp, not a 64-pixel one enlarged), so any window size shows them clearly.
public struct PictureTransform: Equatable, Sendable {
    /// Canvas pixels per drawing unit (above 0).
    public var scale: Double
    /// Where the drawing's left edge lands, in canvas pixels.
    public var offsetX: Double
    /// Where the drawing's top edge lands, in canvas pixels.
    public var offsetY: Double

    /// Scales by `scale` and puts the drawing's top-left corner at (`offsetX`, `offsetY`).
    public init(scale: Double, offsetX: Double = 0, offsetY: Double = 0) {
        self.scale = scale
        self.offsetX = offsetX
        self.offsetY = offsetY
    }

    /// Drawing units as canvas pixels, one to one.
    public static let identity = PictureTransform(scale: 1)

    /// Where `point` lands on the canvas.
    public func apply(_ point: Point) -> Point {
        Point(x: point.x * scale + offsetX, y: point.y * scale + offsetY)
    }
}
