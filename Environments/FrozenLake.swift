import Foundation
import RLCore
import SeededRandom

/// Crossing a frozen lake from start to goal without falling into a hole — Gymnasium's
/// `FrozenLake-v1` (toy text), with the same transition table.
///
/// ## Description
///
/// The agent starts on the start tile `S` of a grid of frozen tiles `F` and holes `H` and has
/// to reach the goal `G`. The ice is slippery by default, so the agent may move perpendicular
/// to the intended direction. The standard maps are 4x4 and 8x8 (``maps``); custom maps come as
/// rows of `S`, `F`, `H`, `G`, and random maps with a guaranteed path (``randomMap(size:frozenProbability:seed:)``).
///
/// ```
/// SFFF      (4x4)
/// FHFH
/// FFFH
/// HFFG
/// ```
///
/// ## Action space
///
/// `Discrete(4)`: 0 = move left, 1 = move down, 2 = move right, 3 = move up. Moving off the
/// edge leaves the agent where it is.
///
/// ## Observation space
///
/// `Discrete(rows × columns)`: the agent's cell, `row * columns + column` (0 to 15 on 4x4,
/// the goal being 15).
///
/// ## Rewards
///
/// Reaching the goal gives 1, a hole 0, a frozen tile 0 (Gymnasium's reward schedule
/// `(1, 0, 0)`; see ``RewardSchedule``).
///
/// ## Starting state
///
/// The start tile (chosen uniformly when a custom map has several).
///
/// ## Episode end
///
/// Terminates on reaching a hole or the goal. The registry truncates at 100 steps
/// (`FrozenLake-v1`) or 200 (`FrozenLake8x8-v1`). ``episodeSucceeded`` is whether the agent is
/// on the goal.
///
/// ## Transitions
///
/// Not slippery: the intended move with probability 1. Slippery: the action before the
/// intended one (`(a - 1) mod 4`), the intended one and the one after, with probabilities
/// `(1 - successRate) / 2`, `successRate`, `(1 - successRate) / 2`; `successRate` is 1/3 by
/// default, so each is 1/3. On a hole or the goal every action gives `(1, same cell, 0,
/// terminated)`. ``transitions(from:action:)`` lists the outcomes exactly as Gymnasium's
/// `env.unwrapped.P[s][a]`, duplicates included. The random stream is this suite's
/// (``SeededGenerator``), not NumPy's, so a seed gives the same episodes here on every machine
/// but not the same as Gymnasium's.
///
/// ## Arguments
///
/// - `map`: the rows (default the 4x4 map); ``init(mapName:isSlippery:successRate:rewardSchedule:)``
///   takes `"4x4"` or `"8x8"`, ``parseMap(_:)`` and ``loadMap(contentsOfFile:)`` read text.
/// - `isSlippery`: default `true`.
/// - `successRate`: the probability of the intended move when slippery, in [0, 1], default 1/3.
/// - `rewardSchedule`: the rewards for reaching the goal, a hole and a frozen tile.
///
/// Renders as Gymnasium's ANSI text (the agent's cell on a red background under the last
/// action) and as a picture of 64-pixel tiles, at 4 frames per second.
public struct FrozenLake: Environment, TabularModel, ActionNaming {
    // MARK: - Maps

    /// Gymnasium's named maps, `MAPS` in `frozen_lake.py`.
    public static let maps: [String: [String]] = [
        "4x4": ["SFFF", "FHFH", "FFFH", "HFFG"],
        "8x8": ["SFFFFFFF", "FFFFFFFF", "FFFHFFFF", "FFFFFHFF", "FFFHFFFF", "FHHFFFHF", "FHFFHFHF", "FFFHFFFG"],
    ]

    /// The tiles a map may contain.
    static let tileNames: [(tile: Character, name: String)] = [("S", "start"), ("F", "frozen"), ("H", "hole"), ("G", "goal")]

