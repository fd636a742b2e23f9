import CSDL2

/// A key the viewer reacts to, independent of SDL.
///
/// Letters are lowercase whatever the Shift state; `plus` is also the `=` key (where `+` is
/// on US keyboards) and the keypad's `+`; `minus` also the keypad's `-`.
public enum ViewerKey: Hashable, Sendable {
    case space
    case escape
    case enter
    case left
    case right
    case up
    case down
    case plus
    case minus
    /// A letter `a`–`z`.
    case letter(Character)
    /// A digit `0`–`9`, from the main row or the keypad.
    case digit(Int)

    /// The key for an SDL key code, or `nil` for keys the viewer ignores.
    init?(keycode: SDL_Keycode) {
        let code = UInt32(bitPattern: keycode)
        switch code {
        case SDLK_SPACE.rawValue: self = .space
        case SDLK_ESCAPE.rawValue: self = .escape
        case SDLK_RETURN.rawValue, SDLK_KP_ENTER.rawValue: self = .enter
        case SDLK_LEFT.rawValue: self = .left
        case SDLK_RIGHT.rawValue: self = .right
        case SDLK_UP.rawValue: self = .up
        case SDLK_DOWN.rawValue: self = .down
        case SDLK_PLUS.rawValue, SDLK_EQUALS.rawValue, SDLK_KP_PLUS.rawValue: self = .plus
        case SDLK_MINUS.rawValue, SDLK_KP_MINUS.rawValue: self = .minus
        case SDLK_a.rawValue...SDLK_z.rawValue:
            self = .letter(Character(Unicode.Scalar(UInt8(code))))
        case SDLK_0.rawValue...SDLK_9.rawValue:
            self = .digit(Int(code - SDLK_0.rawValue))
        case SDLK_KP_1.rawValue...SDLK_KP_9.rawValue:
            // SDL numbers the keypad 1 to 9, then 0.
            self = .digit(Int(code - SDLK_KP_1.rawValue) + 1)
        case SDLK_KP_0.rawValue: self = .digit(0)
        default: return nil
        }
    }
}
