import Foundation
import RLCore
import SeededRandom

/// A grid-world task read from a text map, so that new tasks need no code — walls, starts,
/// goals, pits, tiles with their own rewards, optional slipping and a step limit.
///
/// ## Description
///
/// The agent moves between the cells of a grid drawn as text (see ``GridWorldMap`` for the
/// format) from a start `S` to a goal `G`, around walls `#` and avoiding pits `X`. The
/// built-in map (``defaultMapText``, registry alias `gridworld`) is a 7x10 walled garden.
///
/// ## Action space
///
/// `Discrete(4)`: 0 = move up, 1 = move right, 2 = move down, 3 = move left. Moves into a
/// wall or off the grid leave the agent where it is.
///
/// ## Observation space
///
/// `Discrete(rows × columns)`: the agent's cell, `row * columns + column` (wall cells are
/// numbered too, but never occupied).
///
/// ## Rewards
///
/// The reward of the tile the agent ends the step on: the map's `step-reward` for floor and
/// start tiles, `goal-reward` for a goal, `pit-reward` for a pit, and the declared reward of a
/// letter tile.
///
/// ## Starting state
///
/// A start tile, chosen uniformly when there are several.
///
/// ## Episode end
///
/// Terminates on a goal, a pit or a letter tile declared with `end`. When the map sets
/// `limit`, the environment itself truncates the episode at that many steps (`truncated`
/// true). ``episodeSucceeded`` is whether the agent is on a goal.
///
/// ## Transitions
///
/// With `slip` = p > 0, the move goes as intended with probability 1 − p and to each
/// perpendicular direction with probability p / 2, listed in the order previous action,
/// intended action, next action (as FrozenLake's). On terminal tiles every action gives
/// `(1, same cell, 0, terminated)`.
///
/// Renders as ANSI text like FrozenLake's (agent on red, last action above) and as a picture
/// of 64-pixel tiles, at 4 frames per second.
public struct GridWorld: Environment, TabularModel, ActionNaming {
    /// The built-in map, used by the registry's `GridWorld-v0` (alias `gridworld`).
    public static let defaultMapText = """
        // The built-in grid world: walk from S to G around the walls (#), avoid the pits (X);
        // mud (m) is slow going. Four percent of moves slip sideways.
        title: Walled garden
        slip: 0.04
        step-reward: -0.01
        goal-reward: 1
        pit-reward: -1
        limit: 100
        m: -0.1

        S...#.....
        .##.#.##X.
        .#..#..#..
        .#.##.m#.#
        ......m...
        ##X#.####.
        ...#mm...G
        """

    /// The map.
    public let map: GridWorldMap
    public let observationSpace: Discrete
    public let actionSpace = Discrete(4)
    public var framesPerSecond: Int { 4 }
    public var actionNames: [String] { Self.actionNames }
    static let actionNames = ["Up", "Right", "Down", "Left"]

    /// The transition table, flat for sampling.
    public let transitionTable: TransitionTable
    let startCells: [Int]

    /// The agent's cell.
    public var state: Int { currentState }
    /// The number of steps taken in the current episode.
    public private(set) var elapsedSteps = 0

    private var currentState = 0
    private var lastAction: Int?
    private var needsReset = true
    private var generator: SeededGenerator

    /// Creates the grid world of a parsed map.
    public init(map: GridWorldMap) {
        let grid = map.grid
        self.map = map
        self.startCells = grid.cells(of: "S")
        self.observationSpace = Discrete(grid.cellCount)
        self.generator = .seededFromSystem()
        // A parsed map has a slip in [0, 1] and in-range cells, so the table is always valid.
        self.transitionTable = try! GridDynamics.table(
            map: grid,
            directions: [.up, .right, .down, .left],
            slips: map.slip > 0 ? GridDynamics.slippery(successRate: 1 - map.slip) : GridDynamics.deterministic,
            isAbsorbing: { map.endsEpisode(on: grid.tiles[$0]) },
            isBlocked: { $0 == "#" },
            landing: { cell in
                GridDynamics.Landing(nextCell: cell, reward: map.reward(on: grid.tiles[cell]),
                                     terminated: map.endsEpisode(on: grid.tiles[cell]))
            })
    }

    /// Creates the grid world of a map text (see ``GridWorldMap``).
    ///
    /// - Throws: ``EnvironmentError/invalidMap(line:message:)`` for a malformed map.
    public init(mapText: String) throws {
        self.init(map: try GridWorldMap(parsing: mapText))
    }

    /// Creates the grid world of a map file.
    ///
    /// - Throws: ``EnvironmentError/invalidOption(_:)`` when the file cannot be read,
    ///   ``EnvironmentError/invalidMap(line:message:)`` when it is malformed.
    public init(contentsOfFile path: String) throws {
        try self.init(mapText: readMapFile(path))
    }

    /// Creates the built-in grid world (``defaultMapText``).
    public init() {
        // The built-in map is valid (the tests parse it), hence `try!`.
        try! self.init(mapText: Self.defaultMapText)
    }

    // MARK: - Environment

    public mutating func reset(seed: UInt64?) -> Int {
        if let seed { generator = SeededGenerator(seed: seed) }
        currentState = startCells.count == 1 ? startCells[0] : startCells[generator.uniformInt(below: startCells.count)]
        lastAction = nil
        elapsedSteps = 0
        needsReset = false
        return currentState
    }

