import RLCore
import SeededRandom

/// Walking along a cliff edge to the goal without falling off — Gymnasium's
/// `CliffWalking-v1` (toy text, Sutton and Barto's example 6.6), with the same transition
/// table.
///
/// ## Description
///
/// A 4x12 grid. The agent starts at the bottom-left corner, the goal is the bottom-right
/// corner, and the cells between them on the bottom row are a cliff.
///
/// ```
/// o  o  o  o  o  o  o  o  o  o  o  o
/// o  o  o  o  o  o  o  o  o  o  o  o
/// o  o  o  o  o  o  o  o  o  o  o  o
/// x  C  C  C  C  C  C  C  C  C  C  T
/// ```
///
/// ## Action space
///
/// `Discrete(4)`: 0 = move up, 1 = move right, 2 = move down, 3 = move left. Moving off the
/// edge leaves the agent where it is.
///
/// ## Observation space
///
/// `Discrete(48)`: the agent's cell, `row * 12 + column`; the start is 36, the goal 47.
///
/// ## Rewards
///
/// -1 per step; stepping into the cliff gives -100 and sends the agent back to the start
/// (the episode goes on).
///
/// ## Starting state
///
/// Cell 36, the bottom-left corner.
///
/// ## Episode end
///
/// Terminates on reaching the goal (47). Falling off the cliff does not end the episode.
/// Gymnasium registers no time limit for `CliffWalking-v1`, and neither does the registry
/// here (give one with the `max-episode-steps` option). ``episodeSucceeded`` is whether the
/// agent is on the goal.
///
/// ## Arguments
///
/// - `isSlippery`: when true, each move goes in the intended direction or one of the two
///   perpendicular ones with probability 1/3 each (Gymnasium 1.x's `is_slippery`); default
///   `false`.
///
/// Renders as Gymnasium's ANSI text (`x` the agent, `C` the cliff, `T` the goal, `o` the rest)
/// and as a picture of 64-pixel tiles, at 4 frames per second.
public struct CliffWalking: Environment, TabularModel, ActionNaming {
    /// The number of rows.
    public static let rowCount = 4
    /// The number of columns.
    public static let columnCount = 12
    /// The start cell (bottom-left).
    public static let startState = 36
    /// The goal cell (bottom-right).
    public static let goalState = 47

    /// The layout: `S` start, `G` goal, `C` cliff, `.` ground.
    static let layout = [String](repeating: String(repeating: ".", count: 12), count: 3) + ["SCCCCCCCCCCG"]

    /// Whether moves may slip sideways.
    public let isSlippery: Bool
    public let observationSpace = Discrete(48)
    public let actionSpace = Discrete(4)
    public var framesPerSecond: Int { 4 }
    public var actionNames: [String] { ["Up", "Right", "Down", "Left"] }

    /// The transition table, flat for sampling.
    public let transitionTable: TransitionTable
    let grid: GridMap

    /// The agent's cell.
    public var state: Int { currentState }

    @usableFromInline var currentState = CliffWalking.startState
    @usableFromInline var needsReset = true
    @usableFromInline var generator: SeededGenerator

    /// Creates the cliff walk.
    public init(isSlippery: Bool = false) {
        // Cannot fail: the fixed layout is a valid grid (the fixture tests build it).
        let grid = try! GridMap(rows: Self.layout.enumerated().map { MapLine(number: $0.offset + 1, text: $0.element) },
                                tileNames: [("S", "start"), ("G", "goal"), ("C", "cliff"), (".", "ground")])
        self.grid = grid
        self.isSlippery = isSlippery
        self.generator = .seededFromSystem()
        // The fixed layout always gives a valid table, hence `try!`.
        self.transitionTable = try! GridDynamics.table(
            map: grid,
            directions: [.up, .right, .down, .left],
            slips: isSlippery ? GridDynamics.uniformSlip : GridDynamics.deterministic,
            isAbsorbing: { _ in false },
            landing: { cell in
                grid.tiles[cell] == "C"
                    ? GridDynamics.Landing(nextCell: Self.startState, reward: -100, terminated: false)
                    : GridDynamics.Landing(nextCell: cell, reward: -1, terminated: cell == Self.goalState)
            })
    }

    // MARK: - Environment

    public mutating func reset(seed: UInt64?) -> Int {
        if let seed { generator = SeededGenerator(seed: seed) }
        currentState = Self.startState
        needsReset = false
        return currentState
    }

    @inlinable
    public mutating func step(_ action: Int) throws -> StepResult<Int> {
        guard !needsReset, action >= 0, action < 4 else { throw refusal(of: action) }
        let outcome = transitionTable.sampleStep(from: currentState, action: action, using: &generator)
        currentState = outcome.nextState
        needsReset = outcome.terminated
        return StepResult(observation: currentState, reward: outcome.reward, terminated: outcome.terminated)
    }

