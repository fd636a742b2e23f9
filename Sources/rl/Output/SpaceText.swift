import RL

/// Spaces written briefly, for tables.
enum SpaceText {
    /// A finite space as it describes itself (`Discrete(16)`); a continuous one by its number
    /// of features (`Box(4)`), since its bounds do not fit in a table column.
    static func short(_ space: some Space) -> String {
        space.isFinite ? "\(space)" : "Box(\(space.flattenedCount))"
    }
}
