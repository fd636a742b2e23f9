import RLCore
import SeededRandom

/// Picking up a passenger and dropping them off at their destination in a small city —
/// Gymnasium's `Taxi-v4` (toy text, Dietterich's taxi problem), with the same transition table.
///
/// ## Description
///
/// A 5x5 grid with four marked places, R(ed), G(reen), Y(ellow) and B(lue), and walls the taxi
/// cannot drive through (T. G. Dietterich, "Hierarchical Reinforcement Learning with the MAXQ
/// Value Function Decomposition", JAIR 13, 2000). The passenger waits at one place and wants
/// to go to another; the taxi starts anywhere, drives to the passenger, picks them up, drives
/// to the destination and drops them off.
///
/// ```
/// +---------+
/// |R: | : :G|
/// | : | : : |
/// | : : : : |
/// | | : | : |
/// |Y| : |B: |
/// +---------+
/// ```
///
/// ## Action space
///
/// `Discrete(6)`: 0 = south (down), 1 = north (up), 2 = east (right), 3 = west (left),
/// 4 = pick up the passenger, 5 = drop off the passenger.
///
/// ## Observation space
///
/// `Discrete(500)`: `((taxiRow · 5 + taxiColumn) · 5 + passengerLocation) · 4 + destination`,
/// where the passenger location is 0–3 for R, G, Y, B and 4 in the taxi, and the destination
/// 0–3 (``encode(taxiRow:taxiColumn:passengerLocation:destination:)``, ``decode(_:)``). 400
/// states occur during episodes, 4 more right after a delivery.
///
/// ## Rewards
///
/// -1 per step, +20 for delivering the passenger, -10 for a pickup or dropoff where it is not
/// allowed. Dropping the passenger at another marked place is allowed (-1; they wait there).
/// The task counts as solved at a mean return of 8.
///
/// ## Starting state
///
/// Uniform over the 300 states with the passenger waiting at a place that is not their
/// destination (any taxi cell, 4 places, 3 destinations).
///
/// ## Episode end
///
/// Terminates when the passenger is dropped off at the destination. The registry truncates at
/// 200 steps (`Taxi-v4`; `Taxi-v3` names the same registration).
///
/// ## Action mask
///
/// ``isActionEnabled(atIndex:)`` (``ActionMasking``) is Gymnasium's `info["action_mask"]`: the
/// moves the walls and edges allow, the pickup where the passenger waits under the taxi, and
/// the dropoff at any marked place with the passenger aboard.
///
/// ## Arguments
///
/// - `isRainy` (registry option `rainy`, Gymnasium's `is_rainy`): a move the map allows goes
///   as intended with probability `rainyProbability` and to each side with
///   `(1 − rainyProbability) / 2` (a side blocked by a wall keeps the taxi in place); a move
///   the map forbids stays put. Pickup and dropoff stay deterministic. Default `false`.
/// - `rainyProbability` (`rainy-probability`, `rainy_probability`): in [0, 1], default 0.8.
/// - `ficklePassenger` (`fickle-passenger`, `fickle_passenger`): with probability
///   `fickleProbability`, drawn at reset, the passenger changes their mind once: on the first
///   step that moves the taxi with them already aboard, the destination becomes one of the
///   other three, uniformly. Default `false`. (The transition table does not show this.)
/// - `fickleProbability` (`fickle-probability`, `fickle_probability`): in [0, 1], default 0.3.
///
/// The random stream is this suite's (``SeededGenerator``), not NumPy's: a seed gives the same
/// episodes on every machine, but not Gymnasium's.
///
/// ## Version history
///
/// - v4: `is_rainy` and `fickle_passenger` fixed, `rainy_probability` and `fickle_probability`
///   added (Gymnasium 1.3); Gymnasium 1.4 registers only v4.
/// - v3: map correction, action mask (0.25), `is_rainy` and `fickle_passenger` (1.2).
/// - v2: the taxi no longer starts on the destination; observations and threshold updated.
/// - v1: location (3, 2) removed; v0: the initial version.
///
/// Renders as Gymnasium's ANSI text (the taxi on yellow, or green with the passenger aboard,
/// the passenger's place in bold blue, the destination in magenta, the last action below),
/// and as a picture of the grid with its walls, at 4 frames per second.
public struct Taxi: Environment, TabularModel, ActionNaming, ActionMasking, KeyboardPlayable {
    // MARK: - The map

