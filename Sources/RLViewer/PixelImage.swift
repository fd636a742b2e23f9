import RLCore

/// A picture as pixels: `width × height` opaque colours, row by row from the top.
///
/// The viewer paints every frame into one (``OffscreenCanvas/image()``), a window shows it,
/// and the recorders write it (``savePNG(to:)``, ``GIFRecorder``); tests check pixels with
/// ``subscript(x:y:)``.
public struct PixelImage: Equatable, Sendable {
    /// The width in pixels.
    public let width: Int
    /// The height in pixels.
    public let height: Int
    /// The colours, row by row from the top, each row left to right.
    public internal(set) var pixels: [Color]

    /// Makes an image from its pixels.
    ///
    /// - Throws: ``ViewerError/invalidDrawing(_:)`` when a side is not positive or
    ///   `pixels.count` is not `width × height`.
    public init(width: Int, height: Int, pixels: [Color]) throws {
        guard width > 0, height > 0, pixels.count == width * height else {
            throw ViewerError.invalidDrawing("an image of \(width)x\(height) pixels cannot hold \(pixels.count) colours")
        }
        self.width = width
        self.height = height
        self.pixels = pixels
    }

    /// An image of `width × height` pixels of `color` (sides already checked).
    init(width: Int, height: Int, filledWith color: Color) {
        self.width = width
        self.height = height
        pixels = Array(repeating: color, count: width * height)
    }

    /// The colour at column `x`, row `y` (0-based, from the top left).
    ///
    /// - Precondition: `0 <= x < width` and `0 <= y < height`.
    public subscript(x x: Int, y y: Int) -> Color {
        // Cannot fail from input: callers read pixels of an image they made, within its size (like an Array).
        precondition((0..<width).contains(x) && (0..<height).contains(y), "pixel (\(x), \(y)) outside a \(width)x\(height) image")
        return pixels[y * width + x]
    }

    /// How many pixels have exactly `color`.
    public func count(of color: Color) -> Int {
        pixels.reduce(0) { $0 + ($1 == color ? 1 : 0) }
    }

    /// The columns of row `y` that have exactly `color`, left to right.
    public func columns(of color: Color, inRow y: Int) -> [Int] {
        (0..<width).filter { self[x: $0, y: y] == color }
    }

    /// The pixels inside `rectangle` (cut to the image), as an image of their own.
    ///
    /// - Throws: ``ViewerError/invalidDrawing(_:)`` when nothing of the rectangle is on the image.
    public func cropped(to rectangle: PixelRectangle) throws -> PixelImage {
        let inside = rectangle.intersection(PixelRectangle(x: 0, y: 0, width: width, height: height))
        var cut: [Color] = []
        cut.reserveCapacity(max(0, inside.width * inside.height))
        for row in inside.y..<(inside.y + max(0, inside.height)) {
            cut.append(contentsOf: pixels[(row * width + inside.x)..<(row * width + inside.x + inside.width)])
        }
        return try PixelImage(width: inside.width, height: inside.height, pixels: cut)
    }

    // MARK: - Painting

    /// Paints `color` over the pixels of `row` from `firstColumn`, each with its `coverage`
    /// (0 ... 1) times the colour's alpha as opacity; the result stays opaque.
    mutating func blend(_ color: Color, row: Int, firstColumn: Int, coverage: ArraySlice<Double>) {
        let opacity = Double(color.alpha) / 255
        let (red, green, blue) = (Double(color.red), Double(color.green), Double(color.blue))
        var index = row * width + firstColumn
        for value in coverage {
            defer { index += 1 }
            let alpha = value * opacity
            if alpha <= 0 { continue }
            if alpha >= 1 {
                pixels[index] = Color(red: color.red, green: color.green, blue: color.blue)
                continue
            }
            let old = pixels[index]
            func mix(_ new: Double, _ previous: UInt8) -> UInt8 {
                UInt8((new * alpha + Double(previous) * (1 - alpha)).rounded())
            }
            pixels[index] = Color(red: mix(red, old.red), green: mix(green, old.green), blue: mix(blue, old.blue))
        }
    }

    /// Fills `rectangle` (already inside the image) with the opaque `color`.
    mutating func fill(_ rectangle: PixelRectangle, with color: Color) {
        let opaque = Color(red: color.red, green: color.green, blue: color.blue)
        for row in rectangle.y..<(rectangle.y + rectangle.height) {
            let start = row * width + rectangle.x
            for index in start..<(start + rectangle.width) { pixels[index] = opaque }
        }
    }

    // MARK: - Bytes

    /// The pixels as bytes, red, green, blue for each, row by row from the top.
    var rgbBytes: [UInt8] {
        var bytes: [UInt8] = []
        bytes.reserveCapacity(pixels.count * 3)
        for pixel in pixels { bytes.append(pixel.red); bytes.append(pixel.green); bytes.append(pixel.blue) }
        return bytes
    }

    /// The pixels as 32-bit words, alpha in the high byte, then red, green, blue (SDL's
    /// ARGB8888), row by row from the top.
    var argbWords: [UInt32] {
        pixels.map { 0xFF00_0000 | UInt32($0.red) << 16 | UInt32($0.green) << 8 | UInt32($0.blue) }
    }
}
