import RLCore

/// How tabular agents read an observation: as the index of a state of a finite space.
enum TabularState {
    /// The index of `observation` in `space`.
    ///
    /// - Throws: ``AgentError/doesNotFit(_:)`` when the observation is not an element of the
    ///   space (an environment that broke its contract).
    static func index<S: Space>(of observation: S.Element, in space: S) throws -> Int {
        guard let index = space.index(of: observation) else {
            throw AgentError.doesNotFit("the observation \(observation) is not a state of \(space)")
        }
        return index
    }
}