    /// The map, as Gymnasium's `MAP`: `|` is a wall, `:` an open border between two cells.
    public static let map = [
        "+---------+",
        "|R: | : :G|",
        "| : | : : |",
        "| : : : : |",
        "| | : | : |",
        "|Y| : |B: |",
        "+---------+",
    ]

    /// The marked places R, G, Y, B as (row, column).
    public static let locations = [(row: 0, column: 0), (row: 0, column: 4), (row: 4, column: 0), (row: 4, column: 3)]
    /// The places' letters.
    public static let locationNames = ["R", "G", "Y", "B"]
    /// The passenger location that means "in the taxi".
    public static let inTaxi = 4

    /// The map's characters, row by row (7 x 11).
    static let mapCharacters: [[Character]] = map.map(Array.init)

    /// Whether the taxi can drive east from (row, column): an open border, not a wall.
    static func canDriveEast(row: Int, column: Int) -> Bool { mapCharacters[1 + row][2 * column + 2] == ":" }
    /// Whether the taxi can drive west from (row, column).
    static func canDriveWest(row: Int, column: Int) -> Bool { mapCharacters[1 + row][2 * column] == ":" }

    // MARK: - Configuration

    /// Whether moves may go sideways.
    public let isRainy: Bool
    /// The probability of the intended move when rainy.
    public let rainyProbability: Double
    /// Whether the passenger may change their destination once.
    public let isFicklePassenger: Bool
    /// The probability, drawn at reset, that the passenger will change their mind.
    public let fickleProbability: Double

    public let observationSpace = Discrete(500)
    public let actionSpace = Discrete(6)
    public var framesPerSecond: Int { 4 }
    public var actionNames: [String] { Self.actionNames }
    static let actionNames = ["South", "North", "East", "West", "Pickup", "Dropoff"]
    /// `p` picks up, `o` drops off.
    public var actionKeys: [Character?] { [nil, nil, nil, nil, "p", "o"] }

    /// The transition table, flat for sampling.
    public let transitionTable: TransitionTable
    /// The 300 starting states, in increasing order.
    public let initialStates: [Int]

    // MARK: - State

    /// The current state (see ``decode(_:)``).
    public var state: Int { currentState }
    /// The last action taken in this episode, or `nil` right after `reset`.
    public var lastAction: Int? { lastActionTaken < 0 ? nil : lastActionTaken }
    /// Whether the passenger will still change their mind this episode (fickle passengers only).
    public var passengerMayChangeMind: Bool { fickleStepPending }

    @usableFromInline var currentState = 0
    @usableFromInline var lastActionTaken = -1
    @usableFromInline var fickleStepPending = false
    @usableFromInline var needsReset = true
    @usableFromInline var generator: SeededGenerator

    // MARK: - Creating

    /// Creates the taxi problem.
    ///
    /// - Parameters:
    ///   - isRainy: whether moves may go sideways (default `false`).
    ///   - rainyProbability: the probability of the intended move when rainy, 0...1 (default 0.8).
    ///   - isFicklePassenger: whether the passenger may change their destination once (default `false`).
    ///   - fickleProbability: the probability that they will, 0...1 (default 0.3).
    /// - Throws: ``EnvironmentError/invalidOption(_:)`` for a probability outside 0...1.
    public init(isRainy: Bool = false, rainyProbability: Double = 0.8,
                isFicklePassenger: Bool = false, fickleProbability: Double = 0.3) throws {
        guard (0...1).contains(rainyProbability) else {
            throw EnvironmentError.invalidOption("Taxi: the rainy probability must be from 0 to 1, got \(rainyProbability)")
        }
        guard (0...1).contains(fickleProbability) else {
            throw EnvironmentError.invalidOption("Taxi: the fickle probability must be from 0 to 1, got \(fickleProbability)")
        }
        self.isRainy = isRainy
        self.rainyProbability = rainyProbability
        self.isFicklePassenger = isFicklePassenger
        self.fickleProbability = fickleProbability
        generator = .seededFromSystem()
        initialStates = (0..<500).filter { state in
            let (_, _, passenger, destination) = Self.decode(state)
            return passenger < 4 && passenger != destination
        }
        transitionTable = try TransitionTable(stateCount: 500, actionCount: 6) { state, action in
            isRainy ? Self.rainyTransitions(state: state, action: action, rainyProbability: rainyProbability)
                : [Self.dryTransition(state: state, action: action)]
        }
    }

