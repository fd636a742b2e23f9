import RLCore
import SeededRandom

/// A small test environment that keeps the contract, or breaks it in one chosen way, to test
/// the checker and the wrappers.
///
/// Positions 0...5; the episode starts at 0 or 1 (seeded) and terminates at 5 with reward 1
/// (0 otherwise). Action 1 moves right, 0 left; a quarter of moves go the other way (seeded).
struct Corridor: Environment, ActionNaming {
    /// The way the environment breaks the contract.
    enum Break: CaseIterable {
        case none
        case observationOutsideSpace
        case infiniteReward
        case ignoresSeed
        case unseededSteps
        case acceptsStepBeforeReset
        case acceptsStepAfterEnd
        case acceptsInvalidAction
        case wrongErrorForInvalidAction
        case rejectsValidAction
    }

    struct UnexpectedActionError: Error {}

    let brokenBy: Break
    /// Distinguishes instances, for breaks that make instances behave differently.
    let instanceNumber: Int
    let observationSpace = Discrete(6)
    let actionSpace = Discrete(2)
    var actionNames: [String] { ["Left", "Right"] }

    var position = 0
    var needsReset = true
    var hasStarted = false
    var stepsInEpisode = 0
    var generator = SeededGenerator(seed: 0)

    init(brokenBy: Break = .none, instanceNumber: Int = 0) {
        self.brokenBy = brokenBy
        self.instanceNumber = instanceNumber
    }

    mutating func reset(seed: UInt64?) -> Int {
        if let seed { generator = SeededGenerator(seed: seed) }
        position = brokenBy == .ignoresSeed ? instanceNumber % 2 : generator.uniformInt(below: 2)
        needsReset = false
        hasStarted = true
        stepsInEpisode = 0
        return position
    }

    mutating func step(_ action: Int) throws -> StepResult<Int> {
        let refuse = hasStarted ? brokenBy != .acceptsStepAfterEnd : brokenBy != .acceptsStepBeforeReset
        if needsReset && refuse {
            throw EnvironmentError.resetNeeded(environment: "Corridor")
        }
        if !actionSpace.contains(action) {
            switch brokenBy {
            case .acceptsInvalidAction: break
            case .wrongErrorForInvalidAction: throw UnexpectedActionError()
            default: throw EnvironmentError.invalidAction("Corridor: action \(action) is not 0 or 1")
            }
        }
        if brokenBy == .rejectsValidAction && position == 2 {
            throw EnvironmentError.invalidAction("Corridor: no moves from 2")
        }
        stepsInEpisode += 1
        let reversed = brokenBy == .unseededSteps && stepsInEpisode == 1
            ? instanceNumber % 2 == 1
            : generator.bernoulli(0.25)
        let right = (action == 1) != reversed
        position = max(0, min(5, position + (right ? 1 : -1)))
        let terminated = position == 5
        needsReset = terminated
        var reward = terminated ? 1.0 : 0.0
        if brokenBy == .infiniteReward && terminated { reward = .infinity }
        let observation = brokenBy == .observationOutsideSpace && terminated ? 17 : position
        return StepResult(observation: observation, reward: reward, terminated: terminated)
    }

    var episodeSucceeded: Bool? { position == 5 }
    func renderText() -> String { String(repeating: ".", count: position) + "A" + String(repeating: ".", count: 5 - position) }
    var framesPerSecond: Int { 7 }
}

/// Numbers instances made by a factory closure (the checker makes several).
final class InstanceCounter: @unchecked Sendable {
    private(set) var count = 0
    func next() -> Int {
        count += 1
        return count
    }
}

/// A Discrete(6) that samples an element it does not contain.
struct LyingSpace: Space {
    let base = Discrete(6)
    func contains(_ element: Int) -> Bool { base.contains(element) }
    func sample(using generator: inout SeededGenerator) -> Int { 6 }
    var flattenedCount: Int { base.flattenedCount }
    func flatten(_ element: Int, into buffer: UnsafeMutableBufferPointer<Float>) { base.flatten(element, into: buffer) }
    var elementCount: Int? { base.elementCount }
    func index(of element: Int) -> Int? { base.index(of: element) }
    func element(atIndex index: Int) -> Int? { base.element(atIndex: index) }
    var description: String { "LyingSpace" }
}

/// A wrapper that replaces the observation space by one whose samples are outside it.
struct WithLyingObservationSpace<Wrapped: Environment>: Wrapper where Wrapped.Observation == Int {
    var wrapped: Wrapped
    let observationSpace = LyingSpace()
}
