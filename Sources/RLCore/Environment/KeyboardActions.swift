/// The actions a person chooses among with the keyboard, by number `0 ..< count`: what
/// `rl play` and the viewer's play session map keys to.
///
/// - A finite action space gives every action, named by ``ActionNaming`` (`action 0`, … when
///   unnamed), with the letter keys and idle action of ``KeyboardPlayable``.
/// - A one-dimensional continuous space with finite bounds (Pendulum's torque in [-2, 2],
///   MountainCarContinuous's force in [-1, 1]) gives three fixed actions, as Gymnasium's `play`
///   utility maps keys to fixed actions: `Push left` = the lower bound, `No push` = 0 (clipped
///   into the bounds) and `Push right` = the upper bound. `No push` is the idle action, so in
///   real-time play nothing held means no force.
public struct KeyboardActions<Action> {
    /// The name of each action, for key hints.
    public let names: [String]
    /// A letter key per action, or `nil` (as many entries as actions).
    public let letters: [Character?]
    /// The action real-time play plays while no key is held, or `nil` to repeat the last one.
    public let idleAction: Int?
    /// The actions, by number.
    public let actions: [Action]

    /// The number of actions.
    public var count: Int { actions.count }

    /// The keyboard's actions for `environment`, or `nil` when its action space is neither
    /// finite nor a bounded one-dimensional box (nothing a few keys could reach).
    public init?<Played: Environment>(for environment: Played) where Played.Action == Action {
        let space = environment.actionSpace
        if let count = space.elementCount {
            let actions = (0..<count).compactMap { space.element(atIndex: $0) }
            guard count >= 1, actions.count == count else { return nil }
            let given = (environment as? any ActionNaming)?.actionNames
            let playable = environment as? any KeyboardPlayable
            let letters = playable?.actionKeys ?? []
            self.actions = actions
            names = given.flatMap { $0.count == count ? $0 : nil } ?? (0..<count).map { "action \($0)" }
            self.letters = letters.count == count ? letters : Array(repeating: nil, count: count)
            idleAction = playable?.idleAction.flatMap { (0..<count).contains($0) ? $0 : nil }
            return
        }
        guard let continuous = space as? any ContinuousSpace, continuous.flattenedCount == 1,
              let low = continuous.low.first, let high = continuous.high.first, low.isFinite, high.isFinite else {
            return nil
        }
        let values = [low, Swift.min(Swift.max(0, low), high), high]
        let actions = values.compactMap { space.unflatten([$0]) }
        guard actions.count == 3 else { return nil }
        self.actions = actions
        names = ["Push left (\(low))", "No push (\(values[1]))", "Push right (\(high))"]
        letters = [nil, nil, nil]
        idleAction = 1
    }

    /// The action numbered `index`, or `nil` outside `0 ..< count`.
    public func action(_ index: Int) -> Action? {
        actions.indices.contains(index) ? actions[index] : nil
    }
}
