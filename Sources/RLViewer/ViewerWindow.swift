import CSDL2
import RLCore

/// A resizable window that shows viewer frames: the picture scaled to fit, with the status
/// bar below it (``FrameLayout``).
///
/// ```swift
/// let layout = try FrameLayout(drawingWidth: 600, drawingHeight: 400, scale: 1)
/// let window = try ViewerWindow(title: "CartPole-v1", width: layout.width, height: layout.height)
/// try window.show(environment.drawing(), status: status)
/// let events = window.waitForEvents(until: .now + .milliseconds(20))
/// ```
///
/// What the caller must know:
///
/// - Make windows on the main thread and use each one from the thread that made it (SDL's
///   rule; on macOS a requirement of the system).
/// - Opening one throws ``ViewerError/noDisplay(_:)`` when there is no display (see
///   ``VideoSubsystem/missingDisplayReason(environment:)``), never falls back silently.
/// - The person may resize the window; the frame is laid out again for the new size at once,
///   the picture drawn sharp at its new scale. Frames are painted in Swift (as the offscreen
///   canvas paints them) and copied to the window one to one, so a window of a recording's size
///   shows exactly the recorded pixels.
/// - The window closes when the object goes away.
/// - Waiting blocks in SDL (`SDL_WaitEventTimeout`): the process sleeps until input or the
///   deadline, it does not poll in a loop.
public final class ViewerWindow: FrameDestination {
    private let window: OpaquePointer
    private let renderer: OpaquePointer
    /// The streaming texture frames are copied into, remade when the window's size changes.
    private var texture: OpaquePointer?
    private var textureSize = (width: 0, height: 0)
    private var painter = FramePainter()
    /// The last frame shown, painted again when the window changes size or is uncovered.
    private var lastFrame: (drawing: Drawing, status: ViewerStatus?)?
    private var currentTitle: String

    public var isRealTime: Bool { true }

    /// Opens a resizable window of `width × height` pixels, or smaller with the same
    /// proportions when the display is smaller.
    ///
    /// - Parameters:
    ///   - title: the window's title.
    ///   - videoDriver: an SDL video driver to use instead of the display's (`"dummy"` makes
    ///     an invisible window that still draws, for tests); `nil` for a real window.
    /// - Throws: ``ViewerError/noDisplay(_:)`` without a display,
    ///   ``ViewerError/invalidDrawing(_:)`` for a bad size, and
    ///   ``ViewerError/sdlFailure(function:message:)`` when SDL cannot make the window.
    public init(title: String, width: Int, height: Int, videoDriver: String? = nil) throws {
        try DrawingPainter.checkCanvas(width: width, height: height)
        try VideoSubsystem.start(driver: videoDriver)
        // SDL_WINDOWPOS_CENTERED is a C macro Swift cannot see; this is its value.
        let centered = Int32(bitPattern: 0x2FFF_0000)
        let flags = SDL_WINDOW_SHOWN.rawValue | SDL_WINDOW_RESIZABLE.rawValue
        let (fittedWidth, fittedHeight) = Self.fitted(width: width, height: height)
        guard let window = SDL_CreateWindow(title, centered, centered, Int32(fittedWidth), Int32(fittedHeight), flags) else {
            let error = ViewerError.sdl("SDL_CreateWindow")
            VideoSubsystem.stop()
            throw error
        }
        SDL_SetWindowMinimumSize(window, Int32(FrameLayout.minimumSide), Int32(FrameLayout.minimumSide))
        // Any renderer SDL offers (a GPU one where there is one), else its software renderer.
        guard let renderer = SDL_CreateRenderer(window, -1, 0)
            ?? SDL_CreateRenderer(window, -1, SDL_RENDERER_SOFTWARE.rawValue) else {
            let error = ViewerError.sdl("SDL_CreateRenderer")
            SDL_DestroyWindow(window)
            VideoSubsystem.stop()
            throw error
        }
        self.window = window
        self.renderer = renderer
        self.currentTitle = title
    }