    /// The rewards for arriving on each kind of tile (Gymnasium's `reward_schedule`).
    public struct RewardSchedule: Equatable, Sendable {
        /// The reward for reaching the goal (default 1).
        public var goal: Double
        /// The reward for falling into a hole (default 0).
        public var hole: Double
        /// The reward for any other move, onto a frozen or start tile (default 0).
        public var frozen: Double

        public init(goal: Double = 1, hole: Double = 0, frozen: Double = 0) {
            self.goal = goal
            self.hole = hole
            self.frozen = frozen
        }

        /// Gymnasium's default `(1, 0, 0)`.
        public static let standard = RewardSchedule()
    }

    // MARK: - Configuration

    /// The map's rows, top to bottom.
    public var map: [String] { grid.rows }
    /// Whether moves may slip sideways.
    public let isSlippery: Bool
    /// The probability of the intended move when slippery.
    public let successRate: Double
    /// The rewards per tile kind.
    public let rewardSchedule: RewardSchedule

    public let observationSpace: Discrete
    public let actionSpace = Discrete(4)
    public var framesPerSecond: Int { 4 }
    public var actionNames: [String] { Self.actionNames }
    static let actionNames = ["Left", "Down", "Right", "Up"]

    /// The transition table, flat for sampling.
    public let transitionTable: TransitionTable

    let grid: GridMap
    let startCells: [Int]

    // MARK: - State

    /// The agent's cell, `row * columns + column`.
    public var state: Int { currentState }
    /// The last action taken in this episode, or `nil` right after `reset`.
    public var lastAction: Int? { lastActionTaken < 0 ? nil : lastActionTaken }

    @usableFromInline var currentState = 0
    @usableFromInline var lastActionTaken = -1
    @usableFromInline var needsReset = true
    @usableFromInline var generator: SeededGenerator

    // MARK: - Creating

    /// Creates the lake from its rows.
    ///
    /// - Parameters:
    ///   - map: rows of `S` (start), `F` (frozen), `H` (hole), `G` (goal), equally long; at
    ///     least one start and one goal, and a goal reachable from every start.
    ///   - isSlippery: whether moves may slip sideways (default `true`).
    ///   - successRate: the probability of the intended move when slippery, 0...1 (default 1/3;
    ///     ignored when not slippery, as in Gymnasium).
    ///   - rewardSchedule: the rewards for reaching the goal, a hole, a frozen tile.
    /// - Throws: ``EnvironmentError/invalidMap(line:message:)`` for a malformed map (the line
    ///   is the 1-based row), ``EnvironmentError/invalidOption(_:)`` for a success rate
    ///   outside 0...1.
    // Cannot fail: "4x4" is one of the named maps above.
    public init(map: [String] = FrozenLake.maps["4x4"]!, isSlippery: Bool = true, successRate: Double = 1.0 / 3.0,
                rewardSchedule: RewardSchedule = .standard) throws {
        let lines = map.enumerated().map { MapLine(number: $0.offset + 1, text: $0.element) }
        try self.init(lines: lines, isSlippery: isSlippery, successRate: successRate, rewardSchedule: rewardSchedule)
    }

    /// Creates the lake from one of Gymnasium's named maps, `"4x4"` or `"8x8"`.
    ///
    /// - Throws: ``EnvironmentError/invalidOption(_:)`` for another name.
    public init(mapName: String, isSlippery: Bool = true, successRate: Double = 1.0 / 3.0,
                rewardSchedule: RewardSchedule = .standard) throws {
        guard let map = Self.maps[mapName] else {
            throw EnvironmentError.invalidOption("FrozenLake: unknown map name '\(mapName)'; names are 4x4, 8x8")
        }
        try self.init(map: map, isSlippery: isSlippery, successRate: successRate, rewardSchedule: rewardSchedule)
    }

