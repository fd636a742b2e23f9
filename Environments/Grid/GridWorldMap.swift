import RLCore

/// A grid-world task written as text: the layout and its settings, read and checked by
/// ``init(parsing:)``, for ``GridWorld``.
///
/// ## The text format
///
/// Settings come first, one `name: value` per line; then the grid, one row of tiles per line.
/// Blank lines and lines starting with `//` are ignored.
///
/// ```
/// // Cross the garden to G around the walls, avoiding the pits.
/// title: Walled garden
/// slip: 0.1
/// step-reward: -0.01
/// limit: 100
/// m: -0.1
///
/// S...#.....
/// .##.#.##X.
/// ...m..m..G
/// ```
///
/// Tiles:
///
/// | tile       | meaning                                                                  |
/// |------------|--------------------------------------------------------------------------|
/// | `.`        | floor: entering it gives `step-reward`                                   |
/// | `S`        | a start (several: one is chosen uniformly per episode); floor otherwise   |
/// | `G`        | a goal: entering it gives `goal-reward` and ends the episode (success)   |
/// | `X`        | a pit: entering it gives `pit-reward` and ends the episode (failure)     |
/// | `#`        | a wall: moves into it (or off the grid) leave the agent where it is      |
/// | `a` … `z`  | a tile with its own reward, declared in the settings (`m: -0.1`), and    |
/// |            | ending the episode when declared with `end` (`t: 5 end`)                 |
///
/// Settings (all optional):
///
/// | setting       | value                                                             | default |
/// |---------------|-------------------------------------------------------------------|---------|
/// | `title`       | a name for the task                                               | none    |
/// | `slip`        | probability in [0, 1] that a move goes to one of the two          | 0       |
/// |               | perpendicular directions instead (half each)                      |         |
/// | `step-reward` | reward for entering floor or start tiles                          | 0       |
/// | `goal-reward` | reward for entering a goal                                        | 1       |
/// | `pit-reward`  | reward for entering a pit                                         | -1      |
/// | `limit`       | steps after which the episode is truncated (≥ 1)                  | none    |
/// | a letter      | that tile's reward, optionally followed by `end`                  |         |
///
/// The reward of a step is that of the tile the agent ends on, also when a wall or the edge
/// keeps it in place. A valid map is rectangular, uses only the tiles above, has at least one
/// start and one goal, can reach a goal from every start, and has every goal reachable.
/// Errors name the 1-based line of the text.
public struct GridWorldMap: Equatable, Sendable {
    /// A declared letter tile's reward and whether it ends the episode.
    public struct TileReward: Equatable, Sendable {
        public var reward: Double
        public var endsEpisode: Bool

        public init(reward: Double, endsEpisode: Bool = false) {
            self.reward = reward
            self.endsEpisode = endsEpisode
        }
    }

    /// The task's name, if the map gives one.
    public var title: String? { settings.title }
    /// The probability that a move slips to a perpendicular direction, in [0, 1].
    public var slip: Double { settings.slip }
    /// The reward for entering floor and start tiles.
    public var stepReward: Double { settings.stepReward }
    /// The reward for entering a goal.
    public var goalReward: Double { settings.goalReward }
    /// The reward for entering a pit.
    public var pitReward: Double { settings.pitReward }
    /// The number of steps after which episodes are truncated, or `nil`.
    public var stepLimit: Int? { settings.stepLimit }
    /// The declared letter tiles.
    public var tileRewards: [Character: TileReward] { settings.tileRewards }

    /// The values of the settings lines, with their defaults.
    struct Settings: Equatable, Sendable {
        var title: String?
        var slip = 0.0
        var stepReward = 0.0
        var goalReward = 1.0
        var pitReward = -1.0
        var stepLimit: Int?
        var tileRewards: [Character: TileReward] = [:]
    }

    let settings: Settings
    /// The grid.
    let grid: GridMap

    /// The grid's rows, top to bottom.
    public var rows: [String] { grid.rows }

    /// The settings a map may give, for error messages.
    static let settingNames = ["title", "slip", "step-reward", "goal-reward", "pit-reward", "limit"]

    /// Reads and checks a map text (see the type's documentation for the format).
    ///
    /// - Throws: ``EnvironmentError/invalidMap(line:message:)`` naming the 1-based line and the
    ///   problem: an unknown or repeated setting, a bad setting value, a setting after the grid,
    ///   an unknown or undeclared tile, rows of different lengths, no start, no goal, a start
    ///   from which no goal can be reached, or a goal no start can reach. (The line is `nil`
    ///   only for a text without grid rows.)
    public init(parsing text: String) throws {
        try self.init(parsing: text, lineSeparator: nil)
    }

    /// Reads a map text whose lines may also be separated by `lineSeparator` (`,` for maps
    /// given in one line, as the registry's `map` option).
    init(parsing text: String, lineSeparator: Character?) throws {
        var rows: [MapLine] = []
        var settings = Settings()
        var settingLines: [String: Int] = [:]
        for line in MapText.lines(of: text, separator: lineSeparator) {
            guard let colon = line.text.firstIndex(of: ":") else {
                rows.append(line)
                continue
            }
            let name = line.text[..<colon].trimmingWhitespace()
            let value = line.text[line.text.index(after: colon)...].trimmingWhitespace()
            guard rows.isEmpty else {
                throw EnvironmentError.invalidMap(
                    line: line.number, message: "the setting '\(name)' comes after the grid; settings must come first")
            }
            if let first = settingLines[name] {
                throw EnvironmentError.invalidMap(line: line.number, message: "'\(name)' is already set on line \(first)")
            }
            settingLines[name] = line.number
            try settings.apply(setting: name, value: value, line: line.number)
        }
        guard !rows.isEmpty else {
            throw EnvironmentError.invalidMap(line: nil, message: "the map has no grid rows")
        }
        try Self.checkLetters(in: rows, declared: settings.tileRewards)
        let tileNames: [(tile: Character, name: String)] =
            [(".", "floor"), ("#", "wall"), ("S", "start"), ("G", "goal"), ("X", "pit")]
            + settings.tileRewards.keys.sorted().map { ($0, "declared") }
        self.settings = settings
        self.grid = try GridMap(rows: rows, tileNames: tileNames)
        try checkPaths()
    }

