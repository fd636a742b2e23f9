import CSDL2
import RLCore

/// A picture read back from a renderer: `width × height` colours, row by row from the top.
///
/// ``OffscreenCanvas/image()`` and ``ViewerWindow/image()`` make one; tests check pixels with
/// ``subscript(x:y:)``, and ``saveBMP(to:)`` writes it as a file.
public struct PixelImage: Equatable, Sendable {
    /// The width in pixels.
    public let width: Int
    /// The height in pixels.
    public let height: Int
    /// The colours, row by row from the top, each row left to right.
    public let pixels: [Color]

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

    // MARK: - SDL

    /// The format pixels travel in between SDL and this type: one 32-bit word per pixel,
    /// alpha in the high byte, then red, green, blue.
    static let transferFormat = SDL_PIXELFORMAT_ARGB8888.rawValue

    /// Reads the whole `width × height` target of `renderer`.
    ///
    /// - Throws: ``ViewerError/sdlFailure(function:message:)`` when SDL cannot read it.
    init(reading renderer: OpaquePointer, width: Int, height: Int) throws {
        var words = [UInt32](repeating: 0, count: width * height)
        let result = words.withUnsafeMutableBytes { buffer in
            SDL_RenderReadPixels(renderer, nil, Self.transferFormat, buffer.baseAddress, Int32(width * 4))
        }
        guard result == 0 else { throw ViewerError.sdl("SDL_RenderReadPixels") }
        try self.init(width: width, height: height, pixels: words.map { word in
            Color(red: UInt8(truncatingIfNeeded: word >> 16), green: UInt8(truncatingIfNeeded: word >> 8),
                  blue: UInt8(truncatingIfNeeded: word), alpha: UInt8(truncatingIfNeeded: word >> 24))
        })
    }

    /// The pixels as 32-bit words in ``transferFormat``.
    var transferWords: [UInt32] {
        pixels.map { UInt32($0.alpha) << 24 | UInt32($0.red) << 16 | UInt32($0.green) << 8 | UInt32($0.blue) }
    }
}