    public mutating func step(_ action: Int) throws -> StepResult<Int> {
        guard !needsReset, action >= 0, action < 4 else {
            throw stepRefusal(environment: "GridWorld", action: action, actionCount: 4, needsReset: needsReset,
                              actionNames: Self.actionNames)
        }
        let outcome = transitionTable.sampleStep(from: currentState, action: action, using: &generator)
        currentState = outcome.nextState
        lastAction = action
        elapsedSteps += 1
        let truncated = map.stepLimit.map { elapsedSteps >= $0 } ?? false
        needsReset = outcome.terminated || truncated
        return StepResult(observation: currentState, reward: outcome.reward, terminated: outcome.terminated,
                          truncated: truncated)
    }

    /// Whether the agent is on a goal: read it when an episode ends.
    public var episodeSucceeded: Bool? { map.grid.tiles[currentState] == "G" }

    // MARK: - Tabular model

    public var stateCount: Int { transitionTable.stateCount }
    public var actionCount: Int { 4 }

    public func transitions(from state: Int, action: Int) -> [Transition] {
        transitionTable.transitions(from: state, action: action)
    }

    // MARK: - Rendering

    /// The last action in parentheses (or an empty line), then the map with the agent's cell
    /// on a red background.
    public func renderText() -> String {
        GridText.highlightedGrid(map.grid, agentCell: currentState, lastActionName: lastAction.map { Self.actionNames[$0] })
    }

    /// The grid as 64-pixel tiles: pale floor, brick walls, pits broken into the floor, the
    /// starts, the goals' flags, letter tiles shaded by the sign of their reward, and the agent
    /// as a little person in a red hat, who cheers on a goal and sinks into a pit.
    public func drawing() -> Drawing {
        let here = map.grid.tiles[currentState]
        let pose: PictureFigures.Pose = here == "X" ? .sinking : here == "G" ? .cheering : .standing
        let pitColor = Color(red: 40, green: 34, blue: 34)
        return GridPicture.drawing(of: map.grid, agentCell: currentState, pose: pose, waterColor: pitColor) { tile, square, cell in
            let floor = Color(red: 245, green: 245, blue: 238)
            let edge = Color(red: 215, green: 215, blue: 205)
            switch tile {
            case "#":
                // Bricks: four courses, every other one shifted by half a brick.
                var shapes: [Drawing.Shape] = [.rectangle(square, color: Color(red: 205, green: 195, blue: 185))]
                let course = square.height / 4
                for row in 0..<4 {
                    let shift = row % 2 == 0 ? 0 : square.width / 4
                    for brick in -1..<2 {
                        let left = max(square.x, square.x + shift + Double(brick) * square.width / 2 + 1.5)
                        let right = min(square.x + square.width, square.x + shift + Double(brick + 1) * square.width / 2 - 1.5)
                        guard right > left else { continue }
                        shapes.append(.rectangle(Rectangle(x: left, y: square.y + Double(row) * course + 1.5, width: right - left, height: course - 3),
                                                 color: Color(red: 168, green: 88, blue: 62)))
                    }
                }
                return shapes
            case "X":
                return [.rectangle(square, color: floor)]
                    + PictureFigures.crackedHole(in: square, water: pitColor, depth: Color(red: 15, green: 12, blue: 12),
                                                 crack: Color(red: 150, green: 140, blue: 130), variant: cell)
                    + [.rectangle(square, color: edge, filled: false)]
            case "G":
                return [.rectangle(square, color: Color(red: 205, green: 235, blue: 200))]
                    + PictureFigures.flag(in: square, color: Color(red: 250, green: 205, blue: 60), mound: Color(red: 120, green: 170, blue: 85))
                    + [.rectangle(square, color: edge, filled: false)]
            case "S", ".":
                var shapes: [Drawing.Shape] = [.rectangle(square, color: floor), .rectangle(square, color: edge, filled: false)]
                if tile == "S" { shapes.append(GridPicture.label("S", in: square, on: floor)) }
                return shapes
            default:
                let color = map.reward(on: tile) >= 0 ? Color(red: 200, green: 235, blue: 200) : Color(red: 235, green: 205, blue: 180)
                return [.rectangle(square, color: color), .rectangle(square, color: edge, filled: false),
                        GridPicture.label(String(tile), in: square, on: color)]
            }
        }
    }
}

// MARK: - Saving the state

extension GridWorld: StatefulEnvironment {
    /// The cell, the last action (−1 for none) and the steps of the episode, whether a reset is
    /// due and the random stream.
    public var savedState: SteppingState<[Int]> {
        SteppingState(state: [currentState, lastAction ?? -1, elapsedSteps], needsReset: needsReset, generator: generator)
    }

    public mutating func restore(_ saved: SteppingState<[Int]>) throws {
        guard saved.state.count == 3, (0..<observationSpace.count).contains(saved.state[0]), (-1..<4).contains(saved.state[1]),
              saved.state[2] >= 0 else {
            throw EnvironmentError.invalidOption("GridWorld: the saved state \(saved.state) does not fit this map")
        }
        currentState = saved.state[0]
        lastAction = saved.state[1] < 0 ? nil : saved.state[1]
        elapsedSteps = saved.state[2]
        needsReset = saved.needsReset
        generator = saved.generator
    }
}

extension GridWorld: EpisodeEndDescribing {
    /// "reached the goal", "fell into a pit", or for a letter tile that ends the episode
    /// "stopped on m" (a success when its reward is not negative), once the episode has ended.
    public var episodeEnding: EpisodeEnding? {
        let tile = map.grid.tiles[currentState]
        switch tile {
        case "G": return EpisodeEnding(words: "reached the goal", isSuccess: true)
        case "X": return EpisodeEnding(words: "fell into a pit", isSuccess: false)
        default:
            guard map.endsEpisode(on: tile) else { return nil }
            return EpisodeEnding(words: "stopped on \(tile)", isSuccess: map.reward(on: tile) >= 0)
        }
    }
}