    // MARK: - Encoding

    /// The state of a taxi cell, passenger location (4 = in the taxi) and destination.
    @inlinable
    public static func encode(taxiRow: Int, taxiColumn: Int, passengerLocation: Int, destination: Int) -> Int {
        ((taxiRow * 5 + taxiColumn) * 5 + passengerLocation) * 4 + destination
    }

    /// The taxi row, taxi column, passenger location and destination of a state.
    @inlinable
    public static func decode(_ state: Int) -> (taxiRow: Int, taxiColumn: Int, passengerLocation: Int, destination: Int) {
        (state / 100, state / 20 % 5, state / 4 % 5, state % 4)
    }

    // MARK: - Transitions (taxi.py)

    /// Pickup: the passenger boards where they wait under the taxi; otherwise -10.
    static func pickup(row: Int, column: Int, passenger: Int) -> (passenger: Int, reward: Double) {
        if passenger < 4 && locations[passenger] == (row, column) { return (inTaxi, -1) }
        return (passenger, -10)
    }

    /// Dropoff: +20 and the end at the destination, the passenger waits at another marked
    /// place (-1), otherwise -10.
    static func dropoff(row: Int, column: Int, passenger: Int, destination: Int) -> (passenger: Int, reward: Double, terminated: Bool) {
        if locations[destination] == (row, column) && passenger == inTaxi { return (destination, 20, true) }
        if passenger == inTaxi, let place = locations.firstIndex(where: { $0 == (row, column) }) { return (place, -1, false) }
        return (passenger, -10, false)
    }

    /// The one outcome of an action in dry weather (`_build_dry_transitions`).
    static func dryTransition(state: Int, action: Int) -> Transition {
        let (row, column, passenger, destination) = decode(state)
        var (newRow, newColumn, newPassenger) = (row, column, passenger)
        var reward = -1.0
        var terminated = false
        switch action {
        case 0: newRow = Swift.min(row + 1, 4)
        case 1: newRow = Swift.max(row - 1, 0)
        case 2 where canDriveEast(row: row, column: column): newColumn = Swift.min(column + 1, 4)
        case 3 where canDriveWest(row: row, column: column): newColumn = Swift.max(column - 1, 0)
        case 4: (newPassenger, reward) = pickup(row: row, column: column, passenger: passenger)
        case 5: (newPassenger, reward, terminated) = dropoff(row: row, column: column, passenger: passenger, destination: destination)
        default: break
        }
        let next = encode(taxiRow: newRow, taxiColumn: newColumn, passengerLocation: newPassenger, destination: destination)
        return Transition(probability: 1, nextState: next, reward: reward, terminated: terminated)
    }

    /// Where a move by (rowStep, columnStep) takes the taxi, walls and edges keeping it in place
    /// (`_calc_new_position`).
    static func position(afterMoving rowStep: Int, _ columnStep: Int, fromRow row: Int, column: Int) -> (row: Int, column: Int) {
        let newRow = Swift.max(0, Swift.min(row + rowStep, 4))
        let newColumn = Swift.max(0, Swift.min(column + columnStep, 4))
        if columnStep == 1 && mapCharacters[1 + newRow][2 * newColumn] != ":" { return (row, column) }
        if columnStep == -1 && mapCharacters[1 + newRow][2 * newColumn + 2] != ":" { return (row, column) }
        return (newRow, newColumn)
    }

