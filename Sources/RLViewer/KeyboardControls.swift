/// Which key plays which action when a person plays: the arrow keys (and W, A, S, D) for
/// actions named after a direction, and the digit keys for action numbers.
///
/// Directions come from the environment's action names (`ActionNaming`): an action whose name
/// has the word `left` (`Left`, `Push left`) gets ← and A, `right` → and D, `up` ↑ and W,
/// `down` ↓ and S. FrozenLake, CliffWalking and grid worlds get all four arrows; CartPole ← and
/// →. Digits `0`–`9` choose actions 0 to 9 by number in any environment, named or not.
public struct KeyboardControls: Equatable, Sendable {
    /// The action each key plays.
    public let actionsByKey: [ViewerKey: Int]
    /// The action names, for hints (`nil` when the environment does not name its actions).
    public let actionNames: [String]?

    /// Maps keys to `actionCount` actions named `actionNames` (when given).
    public init(actionCount: Int, actionNames: [String]?) {
        var actionsByKey: [ViewerKey: Int] = [:]
        let directions: [(word: String, keys: [ViewerKey])] = [
            ("left", [.left, .letter("a")]), ("right", [.right, .letter("d")]),
            ("up", [.up, .letter("w")]), ("down", [.down, .letter("s")]),
        ]
        for (action, name) in (actionNames ?? []).prefix(actionCount).enumerated() {
            let words = Set(name.lowercased().split { !$0.isLetter }.map(String.init))
            for direction in directions where words.contains(direction.word) {
                // The first action named after a direction keeps its keys.
                for key in direction.keys where actionsByKey[key] == nil { actionsByKey[key] = action }
            }
        }
        for action in 0..<min(actionCount, 10) {
            actionsByKey[.digit(action)] = action
        }
        self.actionsByKey = actionsByKey
        self.actionNames = actionNames
    }

    /// The action `key` plays, or `nil`.
    public func action(for key: ViewerKey) -> Int? {
        actionsByKey[key]
    }

    /// A one-line key guide: `← Left, ↓ Down, → Right, ↑ Up` (or `0 … 3` by number when no
    /// action is named after a direction).
    public var hint: String {
        let arrows: [(ViewerKey, String)] = [(.left, "←"), (.down, "↓"), (.right, "→"), (.up, "↑")]
        let named = arrows.compactMap { key, symbol in
            action(for: key).map { (action: $0, text: "\(symbol) \(actionNames?[$0] ?? "action \($0)")") }
        }
        if !named.isEmpty {
            return named.sorted { $0.action < $1.action }.map(\.text).joined(separator: ", ")
        }
        let digits = actionsByKey.keys.compactMap { key -> Int? in
            if case .digit(let digit) = key { return digit }
            return nil
        }.sorted()
        return digits.isEmpty ? "no keys" : "keys \(digits.map(String.init).joined(separator: " ")) choose the action by number"
    }
}
