/// A picture of an environment's state as a list of shapes on a canvas, for a viewer to draw.
///
/// Coordinates are pixels with the origin at the top-left corner and y growing downwards (as
/// SDL and SVG draw). Shapes are drawn in order, later ones on top. Environments describe
/// pictures this way so that they never depend on a graphics library; the SDL viewer draws
/// them, and tests can check them directly.
public struct Drawing: Equatable, Sendable {
    /// The canvas width in pixels.
    public var width: Int
    /// The canvas height in pixels.
    public var height: Int
    /// The colour the canvas is cleared to.
    public var background: Color
    /// The shapes, back to front.
    public var shapes: [Shape]

    /// A picture of `width` × `height` pixels: `shapes` drawn in order on `background`.
    public init(width: Int, height: Int, background: Color = .white, shapes: [Shape] = []) {
        self.width = width
        self.height = height
        self.background = background
        self.shapes = shapes
    }

    /// One element of a picture.
    public enum Shape: Equatable, Sendable {
        /// An axis-aligned rectangle, filled or outlined.
        case rectangle(Rectangle, color: Color, filled: Bool = true)
        /// A filled polygon through the points, closed back to the first.
        case polygon([Point], color: Color)
        /// A filled circle.
        case circle(center: Point, radius: Double, color: Color)
        /// A straight line of the given width in pixels.
        case line(from: Point, to: Point, color: Color, width: Double = 1)
        /// A short label whose top-left corner is at the point (viewers may ignore text).
        case text(String, at: Point, color: Color)
    }
}

/// A point on a ``Drawing``'s canvas, in pixels.
public struct Point: Equatable, Sendable {
    /// The distance from the canvas's left edge.
    public var x: Double
    /// The distance from the canvas's top edge (y grows downwards).
    public var y: Double

    /// The point `x` pixels right of and `y` pixels below the top-left corner.
    public init(x: Double, y: Double) {
        self.x = x
        self.y = y
    }
}

/// An axis-aligned rectangle on a ``Drawing``'s canvas, in pixels.
public struct Rectangle: Equatable, Sendable {
    /// The left edge.
    public var x: Double
    /// The top edge.
    public var y: Double
    /// The width in pixels.
    public var width: Double
    /// The height in pixels.
    public var height: Double

    /// The rectangle whose top-left corner is at (`x`, `y`).
    public init(x: Double, y: Double, width: Double, height: Double) {
        self.x = x
        self.y = y
        self.width = width
        self.height = height
    }
}

/// An sRGB colour with alpha, 0...255 per channel.
public struct Color: Equatable, Hashable, Sendable {
    /// The red channel.
    public var red: UInt8
    /// The green channel.
    public var green: UInt8
    /// The blue channel.
    public var blue: UInt8
    /// The opacity: 0 transparent, 255 opaque.
    public var alpha: UInt8

    /// A colour from its channels, opaque unless `alpha` says otherwise.
    public init(red: UInt8, green: UInt8, blue: UInt8, alpha: UInt8 = 255) {
        self.red = red
        self.green = green
        self.blue = blue
        self.alpha = alpha
    }

    /// Opaque white.
    public static let white = Color(red: 255, green: 255, blue: 255)
    /// Opaque black.
    public static let black = Color(red: 0, green: 0, blue: 0)
}
