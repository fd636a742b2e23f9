import RL

/// Which key takes which action in `rl play`, worked out from the environment's action names.
///
/// An action named after a direction (`Left`, `Up`, or `Push left`) goes on that arrow key
/// and its letters (WASD, hjkl); every action also answers to its number (`0`, `1`, …), so
/// environments without named directions can be played too.
struct ActionKeys {
    /// The name of each action (`action 0`, … when the environment does not name them).
    let names: [String]
    /// The action each direction key takes.
    let directions: [Key: Int]

    init(_ environment: any Environment) throws {
        guard let count = environment.actionSpace.elementCount else {
            throw CommandFailure("cannot play with the keyboard: the action space \(environment.actionSpace) is not finite")
        }
        let given = (environment as? ActionNaming)?.actionNames
        if let given, given.count == count {
            names = given
        } else {
            names = (0..<count).map { "action \($0)" }
        }
        var directions: [Key: Int] = [:]
        let words: [(Key, String)] = [(.left, "left"), (.right, "right"), (.up, "up"), (.down, "down")]
        for (key, word) in words {
            directions[key] = names.firstIndex { name in
                let lowered = name.lowercased()
                return lowered == word || lowered.hasSuffix(" " + word)
            }
        }
        self.directions = directions
    }

    /// The action `key` takes, if any.
    func action(for key: Key) -> Int? {
        if let action = directions[key] { return action }
        if case .character(let character) = key, let digit = character.wholeNumberValue, digit < names.count {
            return digit
        }
        return nil
    }

    /// One line telling which keys do what: `←/a Left  ↓/s Down  →/d Right  ↑/w Up  q quit`.
    var hint: String {
        let symbols: [Key: String] = [.left: "←/a", .down: "↓/s", .right: "→/d", .up: "↑/w"]
        let parts = names.indices.map { index in
            let key = directions.first { $0.value == index }?.key
            let label = key.flatMap { symbols[$0] }.map { "\($0) or \(index)" } ?? "\(index)"
            return "\(label) \(names[index])"
        }
        return "keys: " + parts.joined(separator: "  ") + "  q quit"
    }
}
