import RLCore

/// Paints a ``Drawing`` into a ``PixelImage``: the one drawing routine that the window, the
/// offscreen canvas and the recorders share, so a recorded frame shows exactly what the window
/// shows.
///
/// Shapes are rasterized by ``ShapeRasterizer`` into coverage, and each shape's colour is
/// blended over what is already there with its coverage (times its alpha) as opacity: edges
/// are anti-aliased, and translucent colours show what lies below.
struct DrawingPainter {
    /// Buffers reused from shape to shape and frame to frame.
    private var scratch = ShapeRasterizer.Scratch()

    /// Paints `drawing` through `transform` into `area` of `image`: the area is cleared to the
    /// drawing's background, then its shapes are painted in order, cut to the area.
    ///
    /// - Throws: ``ViewerError/invalidDrawing(_:)`` for a shape with bad numbers (the shapes
    ///   are all checked before the first one is painted, so the image is left as it was).
    mutating func paint(_ drawing: Drawing, into image: inout PixelImage, area: PixelRectangle, transform: PictureTransform) throws {
        try Self.check(drawing.shapes)
        let rasterizer = ShapeRasterizer(canvasWidth: image.width, canvasHeight: image.height, transform: transform, clip: area)
        // A translucent background is shown over white.
        image.fill(rasterizer.clip, with: Self.over(drawing.background, .white))
        for shape in drawing.shapes {
            try paint(shape, into: &image, with: rasterizer)
        }
    }

    /// Paints one shape over what `image` holds.
    mutating func paint(_ shape: Drawing.Shape, into image: inout PixelImage, with rasterizer: ShapeRasterizer) throws {
        let color = shape.color
        try rasterizer.rasterize(shape, scratch: &scratch) { row, firstColumn, coverage in
            image.blend(color, row: row, firstColumn: firstColumn, coverage: coverage)
        }
    }

    /// Paints `text` with its top-left corner at `origin` (canvas pixels), `pixelSize` canvas
    /// pixels per font pixel, cut to `clip`.
    mutating func paintText(_ text: String, at origin: Point, pixelSize: Int, color: Color, into image: inout PixelImage,
                            clip: PixelRectangle) {
        let rasterizer = ShapeRasterizer(canvasWidth: image.width, canvasHeight: image.height, clip: clip)
        TextRaster(pixelSize: pixelSize).forEachPixelBlock(of: text, at: origin, within: rasterizer.clip) { block in
            rasterizer.fillCanvasRectangle(block, scratch: &scratch) { row, firstColumn, coverage in
                image.blend(color, row: row, firstColumn: firstColumn, coverage: coverage)
            }
        }
    }

    /// Throws for the first shape with bad numbers.
    private static func check(_ shapes: [Drawing.Shape]) throws {
        let probe = ShapeRasterizer(canvasWidth: 1, canvasHeight: 1)
        var scratch = ShapeRasterizer.Scratch()
        for shape in shapes {
            // A 1x1 canvas far from most shapes: cheap, and the checks come before any drawing.
            try probe.rasterize(shape, scratch: &scratch) { _, _, _ in }
        }
    }

    /// `color` over the opaque `below`.
    private static func over(_ color: Color, _ below: Color) -> Color {
        let alpha = Double(color.alpha) / 255
        func mix(_ new: UInt8, _ old: UInt8) -> UInt8 { UInt8((Double(new) * alpha + Double(old) * (1 - alpha)).rounded()) }
        return Color(red: mix(color.red, below.red), green: mix(color.green, below.green), blue: mix(color.blue, below.blue))
    }

    /// The longest canvas side the viewer accepts, in pixels.
    static let maximumCanvasSide = 16_384

    /// Checks that a canvas of `width` × `height` pixels can be drawn.
    ///
    /// - Throws: ``ViewerError/invalidDrawing(_:)`` for a side below 1 or above
    ///   ``maximumCanvasSide``.
    static func checkCanvas(width: Int, height: Int) throws {
        let sides = 1...maximumCanvasSide
        guard sides.contains(width), sides.contains(height) else {
            throw ViewerError.invalidDrawing(
                "canvas of \(width)x\(height) pixels; each side must be 1 to \(maximumCanvasSide)")
        }
    }
}

extension Drawing.Shape {
    /// The colour the shape is painted in.
    var color: Color {
        switch self {
        case .rectangle(_, let color, _), .polygon(_, let color), .circle(_, _, let color),
             .line(_, _, let color, _), .text(_, _, let color):
            color
        }
    }
}
