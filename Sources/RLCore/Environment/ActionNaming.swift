/// An environment that can name its discrete actions, for people: key hints in `rl play`,
/// labels in the viewer, the last action in text renderings.
///
/// FrozenLake names its actions `Left`, `Down`, `Right`, `Up`; CartPole `Push left`,
/// `Push right`. The wrappers of this module pass the names through.
public protocol ActionNaming {
    /// The name of each action, indexed by the action's position in the action space.
    var actionNames: [String] { get }
}

extension TimeLimit: ActionNaming where Wrapped: ActionNaming {
    public var actionNames: [String] { wrapped.actionNames }
}

extension EpisodeStatistics: ActionNaming where Wrapped: ActionNaming {
    public var actionNames: [String] { wrapped.actionNames }
}

extension OneHotObservation: ActionNaming where Wrapped: ActionNaming {
    public var actionNames: [String] { wrapped.actionNames }
}