    /// `width × height` shrunk, keeping its proportions, to fit the first display's usable area
    /// (without the task bars) when it is larger; as it is when SDL does not know the area.
    private static func fitted(width: Int, height: Int) -> (Int, Int) {
        var bounds = SDL_Rect()
        guard SDL_GetDisplayUsableBounds(0, &bounds) == 0, bounds.w > 0, bounds.h > 0 else { return (width, height) }
        let factor = min(1, Double(bounds.w) / Double(width), Double(bounds.h) / Double(height))
        return (max(FrameLayout.minimumSide, Int(Double(width) * factor)), max(FrameLayout.minimumSide, Int(Double(height) * factor)))
    }

    deinit {
        if let texture { SDL_DestroyTexture(texture) }
        SDL_DestroyRenderer(renderer)
        SDL_DestroyWindow(window)
        VideoSubsystem.stop()
    }

    /// The window's title.
    public var title: String {
        get { currentTitle }
        set {
            guard newValue != currentTitle else { return }
            currentTitle = newValue
            SDL_SetWindowTitle(window, newValue)
        }
    }

    /// The window's drawable size in pixels (the frame's size).
    public var size: (width: Int, height: Int) {
        var width: Int32 = 0, height: Int32 = 0
        if SDL_GetRendererOutputSize(renderer, &width, &height) != 0 { SDL_GetWindowSize(window, &width, &height) }
        return (Int(width), Int(height))
    }

    /// Resizes the window to `width × height` pixels, as if the person had.
    public func resize(width: Int, height: Int) throws {
        try DrawingPainter.checkCanvas(width: width, height: height)
        SDL_SetWindowSize(window, Int32(width), Int32(height))
        if let lastFrame { try present(lastFrame.drawing, status: lastFrame.status) }
    }

    /// Shows `drawing` with `status` in the status bar, and the status's short form as the
    /// window's title.
    ///
    /// - Throws: ``ViewerError/invalidDrawing(_:)`` for a bad canvas or shape (the window
    ///   keeps its previous frame), ``ViewerError/sdlFailure(function:message:)`` when the
    ///   renderer fails.
    public func show(_ drawing: Drawing, status: ViewerStatus) throws {
        title = status.windowTitle
        try present(drawing, status: status)
    }

    /// Shows `drawing` alone, scaled to fit the window, without a status bar.
    public func show(_ drawing: Drawing) throws {
        try present(drawing, status: nil)
    }

    /// The pixels of the frame last shown, read back from the window's renderer.
    ///
    /// - Throws: ``ViewerError/sdlFailure(function:message:)`` when the renderer cannot read
    ///   them back.
    public func image() throws -> PixelImage {
        guard let texture, lastFrame != nil else { throw ViewerError.invalidDrawing("nothing has been shown in the window yet") }
        // The back buffer is undefined after presenting, so copy the frame again to read it.
        guard SDL_RenderCopy(renderer, texture, nil, nil) == 0 else { throw ViewerError.sdl("SDL_RenderCopy") }
        let (width, height) = textureSize
        var words = [UInt32](repeating: 0, count: width * height)
        let result = words.withUnsafeMutableBytes { buffer in
            SDL_RenderReadPixels(renderer, nil, SDL_PIXELFORMAT_ARGB8888.rawValue, buffer.baseAddress, Int32(width * 4))
        }
        guard result == 0 else { throw ViewerError.sdl("SDL_RenderReadPixels") }
        return try PixelImage(width: width, height: height, pixels: words.map { word in
            Color(red: UInt8(truncatingIfNeeded: word >> 16), green: UInt8(truncatingIfNeeded: word >> 8),
                  blue: UInt8(truncatingIfNeeded: word))
        })
    }