    init(lines: [MapLine], isSlippery: Bool, successRate: Double, rewardSchedule: RewardSchedule) throws {
        guard (0...1).contains(successRate) else {
            throw EnvironmentError.invalidOption("FrozenLake: the success rate must be from 0 to 1, got \(successRate)")
        }
        let grid = try GridMap(rows: lines, tileNames: Self.tileNames)
        let startCells = try Self.validate(grid)
        self.grid = grid
        self.startCells = startCells
        self.isSlippery = isSlippery
        self.successRate = successRate
        self.rewardSchedule = rewardSchedule
        self.observationSpace = Discrete(grid.cellCount)
        self.generator = .seededFromSystem()
        self.transitionTable = try GridDynamics.table(
            map: grid,
            directions: [.left, .down, .right, .up],
            slips: isSlippery ? GridDynamics.slippery(successRate: successRate) : GridDynamics.deterministic,
            isAbsorbing: { "GH".contains(grid.tiles[$0]) },
            landing: { cell in
                switch grid.tiles[cell] {
                case "G": GridDynamics.Landing(nextCell: cell, reward: rewardSchedule.goal, terminated: true)
                case "H": GridDynamics.Landing(nextCell: cell, reward: rewardSchedule.hole, terminated: true)
                default: GridDynamics.Landing(nextCell: cell, reward: rewardSchedule.frozen, terminated: false)
                }
            })
    }

    /// Checks that the map has a start and a goal and that a goal can be reached from every
    /// start; returns the start cells.
    static func validate(_ grid: GridMap) throws -> [Int] {
        let starts = grid.cells(of: "S")
        let firstLine = grid.lineNumbers[0]
        guard !starts.isEmpty else {
            throw EnvironmentError.invalidMap(line: firstLine, message: "the map has no start tile 'S'")
        }
        let goals = grid.cells(of: "G")
        guard !goals.isEmpty else {
            throw EnvironmentError.invalidMap(line: firstLine, message: "the map has no goal tile 'G'")
        }
        // One backward search from the goals answers for every start (linear in the cells,
        // however many starts there are).
        let reachesGoal = grid.cellsReaching(goals, canLeave: { !"GH".contains($0) })
        if let start = starts.first(where: { !reachesGoal[$0] }) {
            throw EnvironmentError.invalidMap(
                line: grid.line(of: start),
                message: "no goal 'G' can be reached from the start in column \(grid.position(of: start).column + 1); holes 'H' block every path")
        }
        return starts
    }

    // MARK: - Reading and generating maps

    /// Reads a map from text: one row per line (or rows separated by commas, as in
    /// `SFFF,FHFH,FFFH,HFFG`); blank lines and lines starting with `//` are skipped.
    ///
    /// - Throws: ``EnvironmentError/invalidMap(line:message:)`` with the 1-based line.
    public static func parseMap(_ text: String) throws -> [String] {
        let lines = MapText.lines(of: text, separator: ",")
        let grid = try GridMap(rows: lines, tileNames: tileNames)
        _ = try validate(grid)
        return grid.rows
    }

    /// Creates the lake from a map text (see ``parseMap(_:)``), keeping the text's line
    /// numbers in error messages.
    public init(mapText: String, isSlippery: Bool = true, successRate: Double = 1.0 / 3.0,
                rewardSchedule: RewardSchedule = .standard) throws {
        try self.init(lines: MapText.lines(of: mapText, separator: ","), isSlippery: isSlippery,
                      successRate: successRate, rewardSchedule: rewardSchedule)
    }

    /// Reads a map from a text file (see ``parseMap(_:)``).
    ///
    /// - Throws: `TextFile.ReadError` when the file cannot be read (see ``MapFile``),
    ///   ``EnvironmentError/invalidMap(line:message:)`` when it is malformed or larger than
    ///   1,000 × 1,000.
    public static func loadMap(contentsOfFile path: String) throws -> [String] {
        try parseMap(readMapFile(path))
    }