    /// The outcomes of an action in the rain (`_build_rainy_transitions`): for a move the
    /// intended cell, then the heading's left and right neighbours.
    static func rainyTransitions(state: Int, action: Int, rainyProbability: Double) -> [Transition] {
        let (row, column, passenger, destination) = decode(state)
        // (forward, left, right) per heading, as (row step, column step).
        let moves: [[(Int, Int)]] = [
            [(1, 0), (0, 1), (0, -1)],   // south: left = east, right = west
            [(-1, 0), (0, -1), (0, 1)],  // north: left = west, right = east
            [(0, 1), (-1, 0), (1, 0)],   // east: left = north, right = south
            [(0, -1), (1, 0), (-1, 0)],  // west: left = south, right = north
        ]
        var (newRow, newColumn, newPassenger) = (row, column, passenger)
        var (left, right) = ((row: row, column: column), (row: row, column: column))
        var reward = -1.0
        var terminated = false
        let moveAllowed = (action == 0 && row < 4) || (action == 1 && row > 0)
            || (action == 2 && canDriveEast(row: row, column: column)) || (action == 3 && canDriveWest(row: row, column: column))
        if moveAllowed {
            let forward = moves[action][0]
            newRow = Swift.max(0, Swift.min(row + forward.0, 4))
            newColumn = Swift.max(0, Swift.min(column + forward.1, 4))
            left = position(afterMoving: moves[action][1].0, moves[action][1].1, fromRow: row, column: column)
            right = position(afterMoving: moves[action][2].0, moves[action][2].1, fromRow: row, column: column)
        } else if action == 4 {
            (newPassenger, reward) = pickup(row: row, column: column, passenger: passenger)
        } else if action == 5 {
            (newPassenger, reward, terminated) = dropoff(row: row, column: column, passenger: passenger, destination: destination)
        }
        let intended = encode(taxiRow: newRow, taxiColumn: newColumn, passengerLocation: newPassenger, destination: destination)
        guard action <= 3 else {
            return [Transition(probability: 1, nextState: intended, reward: reward, terminated: terminated)]
        }
        let lateral = (1.0 - rainyProbability) / 2.0
        return [
            Transition(probability: rainyProbability, nextState: intended, reward: -1, terminated: terminated),
            Transition(probability: lateral, nextState: encode(taxiRow: left.row, taxiColumn: left.column,
                                                               passengerLocation: newPassenger, destination: destination),
                       reward: -1, terminated: terminated),
            Transition(probability: lateral, nextState: encode(taxiRow: right.row, taxiColumn: right.column,
                                                               passengerLocation: newPassenger, destination: destination),
                       reward: -1, terminated: terminated),
        ]
    }

    // MARK: - Environment

    public mutating func reset(seed: UInt64?) -> Int {
        if let seed { generator = SeededGenerator(seed: seed) }
        currentState = initialStates[generator.uniformInt(below: initialStates.count)]
        lastActionTaken = -1
        fickleStepPending = isFicklePassenger && generator.bernoulli(fickleProbability)
        needsReset = false
        return currentState
    }

    @inlinable
    public mutating func step(_ action: Int) throws -> StepResult<Int> {
        guard !needsReset, action >= 0, action < 6 else { throw refusal(of: action) }
        let outcome = transitionTable.sampleOutcome(state: currentState, action: action, using: &generator)
        var next = transitionTable.nextState(ofOutcome: outcome)
        let terminated = transitionTable.terminated(ofOutcome: outcome)
        if fickleStepPending {
            next = fickleDestination(from: currentState, to: next)
        }
        currentState = next
        lastActionTaken = action
        needsReset = terminated
        return StepResult(observation: next, reward: transitionTable.reward(ofOutcome: outcome), terminated: terminated)
    }

    /// A fickle passenger's change of mind: on the first step that moves the taxi with them
    /// already aboard, a new destination among the other three, uniformly (once per episode).
    @usableFromInline
    mutating func fickleDestination(from state: Int, to next: Int) -> Int {
        let before = Self.decode(state)
        let after = Self.decode(next)
        guard before.passengerLocation == Self.inTaxi,
              after.taxiRow != before.taxiRow || after.taxiColumn != before.taxiColumn else { return next }
        fickleStepPending = false
        var destination = generator.uniformInt(below: 3)
        if destination >= before.destination { destination += 1 }
        return Self.encode(taxiRow: after.taxiRow, taxiColumn: after.taxiColumn,
                           passengerLocation: after.passengerLocation, destination: destination)
    }

    @usableFromInline
    func refusal(of action: Int) -> EnvironmentError {
        stepRefusal(environment: "Taxi", action: action, actionCount: 6, needsReset: needsReset, actionNames: Self.actionNames)
    }

    /// Whether the passenger has been delivered: read it when an episode ends.
    public var episodeSucceeded: Bool? {
        let (_, _, passenger, destination) = Self.decode(currentState)
        return passenger == destination
    }

    // MARK: - Action mask

