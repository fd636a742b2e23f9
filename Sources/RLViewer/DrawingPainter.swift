import CSDL2
import RLCore

/// Paints a ``Drawing`` with any SDL renderer: a window's, or the software renderer of an
/// ``OffscreenCanvas``. This is the one drawing routine both paths share, so a recorded frame
/// shows exactly what the window shows.
///
/// Shapes are rasterized by ``ShapeRasterizer`` into whole-pixel blocks that the renderer
/// fills; colours with an alpha below 255 are blended over what is already there.
enum DrawingPainter {
    /// Clears the renderer's target to the drawing's background and paints its shapes in order.
    ///
    /// The caller presents the result (windows) or reads it back (canvases).
    ///
    /// - Throws: ``ViewerError/invalidDrawing(_:)`` for a shape with bad numbers (nothing is
    ///   painted then: the shapes are all checked before the first one is drawn), and
    ///   ``ViewerError/sdlFailure(function:message:)`` when the renderer refuses a call.
    static func paint(_ drawing: Drawing, with renderer: OpaquePointer) throws {
        let rasterizer = ShapeRasterizer(canvasWidth: drawing.width, canvasHeight: drawing.height)
        let painted = try drawing.shapes.map { shape in (color: shape.color, blocks: try rasterizer.blocks(for: shape)) }

        try check(SDL_SetRenderDrawBlendMode(renderer, SDL_BLENDMODE_BLEND), "SDL_SetRenderDrawBlendMode")
        try setColor(drawing.background, on: renderer)
        try check(SDL_RenderClear(renderer), "SDL_RenderClear")
        var rectangles: [SDL_Rect] = []
        for (color, blocks) in painted where !blocks.isEmpty {
            try setColor(color, on: renderer)
            rectangles.removeAll(keepingCapacity: true)
            rectangles.append(contentsOf: blocks.map { SDL_Rect(x: Int32($0.x), y: Int32($0.y), w: Int32($0.width), h: Int32($0.height)) })
            try check(SDL_RenderFillRects(renderer, rectangles, Int32(rectangles.count)), "SDL_RenderFillRects")
        }
    }

    /// The longest canvas side the viewer accepts, in pixels (SDL's software renderer and
    /// most GPUs handle textures up to this size).
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

    private static func setColor(_ color: Color, on renderer: OpaquePointer) throws {
        try check(SDL_SetRenderDrawColor(renderer, color.red, color.green, color.blue, color.alpha), "SDL_SetRenderDrawColor")
    }

    private static func check(_ result: Int32, _ function: String) throws {
        if result != 0 { throw ViewerError.sdl(function) }
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