    // MARK: - Settings

    /// Rejects lowercase tiles without a declared reward, with a hint on declaring them.
    private static func checkLetters(in rows: [MapLine], declared: [Character: TileReward]) throws {
        for row in rows {
            if let column = Array(row.text).firstIndex(where: { $0.isLowercase && $0.isASCII && declared[$0] == nil }) {
                let letter = Array(row.text)[column]
                throw EnvironmentError.invalidMap(
                    line: row.number,
                    message: "tile '\(letter)' in column \(column + 1) has no reward; declare it before the grid with a line like '\(letter): -0.5'")
            }
        }
    }

    // MARK: - Paths

    private func checkPaths() throws {
        let starts = grid.cells(of: "S")
        let goals = grid.cells(of: "G")
        // A grid has at least one row (GridMap refuses none).
        let rowsText = "lines \(grid.lineNumbers[0])–\(grid.lineNumbers[grid.lineNumbers.count - 1])"
        guard !starts.isEmpty else {
            throw EnvironmentError.invalidMap(line: grid.lineNumbers[0], message: "the grid (\(rowsText)) has no start tile 'S'")
        }
        guard !goals.isEmpty else {
            throw EnvironmentError.invalidMap(line: grid.lineNumbers[0], message: "the grid (\(rowsText)) has no goal tile 'G'")
        }
        // Two searches in all, linear in the cells however many starts there are: backward from
        // the goals (which starts can reach one), forward from every start (which goals are reached).
        let canLeave = { (tile: Character) in !endsEpisode(on: tile) }
        let isBlocked = { (tile: Character) in tile == "#" }
        let reachesGoal = grid.cellsReaching(goals, canLeave: canLeave, isBlocked: isBlocked)
        if let start = starts.first(where: { !reachesGoal[$0] }) {
            throw EnvironmentError.invalidMap(
                line: grid.line(of: start),
                message: "no goal 'G' can be reached from the start in column \(grid.position(of: start).column + 1); walls and pits block every path")
        }
        let reachedFromAnyStart = grid.reachableCells(from: starts, canLeave: canLeave, isBlocked: isBlocked)
        if let goal = goals.first(where: { !reachedFromAnyStart[$0] }) {
            throw EnvironmentError.invalidMap(
                line: grid.line(of: goal),
                message: "the goal in column \(grid.position(of: goal).column + 1) cannot be reached from any start")
        }
    }

    // MARK: - Tile meanings

    /// Whether entering a tile ends the episode.
    func endsEpisode(on tile: Character) -> Bool {
        switch tile {
        case "G", "X": true
        default: tileRewards[tile]?.endsEpisode ?? false
        }
    }

    /// The reward for entering a tile.
    func reward(on tile: Character) -> Double {
        switch tile {
        case "G": goalReward
        case "X": pitReward
        case ".", "S": stepReward
        default: tileRewards[tile]?.reward ?? stepReward
        }
    }
}

extension GridWorldMap.Settings {
    /// Sets one setting from its text.
    mutating func apply(setting name: String, value: String, line: Int) throws {
        func number(in range: ClosedRange<Double>? = nil) throws -> Double {
            guard let number = Double(value), number.isFinite, range?.contains(number) ?? true else {
                let requirement = range.map { " from \($0.lowerBound) to \($0.upperBound)" } ?? ""
                throw EnvironmentError.invalidMap(line: line, message: "\(name) must be a number\(requirement), got '\(value)'")
            }
            return number
        }
        switch name {
        case "title": title = value
        case "slip": slip = try number(in: 0...1)
        case "step-reward": stepReward = try number()
        case "goal-reward": goalReward = try number()
        case "pit-reward": pitReward = try number()
        case "limit":
            guard let steps = Int(value), steps >= 1 else {
                throw EnvironmentError.invalidMap(line: line, message: "limit must be a whole number of steps ≥ 1, got '\(value)'")
            }
            stepLimit = steps
        default:
            guard name.count == 1, let letter = name.first, letter.isLowercase, letter.isASCII else {
                throw EnvironmentError.invalidMap(
                    line: line,
                    message: "unknown setting '\(name)'; settings are \(GridWorldMap.settingNames.joined(separator: ", ")), or a lowercase letter giving a tile's reward")
            }
            let words = value.split(separator: " ", omittingEmptySubsequences: true)
            guard (1...2).contains(words.count), let reward = Double(words[0]), reward.isFinite,
                  words.count == 1 || words[1] == "end" else {
                throw EnvironmentError.invalidMap(
                    line: line, message: "tile '\(letter)' needs a reward, optionally followed by 'end' (like '\(letter): -0.5' or '\(letter): 5 end'), got '\(value)'")
            }
            tileRewards[letter] = GridWorldMap.TileReward(reward: reward, endsEpisode: words.count == 2)
        }
    }
}