    public func isActionEnabled(atIndex index: Int) -> Bool {
        Self.isActionEnabled(atIndex: index, in: currentState)
    }

    /// Gymnasium's `action_mask(state)` entry for one action.
    public static func isActionEnabled(atIndex index: Int, in state: Int) -> Bool {
        let (row, column, passenger, destination) = decode(state)
        switch index {
        case 0: return row < 4
        case 1: return row > 0
        case 2: return column < 4 && canDriveEast(row: row, column: column)
        case 3: return column > 0 && canDriveWest(row: row, column: column)
        case 4: return passenger < 4 && locations[passenger] == (row, column)
        case 5:
            return passenger == inTaxi
                && (locations[destination] == (row, column) || locations.contains { $0 == (row, column) })
        default: return false
        }
    }

    // MARK: - Tabular model

    public var stateCount: Int { 500 }
    public var actionCount: Int { 6 }

    public func transitions(from state: Int, action: Int) -> [Transition] {
        transitionTable.transitions(from: state, action: action)
    }

    // MARK: - Rendering

    /// Gymnasium's ANSI text: the map with the taxi on a yellow background (green, and `_` on
    /// an empty cell, with the passenger aboard), the waiting passenger's place in bold blue,
    /// the destination's in magenta, then `  (South)` for the last action or an empty line.
    public func renderText() -> String {
        // Gymnasium's utils.colorize: ESC[<code>m … ESC[0m, the code + 10 when highlighted.
        func colorize(_ text: String, _ code: Int, bold: Bool = false) -> String {
            "\u{1B}[\(code)\(bold ? ";1" : "")m\(text)\u{1B}[0m"
        }
        var cells = Self.map.map { $0.map(String.init) }
        let (row, column, passenger, destination) = Self.decode(currentState)
        if passenger < 4 {
            cells[1 + row][2 * column + 1] = colorize(cells[1 + row][2 * column + 1], 43)
            let place = Self.locations[passenger]
            cells[1 + place.row][2 * place.column + 1] = colorize(cells[1 + place.row][2 * place.column + 1], 34, bold: true)
        } else {
            let cell = cells[1 + row][2 * column + 1]
            cells[1 + row][2 * column + 1] = colorize(cell == " " ? "_" : cell, 42)
        }
        let place = Self.locations[destination]
        cells[1 + place.row][2 * place.column + 1] = colorize(cells[1 + place.row][2 * place.column + 1], 35)
        var text = cells.map { $0.joined() }.joined(separator: "\n") + "\n"
        text += lastAction.map { "  (\(Self.actionNames[$0]))\n" } ?? "\n"
        return text
    }