    /// A random map with a path from the start (top-left) to the goal (bottom-right), as
    /// Gymnasium's `generate_random_map(size, p, seed)`: each other tile is frozen with
    /// probability `frozenProbability` and a hole otherwise, drawn again until a path exists.
    /// The draws are this suite's, so a seed gives the same map on every machine but not
    /// Gymnasium's map for that seed.
    ///
    /// - Parameters:
    ///   - size: the side, 2...256 (default 8).
    ///   - frozenProbability: the probability of a frozen tile, in (0, 1] (default 0.8).
    ///   - seed: fixes the map.
    /// - Throws: ``EnvironmentError/invalidOption(_:)`` for a size or probability out of range,
    ///   or when 10 000 draws give no map with a path (the probability is too low for the size).
    public static func randomMap(size: Int = 8, frozenProbability: Double = 0.8, seed: UInt64) throws -> [String] {
        guard (2...256).contains(size) else {
            throw EnvironmentError.invalidOption("FrozenLake: a random map's size must be from 2 to 256, got \(size)")
        }
        guard frozenProbability > 0, frozenProbability <= 1 else {
            throw EnvironmentError.invalidOption(
                "FrozenLake: a random map's frozen probability must be above 0 and at most 1, got \(frozenProbability)")
        }
        var generator = SeededGenerator(seed: seed)
        let cellCount = size * size
        var isHole = [Bool](repeating: false, count: cellCount)
        var reached = [Bool](repeating: false, count: cellCount)
        var frontier: [Int] = []
        frontier.reserveCapacity(cellCount)
        for _ in 0..<10_000 {
            for cell in 0..<cellCount { isHole[cell] = !(generator.uniformDouble() < frozenProbability) }
            isHole[0] = false
            isHole[cellCount - 1] = false
            // Depth-first search from the start through non-hole tiles (Gymnasium's `is_valid`).
            for cell in 0..<cellCount { reached[cell] = false }
            reached[0] = true
            frontier.append(0)
            while let cell = frontier.popLast() {
                let (row, column) = (cell / size, cell % size)
                for (next, inside) in [(cell - size, row > 0), (cell + size, row < size - 1),
                                       (cell - 1, column > 0), (cell + 1, column < size - 1)]
                    where inside && !isHole[next] && !reached[next] {
                    reached[next] = true
                    frontier.append(next)
                }
            }
            if reached[cellCount - 1] {
                return (0..<size).map { row in
                    String((0..<size).map { column -> Character in
                        let cell = row * size + column
                        return cell == 0 ? "S" : cell == cellCount - 1 ? "G" : isHole[cell] ? "H" : "F"
                    })
                }
            }
        }
        throw EnvironmentError.invalidOption(
            "FrozenLake: no random \(size)x\(size) map with a path was found in 10000 draws at frozen probability \(frozenProbability); raise it")
    }

    // MARK: - Environment

    public mutating func reset(seed: UInt64?) -> Int {
        if let seed { generator = SeededGenerator(seed: seed) }
        currentState = startCells.count == 1 ? startCells[0] : startCells[generator.uniformInt(below: startCells.count)]
        lastActionTaken = -1
        needsReset = false
        return currentState
    }

    @inlinable
    public mutating func step(_ action: Int) throws -> StepResult<Int> {
        guard !needsReset, action >= 0, action < 4 else {
            throw refusal(of: action)
        }
        let outcome = transitionTable.sampleStep(from: currentState, action: action, using: &generator)
        currentState = outcome.nextState
        lastActionTaken = action
        needsReset = outcome.terminated
        return StepResult(observation: currentState, reward: outcome.reward, terminated: outcome.terminated)
    }

    @usableFromInline
    func refusal(of action: Int) -> EnvironmentError {
        stepRefusal(environment: "FrozenLake", action: action, actionCount: 4, needsReset: needsReset,
                    actionNames: Self.actionNames)
    }

    /// Whether the agent is on the goal: read it when an episode ends.
    public var episodeSucceeded: Bool? { grid.tiles[currentState] == "G" }

    // MARK: - Tabular model

    public var stateCount: Int { transitionTable.stateCount }
    public var actionCount: Int { 4 }

