import CSDL2

/// An error from the viewer: no display, a drawing it cannot draw, SDL refusing a request, or
/// a frame that cannot be written.
///
/// The description is one line meant for the person at the keyboard: the `rl` command prints
/// it as it is.
public enum ViewerError: Error, Equatable, CustomStringConvertible {
    /// No window can be opened: there is no display to open it on (the reason says why).
    case noDisplay(String)
    /// The drawing cannot be drawn: a canvas size out of range, or a shape with a coordinate
    /// that is not a finite number or a negative radius or width.
    case invalidDrawing(String)
    /// An SDL call failed; `function` is the SDL function, `message` SDL's own error text.
    case sdlFailure(function: String, message: String)
    /// A frame could not be written to `path`.
    case cannotWriteImage(path: String, reason: String)
    /// The environment cannot be played or watched the way it was asked (for example, its
    /// actions are not a finite set that keys could choose from).
    case unsupportedEnvironment(String)

    public var description: String {
        switch self {
        case .noDisplay(let reason):
            "no display for a window: \(reason)"
        case .invalidDrawing(let reason):
            "cannot draw the picture: \(reason)"
        case .sdlFailure(let function, let message):
            "SDL: \(function) failed: \(message.isEmpty ? "no reason given" : message)"
        case .cannotWriteImage(let path, let reason):
            "cannot write the image \(path): \(reason)"
        case .unsupportedEnvironment(let reason):
            reason
        }
    }

    /// The failure of the SDL call `function`, with SDL's last error message (which SDL keeps
    /// per thread, so it belongs to the call just made on this thread).
    static func sdl(_ function: String) -> ViewerError {
        .sdlFailure(function: function, message: String(cString: SDL_GetError()))
    }
}
