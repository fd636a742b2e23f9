import CSDL2
import RLCore

/// Draws pictures into memory with SDL's software renderer, without a window or a display:
/// for recording frames (`rl watch --record`) and for tests.
///
/// ```swift
/// let canvas = OffscreenCanvas()
/// try canvas.render(environment.drawing())
/// let image = try canvas.image()        // check pixels
/// try image.saveBMP(to: "frame.bmp")     // or save the frame
/// ```
///
/// It needs no SDL video subsystem, so it works on a machine with no display at all. Each
/// canvas has its own surface and renderer, so canvases on different threads do not meet; one
/// canvas is used from one thread at a time.
public final class OffscreenCanvas {
    /// The SDL surface the renderer draws into, and the renderer; both are remade when a
    /// drawing of another size comes.
    private var surface: UnsafeMutablePointer<SDL_Surface>?
    private var renderer: OpaquePointer?
    /// The width of the last drawing rendered, in pixels (0 before the first).
    public private(set) var width = 0
    /// The height of the last drawing rendered, in pixels (0 before the first).
    public private(set) var height = 0

    /// Makes an empty canvas; it takes the size of each drawing rendered on it.
    public init() {}

    deinit {
        releaseTarget()
    }

    /// Draws `drawing` on a canvas of its size, replacing what was there.
    ///
    /// - Throws: ``ViewerError/invalidDrawing(_:)`` for a bad canvas size or shape and
    ///   ``ViewerError/sdlFailure(function:message:)`` when SDL cannot make the surface.
    public func render(_ drawing: Drawing) throws {
        try DrawingPainter.checkCanvas(width: drawing.width, height: drawing.height)
        if drawing.width != width || drawing.height != height || renderer == nil {
            try makeTarget(width: drawing.width, height: drawing.height)
        }
        // Cannot fail: makeTarget sets the renderer or throws.
        try DrawingPainter.paint(drawing, with: renderer!)
    }

    /// The pixels of the last drawing rendered.
    ///
    /// - Throws: ``ViewerError/invalidDrawing(_:)`` before anything was rendered, and
    ///   ``ViewerError/sdlFailure(function:message:)`` when SDL cannot read the pixels.
    public func image() throws -> PixelImage {
        guard let renderer else { throw ViewerError.invalidDrawing("nothing has been rendered on the canvas yet") }
        return try PixelImage(reading: renderer, width: width, height: height)
    }

    // MARK: - The SDL target

    private func makeTarget(width: Int, height: Int) throws {
        releaseTarget()
        guard let newSurface = SDL_CreateRGBSurfaceWithFormat(0, Int32(width), Int32(height), 32, PixelImage.transferFormat) else {
            throw ViewerError.sdl("SDL_CreateRGBSurfaceWithFormat")
        }
        guard let newRenderer = SDL_CreateSoftwareRenderer(newSurface) else {
            let error = ViewerError.sdl("SDL_CreateSoftwareRenderer")
            SDL_FreeSurface(newSurface)
            throw error
        }
        surface = newSurface
        renderer = newRenderer
        self.width = width
        self.height = height
    }

    private func releaseTarget() {
        // The renderer first: it draws into the surface.
        if let renderer { SDL_DestroyRenderer(renderer) }
        if let surface { SDL_FreeSurface(surface) }
        renderer = nil
        surface = nil
        width = 0
        height = 0
    }
}