    public func transitions(from state: Int, action: Int) -> [Transition] {
        transitionTable.transitions(from: state, action: action)
    }

    // MARK: - Rendering

    /// Gymnasium's ANSI text: `  (Down)` (or an empty line before the first step), then the
    /// map with the agent's cell on a red background.
    public func renderText() -> String {
        GridText.highlightedGrid(grid, agentCell: currentState, lastActionName: lastAction.map { Self.actionNames[$0] })
    }

    /// The lake as 64-pixel tiles: ice with a glint, holes of dark water with cracks running
    /// into the ice, the start, the goal's flag, and the agent as a little person in a red hat,
    /// who cheers on the goal and sinks into a hole.
    public func drawing() -> Drawing {
        let tile = grid.tiles[currentState]
        let pose: PictureFigures.Pose = tile == "H" ? .sinking : tile == "G" ? .cheering : .standing
        return GridPicture.drawing(of: grid, agentCell: currentState, pose: pose, waterColor: Self.holeColor) { tile, square, cell in
            let surface = tile == "S" ? Self.startColor : Self.iceColor
            var shapes: [Drawing.Shape] = [.rectangle(square, color: surface)]
            // A glint on the ice, placed by the cell so the lake does not look tiled.
            let offset = Double((cell * 7) % 3) * 8
            let glint = Color(red: 255, green: 255, blue: 255, alpha: 150)
            shapes.append(.line(from: Point(x: square.x + 10 + offset, y: square.y + 50), to: Point(x: square.x + 24 + offset, y: square.y + 36),
                                color: glint, width: 2))
            shapes.append(.line(from: Point(x: square.x + 18 + offset, y: square.y + 52), to: Point(x: square.x + 26 + offset, y: square.y + 44),
                                color: glint, width: 2))
            switch tile {
            case "H":
                shapes += PictureFigures.crackedHole(in: square, water: Self.holeColor, depth: Color(red: 12, green: 30, blue: 70),
                                                     crack: Color(red: 110, green: 150, blue: 195), variant: cell)
            case "G":
                shapes += PictureFigures.flag(in: square, color: Self.goalColor, mound: .white)
            case "S":
                shapes.append(GridPicture.label("S", in: square, on: surface))
            default:
                break
            }
            shapes.append(.rectangle(square, color: Self.gridLineColor, filled: false))
            return shapes
        }
    }

    static let iceColor = Color(red: 210, green: 235, blue: 250)
    static let startColor = Color(red: 180, green: 210, blue: 235)
    static let holeColor = Color(red: 25, green: 55, blue: 110)
    static let goalColor = Color(red: 250, green: 205, blue: 60)
    static let gridLineColor = Color(red: 150, green: 185, blue: 215)
}

extension FrozenLake: EpisodeEndDescribing {
    /// "reached the goal" or "fell into a hole", once the episode has ended.
    public var episodeEnding: EpisodeEnding? {
        switch grid.tiles[currentState] {
        case "G": EpisodeEnding(words: "reached the goal", isSuccess: true)
        case "H": EpisodeEnding(words: "fell into a hole", isSuccess: false)
        default: nil
        }
    }
}

// MARK: - Saving the state

extension FrozenLake: StatefulEnvironment {
    /// The cell and the last action, whether a reset is due and the random stream.
    public var savedState: SteppingState<[Int]> {
        SteppingState(state: [currentState, lastActionTaken], needsReset: needsReset, generator: generator)
    }

    public mutating func restore(_ saved: SteppingState<[Int]>) throws {
        guard saved.state.count == 2, (0..<observationSpace.count).contains(saved.state[0]), (-1..<4).contains(saved.state[1]) else {
            throw EnvironmentError.invalidOption("FrozenLake: the saved state \(saved.state) does not fit this map")
        }
        currentState = saved.state[0]
        lastActionTaken = saved.state[1]
        needsReset = saved.needsReset
        generator = saved.generator
    }
}