    /// The city on a 440x440 canvas: 80-pixel cells in a 20-pixel border, the four places in
    /// their colours with their letters, the walls as thick dark lines, the destination
    /// outlined twice in magenta and marked `to`, the waiting passenger as a blue figure in the
    /// corner of their place, and the yellow taxi with its roof sign and wheels (the
    /// passenger's blue head in its window when aboard).
    public func drawing() -> Drawing {
        let cell = 80.0, border = 20.0
        let side = border * 2 + cell * 5
        let wallColor = Color(red: 40, green: 40, blue: 40)
        let placeColors = [Color(red: 230, green: 120, blue: 120), Color(red: 120, green: 200, blue: 120),
                           Color(red: 235, green: 215, blue: 100), Color(red: 120, green: 150, blue: 230)]
        let passengerColor = Color(red: 30, green: 60, blue: 200)
        let destinationColor = Color(red: 200, green: 0, blue: 200)
        let taxiColor = Color(red: 250, green: 200, blue: 0)
        func square(_ row: Int, _ column: Int, inset: Double = 0) -> Rectangle {
            Rectangle(x: border + Double(column) * cell + inset, y: border + Double(row) * cell + inset,
                      width: cell - 2 * inset, height: cell - 2 * inset)
        }
        func middle(_ row: Int, _ column: Int) -> Point {
            Point(x: border + (Double(column) + 0.5) * cell, y: border + (Double(row) + 0.5) * cell)
        }
        var shapes: [Drawing.Shape] = [
            .rectangle(Rectangle(x: 0, y: 0, width: side, height: side), color: wallColor),
            .rectangle(Rectangle(x: border, y: border, width: cell * 5, height: cell * 5), color: Color(red: 225, green: 225, blue: 220)),
        ]
        for row in 0..<5 {
            for column in 0..<5 {
                shapes.append(.rectangle(square(row, column), color: Color(red: 170, green: 170, blue: 165), filled: false))
            }
        }
        for (index, place) in Self.locations.enumerated() {
            shapes.append(.rectangle(square(place.row, place.column, inset: 2), color: placeColors[index]))
            shapes.append(.text(Self.locationNames[index], at: Point(x: square(place.row, place.column).x + 6,
                                                                      y: square(place.row, place.column).y + 6),
                                color: .black))
        }
        // Walls: a `|` between two cells of a row.
        for row in 0..<5 {
            for column in 0..<4 where !Self.canDriveEast(row: row, column: column) {
                let x = border + Double(column + 1) * cell
                shapes.append(.line(from: Point(x: x, y: border + Double(row) * cell), to: Point(x: x, y: border + Double(row + 1) * cell),
                                    color: wallColor, width: 8))
            }
        }
        let (row, column, passenger, destination) = Self.decode(currentState)
        let goal = Self.locations[destination]
        shapes.append(.rectangle(square(goal.row, goal.column, inset: 4), color: destinationColor, filled: false))
        shapes.append(.rectangle(square(goal.row, goal.column, inset: 6), color: destinationColor, filled: false))
        shapes.append(.text("to", at: Point(x: square(goal.row, goal.column).x + cell - 26, y: square(goal.row, goal.column).y + 6),
                            color: destinationColor))
        // The taxi: a yellow body with a black outline, a roof sign and two wheels.
        let body = Rectangle(x: square(row, column).x + 14, y: square(row, column).y + 30, width: cell - 28, height: 26)
        shapes.append(.circle(center: Point(x: body.x + 11, y: body.y + body.height), radius: 7, color: .black))
        shapes.append(.circle(center: Point(x: body.x + body.width - 11, y: body.y + body.height), radius: 7, color: .black))
        shapes.append(.rectangle(body, color: taxiColor))
        shapes.append(.rectangle(body, color: .black, filled: false))
        shapes.append(.rectangle(Rectangle(x: body.x + body.width / 2 - 10, y: body.y - 9, width: 20, height: 9), color: taxiColor))
        shapes.append(.rectangle(Rectangle(x: body.x + body.width / 2 - 10, y: body.y - 9, width: 20, height: 9), color: .black, filled: false))
        if passenger < 4 {
            let place = Self.locations[passenger]
            let spot = middle(place.row, place.column)
            // A person: head and body, in the corner of their place.
            shapes.append(.circle(center: Point(x: spot.x + 20, y: spot.y + 2), radius: 7, color: passengerColor))
            shapes.append(.rectangle(Rectangle(x: spot.x + 12, y: spot.y + 10, width: 16, height: 22), color: passengerColor))
        } else {
            // Aboard: their head in the taxi's window.
            shapes.append(.circle(center: Point(x: body.x + body.width / 2, y: body.y + body.height / 2), radius: 8, color: passengerColor))
        }
        return Drawing(width: Int(side), height: Int(side), background: wallColor, shapes: shapes)
    }
}

// MARK: - Saving the state

extension Taxi: StatefulEnvironment {
    /// The state, the last action and a pending change of mind, whether a reset is due and the random stream.
    public var savedState: SteppingState<[Int]> {
        SteppingState(state: [currentState, lastActionTaken, fickleStepPending ? 1 : 0], needsReset: needsReset, generator: generator)
    }

    public mutating func restore(_ saved: SteppingState<[Int]>) throws {
        guard saved.state.count == 3, (0..<500).contains(saved.state[0]), (-1..<6).contains(saved.state[1]) else {
            throw EnvironmentError.invalidOption("Taxi: the saved state \(saved.state) is not a state")
        }
        currentState = saved.state[0]
        lastActionTaken = saved.state[1]
        fickleStepPending = saved.state[2] != 0
        needsReset = saved.needsReset
        generator = saved.generator
    }
}

extension Taxi: EpisodeEndDescribing {
    /// "delivered the passenger" once they are at their destination (a success).
    public var episodeEnding: EpisodeEnding? {
        episodeSucceeded == true ? EpisodeEnding(words: "delivered the passenger", isSuccess: true) : nil
    }
}