    @usableFromInline
    func refusal(of action: Int) -> EnvironmentError {
        stepRefusal(environment: "CliffWalking", action: action, actionCount: 4, needsReset: needsReset,
                    actionNames: actionNames)
    }

    /// Whether the agent is on the goal: read it when an episode ends.
    public var episodeSucceeded: Bool? { currentState == Self.goalState }

    // MARK: - Tabular model

    public var stateCount: Int { 48 }
    public var actionCount: Int { 4 }

    public func transitions(from state: Int, action: Int) -> [Transition] {
        transitionTable.transitions(from: state, action: action)
    }

    // MARK: - Rendering

    /// Gymnasium's ANSI text: ` x ` for the agent, ` T ` the goal, ` C ` the cliff, ` o ` the
    /// rest, without the outer spaces of each row, then an empty line.
    public func renderText() -> String {
        var text = ""
        for cell in 0..<grid.cellCount {
            let (_, column) = grid.position(of: cell)
            var output = cell == currentState ? " x " : cell == Self.goalState ? " T " : grid.tiles[cell] == "C" ? " C " : " o "
            if column == 0 { output = String(output.drop(while: { $0 == " " })) }
            if column == Self.columnCount - 1 { output = String(output.reversed().drop(while: { $0 == " " }).reversed()) + "\n" }
            text += output
        }
        return text + "\n"
    }

    /// The grid as 64-pixel tiles: grass with tufts, the cliff as a dark chasm under a jagged
    /// rocky edge, the start, the goal's flag, and the agent as a little person in a red hat,
    /// who cheers on the goal.
    public func drawing() -> Drawing {
        let pose: PictureFigures.Pose = currentState == Self.goalState ? .cheering : .standing
        return GridPicture.drawing(of: grid, agentCell: currentState, pose: pose) { tile, square, cell in
            func at(_ x: Double, _ y: Double) -> Point { Point(x: square.x + x * square.width, y: square.y + y * square.height) }
            guard tile != "C" else {
                // The chasm, darker further down, under a rock edge that differs from tile to tile.
                let jag = Double(cell % 3) * 0.04
                return [
                    .rectangle(square, color: Color(red: 52, green: 42, blue: 36)),
                    .rectangle(Rectangle(x: square.x, y: square.y + 0.55 * square.height, width: square.width, height: 0.45 * square.height),
                               color: Color(red: 28, green: 22, blue: 20)),
                    .polygon([at(0, 0), at(1, 0), at(1, 0.14 + jag), at(0.8, 0.26), at(0.62, 0.16 + jag), at(0.45, 0.3 - jag),
                              at(0.28, 0.18), at(0.12, 0.28 + jag), at(0, 0.16)], color: Color(red: 128, green: 98, blue: 70)),
                    .text("C", at: Point(x: square.x + 4, y: square.y + square.height - 18), color: Color(red: 150, green: 130, blue: 110)),
                ]
            }
            let grass = tile == "S" ? Color(red: 180, green: 205, blue: 150) : Color(red: 150, green: 200, blue: 110)
            var shapes: [Drawing.Shape] = [.rectangle(square, color: grass)]
            // Two tufts of darker grass, placed by the cell.
            let shift = Double((cell * 5) % 4) * 0.1
            for (x, y) in [(0.2 + shift, 0.75), (0.55 + shift / 2, 0.35)] {
                for lean in [-0.05, 0.0, 0.05] {
                    shapes.append(.line(from: at(x, y), to: at(x + lean, y - 0.1), color: Color(red: 95, green: 150, blue: 70), width: 2))
                }
            }
            switch tile {
            case "G": shapes += PictureFigures.flag(in: square, color: Color(red: 250, green: 205, blue: 60), mound: Color(red: 120, green: 170, blue: 85))
            case "S": shapes.append(GridPicture.label("S", in: square, on: grass))
            default: break
            }
            shapes.append(.rectangle(square, color: Color(red: 115, green: 165, blue: 90), filled: false))
            return shapes
        }
    }
}

// MARK: - Saving the state

extension CliffWalking: StatefulEnvironment {
    /// The cell, whether a reset is due and the random stream.
    public var savedState: SteppingState<Int> {
        SteppingState(state: currentState, needsReset: needsReset, generator: generator)
    }

    public mutating func restore(_ saved: SteppingState<Int>) throws {
        guard (0..<48).contains(saved.state) else { throw EnvironmentError.invalidOption("CliffWalking: no cell \(saved.state)") }
        currentState = saved.state
        needsReset = saved.needsReset
        generator = saved.generator
    }
}

extension CliffWalking: EpisodeEndDescribing {
    /// "reached the goal" once the episode has ended there (a fall off the cliff does not end it).
    public var episodeEnding: EpisodeEnding? {
        currentState == Self.goalState ? EpisodeEnding(words: "reached the goal", isSuccess: true) : nil
    }
}
