import CSDL2

/// Something the person at a window did, as the viewer's loops see it.
public enum ViewerEvent: Equatable, Sendable {
    /// The window was closed (or the process was interrupted with Ctrl+C).
    case quit
    /// A key went down. Keyboard auto-repeat is left out: holding a key gives one event.
    case keyDown(ViewerKey)
    /// A key came up.
    case keyUp(ViewerKey)

    /// The event for an SDL event, or `nil` for events the viewer ignores.
    init?(_ event: SDL_Event) {
        switch SDL_EventType(event.type) {
        case SDL_QUIT:
            self = .quit
        case SDL_WINDOWEVENT where SDL_WindowEventID(UInt32(event.window.event)) == SDL_WINDOWEVENT_CLOSE:
            self = .quit
        case SDL_KEYDOWN where event.key.repeat == 0:
            guard let key = ViewerKey(keycode: event.key.keysym.sym) else { return nil }
            self = .keyDown(key)
        case SDL_KEYUP:
            guard let key = ViewerKey(keycode: event.key.keysym.sym) else { return nil }
            self = .keyUp(key)
        default:
            return nil
        }
    }
}

extension ViewerEvent {
    /// Whether the event asks to stop: the window closed, or `q` or Escape pressed.
    public var isQuitRequest: Bool {
        switch self {
        case .quit, .keyDown(.escape), .keyDown(.letter("q")): true
        default: false
        }
    }
}
