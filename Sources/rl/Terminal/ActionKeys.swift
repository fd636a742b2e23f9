import RL

/// Which key takes which action in `rl play`, worked out from the environment's keyboard
/// actions (``KeyboardActions``: action names, letter keys, or the three pushes of a
/// one-dimensional continuous action).
///
/// An action named after a direction (`Left`, `Push left`, or a compass point: `South` is
/// down) goes on that arrow key and its letters (WASD, hjkl); an action with a letter key
/// (Taxi's `p` pickup, Blackjack's `s` stick) answers to that letter, which then wins over the
/// letter's direction; every action also answers to its number (`0`, `1`, …), so environments
/// without named directions can be played too.
struct ActionKeys {
    /// The name of each action (`action 0`, … when the environment does not name them).
    let names: [String]
    /// The action each direction key takes.
    let directions: [Key: Int]
    /// The action each letter key takes.
    let letters: [Character: Int]

    /// The words that put an action on a direction key.
    private static let directionWords: [(Key, [String])] = [
        (.left, ["left", "west"]), (.right, ["right", "east"]), (.up, ["up", "north"]), (.down, ["down", "south"]),
    ]
    /// The letters that stand for directions when no action claims them.
    private static let directionLetters: [Character: Key] = [
        "w": .up, "k": .up, "s": .down, "j": .down, "a": .left, "h": .left, "d": .right, "l": .right,
    ]

    init(_ environment: any Environment) throws {
        func keyboard<E: Environment>(_ environment: E) throws -> (names: [String], letters: [Character?]) {
            guard let actions = KeyboardActions(for: environment) else {
                throw CommandFailure(
                    "cannot play with the keyboard: the action space \(environment.actionSpace) is neither finite nor a bounded one-dimensional box")
            }
            return (actions.names, actions.letters)
        }
        let (names, letters) = try keyboard(environment)
        self.names = names
        var directions: [Key: Int] = [:]
        for (key, words) in Self.directionWords {
            directions[key] = names.firstIndex { name in
                let nameWords = name.lowercased().split { !$0.isLetter }.map(String.init)
                return nameWords.contains { words.contains($0) }
            }
        }
        self.directions = directions
        var letterActions: [Character: Int] = [:]
        for (action, letter) in letters.enumerated() {
            if let letter, letterActions[letter] == nil { letterActions[letter] = action }
        }
        self.letters = letterActions
    }

    /// The action `key` takes, if any.
    func action(for key: Key) -> Int? {
        if let action = directions[key] { return action }
        guard case .character(let character) = key else { return nil }
        if let action = letters[character] { return action }
        if let direction = Self.directionLetters[character], let action = directions[direction] { return action }
        if let digit = character.wholeNumberValue, digit < names.count {
            return digit
        }
        return nil
    }

    /// One line telling which keys do what: `←/a or 0 Left  ↓/s or 1 Down  →/d or 2 Right
    /// ↑/w or 3 Up  r restart  q quit`.
    var hint: String {
        let symbols: [Key: String] = [.left: "←/a", .down: "↓/s", .right: "→/d", .up: "↑/w"]
        let parts = names.indices.map { index in
            var keys = directions.first { $0.value == index }.flatMap { symbols[$0.key] }.map { [$0] } ?? []
            keys += letters.filter { $0.value == index }.map { String($0.key) }.sorted()
            keys.append("\(index)")
            return keys.joined(separator: " or ") + " \(names[index])"
        }
        return "keys: " + parts.joined(separator: "  ") + "  r restart  q quit"
    }
}
