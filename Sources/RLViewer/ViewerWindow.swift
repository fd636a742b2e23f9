import CSDL2
import RLCore

/// A window that shows ``Drawing``s with SDL's renderer, sized to the drawing's canvas.
///
/// ```swift
/// let window = try ViewerWindow(title: "CartPole-v1", width: 600, height: 400)
/// try window.show(environment.drawing(), caption: "CartPole-v1 · step 1")
/// let events = window.waitForEvents(until: .now + .milliseconds(20))
/// ```
///
/// What the caller must know:
///
/// - Make windows on the main thread and use each one from the thread that made it (SDL's
///   rule; on macOS a requirement of the system).
/// - Opening one throws ``ViewerError/noDisplay(_:)`` when there is no display (see
///   ``VideoSubsystem/missingDisplayReason(environment:)``), never falls back silently.
/// - The window closes when the object goes away.
/// - Waiting blocks in SDL (`SDL_WaitEventTimeout`): the process sleeps until input or the
///   deadline, it does not poll in a loop.
public final class ViewerWindow: FrameDestination {
    private let window: OpaquePointer
    private let renderer: OpaquePointer
    /// The last drawing shown, painted again when the window system asks for it.
    private var lastDrawing: Drawing?
    private var currentTitle: String

    public var isRealTime: Bool { true }

    /// Opens a window of `width × height` pixels.
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
        guard let window = SDL_CreateWindow(title, centered, centered, Int32(width), Int32(height), SDL_WINDOW_SHOWN.rawValue) else {
            let error = ViewerError.sdl("SDL_CreateWindow")
            VideoSubsystem.stop()
            throw error
        }
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

    deinit {
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

    /// The window's drawable size in pixels.
    public var size: (width: Int, height: Int) {
        var width: Int32 = 0, height: Int32 = 0
        SDL_GetWindowSize(window, &width, &height)
        return (Int(width), Int(height))
    }

    /// Draws `drawing` and shows it, resizing the window first when the canvas size changed.
    ///
    /// - Throws: ``ViewerError/invalidDrawing(_:)`` for a bad canvas or shape (the window
    ///   keeps its previous frame), ``ViewerError/sdlFailure(function:message:)`` when the
    ///   renderer fails.
    public func show(_ drawing: Drawing) throws {
        try DrawingPainter.checkCanvas(width: drawing.width, height: drawing.height)
        if size != (drawing.width, drawing.height) {
            SDL_SetWindowSize(window, Int32(drawing.width), Int32(drawing.height))
        }
        try DrawingPainter.paint(drawing, with: renderer)
        SDL_RenderPresent(renderer)
        lastDrawing = drawing
    }

    /// Shows `drawing` with `caption` as the window's title.
    public func show(_ drawing: Drawing, caption: String) throws {
        title = caption
        try show(drawing)
    }

    /// The pixels of the frame last drawn.
    ///
    /// - Throws: ``ViewerError/sdlFailure(function:message:)`` when the renderer cannot read
    ///   them back.
    public func image() throws -> PixelImage {
        guard let lastDrawing else { throw ViewerError.invalidDrawing("nothing has been shown in the window yet") }
        // The back buffer is undefined after presenting, so paint the frame again to read it.
        try DrawingPainter.paint(lastDrawing, with: renderer)
        let (width, height) = size
        return try PixelImage(reading: renderer, width: width, height: height)
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
        if SDL_EventType(event.type) == SDL_WINDOWEVENT,
           SDL_WindowEventID(UInt32(event.window.event)) == SDL_WINDOWEVENT_EXPOSED,
           let lastDrawing {
            // Covered and uncovered, or restored: the window system lost the picture.
            try? show(lastDrawing)
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