    /// Lays the frame out for the window's size, paints it, and copies it to the window.
    private func present(_ drawing: Drawing, status: ViewerStatus?) throws {
        let (width, height) = size
        let layout = try FrameLayout(width: width, height: height, drawingWidth: drawing.width, drawingHeight: drawing.height,
                                     showsStatusBar: status != nil)
        let image = try painter.paint(drawing, status: status, layout: layout)
        let texture = try self.texture(width: width, height: height)
        let words = image.argbWords
        let updated = words.withUnsafeBytes { buffer in
            SDL_UpdateTexture(texture, nil, buffer.baseAddress, Int32(width * 4))
        }
        guard updated == 0 else { throw ViewerError.sdl("SDL_UpdateTexture") }
        guard SDL_RenderCopy(renderer, texture, nil, nil) == 0 else { throw ViewerError.sdl("SDL_RenderCopy") }
        SDL_RenderPresent(renderer)
        lastFrame = (drawing, status)
    }

    /// The texture for frames of `width × height`, made (again) when the size changed.
    private func texture(width: Int, height: Int) throws -> OpaquePointer {
        if let texture, textureSize == (width, height) { return texture }
        if let texture { SDL_DestroyTexture(texture) }
        texture = nil
        guard let made = SDL_CreateTexture(renderer, SDL_PIXELFORMAT_ARGB8888.rawValue,
                                           Int32(SDL_TEXTUREACCESS_STREAMING.rawValue), Int32(width), Int32(height)) else {
            throw ViewerError.sdl("SDL_CreateTexture")
        }
        // Frames are opaque: copied as they are, never blended with what was there.
        SDL_SetTextureBlendMode(made, SDL_BLENDMODE_NONE)
        texture = made
        textureSize = (width, height)
        return made
    }

    public func waitForEvents(until deadline: ContinuousClock.Instant?) -> [ViewerEvent] {
        var events: [ViewerEvent] = []
        var event = SDL_Event()
        while true {
            let timeout = Self.milliseconds(until: deadline)
            // Blocks until something arrives or the time is up (0 only polls).
            guard SDL_WaitEventTimeout(&event, timeout) == 1 else {
                // SDL's millisecond timer can end the wait a little before the deadline; wait on
                // until it has really passed, so frames are never shown early.
                guard let deadline, ContinuousClock.now >= deadline else { continue }
                break
            }
            handle(event, into: &events)
            // Take whatever else is already queued without waiting.
            while SDL_PollEvent(&event) == 1 { handle(event, into: &events) }
            if !events.isEmpty { break }
        }
        return events
    }

    // MARK: - Events

    private func handle(_ event: SDL_Event, into events: inout [ViewerEvent]) {
        if SDL_EventType(event.type) == SDL_WINDOWEVENT, let lastFrame {
            switch SDL_WindowEventID(UInt32(event.window.event)) {
            case SDL_WINDOWEVENT_EXPOSED, SDL_WINDOWEVENT_SIZE_CHANGED:
                // Resized, or covered and uncovered: lay the frame out again and show it.
                try? present(lastFrame.drawing, status: lastFrame.status)
            default:
                break
            }
        }
        if let viewerEvent = ViewerEvent(event) { events.append(viewerEvent) }
    }

    /// The wait for `SDL_WaitEventTimeout`: the time to `deadline` rounded up to whole
    /// milliseconds (so a frame is never shown early), 0 once it passed, and a quarter of a
    /// second at a time when there is no deadline (the caller loops until input comes).
    private static func milliseconds(until deadline: ContinuousClock.Instant?) -> Int32 {
        guard let deadline else { return 250 }
        let remaining = ContinuousClock.now.duration(to: deadline)
        guard remaining > .zero else { return 0 }
        let (seconds, attoseconds) = remaining.components
        let milliseconds = seconds * 1000 + (attoseconds + 999_999_999_999_999) / 1_000_000_000_000_000
        return Int32(min(milliseconds, 60_000))
    }
}
