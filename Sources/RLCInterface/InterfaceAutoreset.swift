import RLCore

/// When a vector made through the C interface resets copies whose episode ended: Gymnasium's
/// three `AutoresetMode`s, numbered as `swiftrl_vector_create` takes them.
enum InterfaceAutoreset: Int32 {
    /// The step after an episode ended resets that copy (``AutoresetMode/nextStep``;
    /// Gymnasium's `NEXT_STEP`, its default).
    case nextStep = 0
    /// The step that ends an episode resets the copy at once and keeps the last observation
    /// apart (``AutoresetMode/sameStep``; Gymnasium's `SAME_STEP`, SB3's).
    case sameStep = 1
    /// Copies are never reset automatically: once a copy's episode ended, `step` is refused
    /// until the next `reset` (Gymnasium's `DISABLED`; what a single environment does).
    case disabled = 2

    /// The vector's own mode: disabled runs on next-step, whose reset step is never reached.
    var vectorMode: AutoresetMode { self == .sameStep ? .sameStep : .nextStep }

    /// The name in descriptions.
    var name: String {
        switch self {
        case .nextStep: "next-step"
        case .sameStep: "same-step"
        case .disabled: "disabled"
        }
    }
}
