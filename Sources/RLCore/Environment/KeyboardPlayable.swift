/// An environment that says how a person plays it from the keyboard, beyond the arrow keys
/// and digits its action names already give (see ``ActionNaming`` and ``KeyboardActions``).
///
/// Taxi puts pickup and dropoff on `p` and `o`; Blackjack puts stick and hit on `s` and `h`;
/// Acrobot and MountainCar name their "no push" action, which real-time play (`rl play` in a
/// window) plays while no key is held, as Gymnasium's `play` utility does with its no-op.
/// The wrappers of this module pass both through.
public protocol KeyboardPlayable {
    /// A lower-case letter key for each action, in action order, or `nil` for actions reached
    /// by arrows and digits only. Letters the players keep for themselves (`q` quits, `r`
    /// restarts) and the direction letters of environments with direction actions (`w`, `a`,
    /// `s`, `d`, `h`, `j`, `k`, `l`) should not be used.
    var actionKeys: [Character?] { get }

    /// The action played while no key is held in real-time play, or `nil` to keep playing the
    /// last key pressed (CartPole, which has no "nothing" action).
    var idleAction: Int? { get }
}

extension KeyboardPlayable {
    public var actionKeys: [Character?] { [] }
    public var idleAction: Int? { nil }
}

extension TimeLimit: KeyboardPlayable where Wrapped: KeyboardPlayable {
    public var actionKeys: [Character?] { wrapped.actionKeys }
    public var idleAction: Int? { wrapped.idleAction }
}

extension EpisodeStatistics: KeyboardPlayable where Wrapped: KeyboardPlayable {
    public var actionKeys: [Character?] { wrapped.actionKeys }
    public var idleAction: Int? { wrapped.idleAction }
}

extension OneHotObservation: KeyboardPlayable where Wrapped: KeyboardPlayable {
    public var actionKeys: [Character?] { wrapped.actionKeys }
    public var idleAction: Int? { wrapped.idleAction }
}
