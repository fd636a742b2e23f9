/// Which key plays which action when a person plays: the arrow keys (and W, A, S, D) for
/// actions named after a direction, letter keys the environment gives, and the digit keys for
/// action numbers.
///
/// Directions come from the environment's action names (`ActionNaming`): an action whose name
/// has the word `left` or `west` (`Left`, `Push left`, Taxi's `West`) gets ← and A, `right` or
/// `east` → and D, `up` or `north` ↑ and W, `down` or `south` ↓ and S. FrozenLake, CliffWalking,
/// grid worlds and Taxi get all four arrows; CartPole, Acrobot, MountainCar and the continuous
/// tasks ← and →. Letters (`KeyboardPlayable`: Taxi's `p` and `o`, Blackjack's `s` and `h`) win
/// over a direction's letter. Digits `0`–`9` choose actions 0 to 9 by number in any
/// environment, named or not.
public struct KeyboardControls: Equatable, Sendable {
    /// The action each key plays.
    public let actionsByKey: [ViewerKey: Int]
    /// The action names, for hints (`nil` when the environment does not name its actions).
    public let actionNames: [String]?
    /// The letter key of each action, or `nil` (empty when the environment gives none).
    public let actionLetters: [Character?]
    /// The action real-time play plays while no key is held, or `nil` to repeat the last one.
    public let idleAction: Int?

    /// Maps keys to `actionCount` actions named `actionNames` (when given), with a letter key
    /// per action from `actionLetters` (when given) and `idleAction` for real-time play.
    public init(actionCount: Int, actionNames: [String]?, actionLetters: [Character?] = [], idleAction: Int? = nil) {
        var actionsByKey: [ViewerKey: Int] = [:]
        for (action, letter) in actionLetters.prefix(actionCount).enumerated() {
            if let letter, actionsByKey[.letter(letter)] == nil { actionsByKey[.letter(letter)] = action }
        }
        let directions: [(words: Set<String>, keys: [ViewerKey])] = [
            (["left", "west"], [.left, .letter("a")]), (["right", "east"], [.right, .letter("d")]),
            (["up", "north"], [.up, .letter("w")]), (["down", "south"], [.down, .letter("s")]),
        ]
        for (action, name) in (actionNames ?? []).prefix(actionCount).enumerated() {
            let words = Set(name.lowercased().split { !$0.isLetter }.map(String.init))
            for direction in directions where !words.isDisjoint(with: direction.words) {
                // The first action named after a direction keeps its keys.
                for key in direction.keys where actionsByKey[key] == nil { actionsByKey[key] = action }
            }
        }
        for action in 0..<min(actionCount, 10) {
            actionsByKey[.digit(action)] = action
        }
        self.actionsByKey = actionsByKey
        self.actionNames = actionNames
        self.actionLetters = Array(actionLetters.prefix(actionCount))
        self.idleAction = idleAction.flatMap { (0..<actionCount).contains($0) ? $0 : nil }
    }

    /// The action `key` plays, or `nil`.
    public func action(for key: ViewerKey) -> Int? {
        actionsByKey[key]
    }

    /// A one-line key guide: `← Left, ↓ Down, → Right, ↑ Up`, with letter keys (`p Pickup`),
    /// or `0 … 3` by number when no action is named after a direction nor has a letter.
    public var hint: String {
        let arrows: [(ViewerKey, String)] = [(.left, "←"), (.down, "↓"), (.right, "→"), (.up, "↑")]
        var named = arrows.compactMap { key, symbol in
            action(for: key).map { (action: $0, text: "\(symbol) \(actionNames?[$0] ?? "action \($0)")") }
        }
        for (action, letter) in actionLetters.enumerated() {
            guard let letter, self.action(for: .letter(letter)) == action else { continue }
            named.append((action: action, text: "\(letter) \(actionNames?[action] ?? "action \(action)")"))
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
