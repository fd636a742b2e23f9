import RLCore

/// A test environment whose episodes can be written down by hand: it counts down to 0.
///
/// `reset(seed: s)` starts at `2 + s % 3`; every later `reset(seed: nil)` starts one higher
/// than the reset before it (its "random stream"). Action 0 counts down by 1, action 1 by 2;
/// the reward is the amount counted down, and the episode terminates (successfully) at 0.
struct Countdown: Environment {
    /// What a countdown throws when it is stepped from `failingValue`.
    struct Failure: Error, Equatable {
        let value: Int
    }

    let observationSpace = Box<Float>(low: 0, high: 100)
    let actionSpace = Discrete(2)
    /// The value from which `step` throws ``Failure`` (for testing a copy that fails).
    var failingValue: Int?
    var remaining = 0
    var nextStart = 2
    var needsReset = true

    init(failingValue: Int? = nil) {
        self.failingValue = failingValue
    }

    mutating func reset(seed: UInt64?) -> Float {
        if let seed { nextStart = 2 + Int(seed % 3) }
        remaining = nextStart
        nextStart += 1
        needsReset = false
        return Float(remaining)
    }

    mutating func step(_ action: Int) throws -> StepResult<Float> {
        try checkStep(action, needsReset: needsReset)
        if remaining == failingValue { throw Failure(value: remaining) }
        let decrement = action + 1
        remaining = max(0, remaining - decrement)
        needsReset = remaining == 0
        return StepResult(observation: Float(remaining), reward: Double(decrement), terminated: needsReset)
    }

    var episodeSucceeded: Bool? { remaining == 0 }
}

/// A test environment with continuous actions: a point on a line that moves by the sum of a
/// two-scalar action in [-1, 1]², terminating once it is 3 or more away from where it started.
struct Drift: Environment {
    let observationSpace = Box<Float>(low: -10, high: 10)
    let actionSpace = Box<SIMD2<Float>>(low: -1, high: 1)
    var position: Float = 0
    var needsReset = true

    mutating func reset(seed: UInt64?) -> Float {
        position = 0
        needsReset = false
        return position
    }

    mutating func step(_ action: SIMD2<Float>) throws -> StepResult<Float> {
        try checkStep(action, needsReset: needsReset)
        position += action.sum()
        needsReset = abs(position) >= 3
        return StepResult(observation: position, reward: Double(-abs(action.sum())), terminated: needsReset)
    }
}

/// A random stream shared by reference, the classic mistake that makes copies interfere.
final class SharedStream: @unchecked Sendable {
    var value: UInt64 = 0
    func next() -> UInt64 {
        value = value &* 6364136223846793005 &+ 1442695040888963407
        return value >> 33
    }
}

/// A corridor-like environment whose instances draw from one ``SharedStream``: each instance
/// alone keeps the contract, but copies stepped side by side do not.
struct SharedStreamWalk: Environment {
    let observationSpace = Discrete(8)
    let actionSpace = Discrete(2)
    let stream: SharedStream
    var position = 0
    var needsReset = true

    mutating func reset(seed: UInt64?) -> Int {
        if let seed { stream.value = seed }
        position = Int(stream.next() % 3)
        needsReset = false
        return position
    }

    mutating func step(_ action: Int) throws -> StepResult<Int> {
        try checkStep(action, needsReset: needsReset)
        let slips = stream.next() % 4 == 0
        position = max(0, min(7, position + ((action == 1) != slips ? 1 : -1)))
        needsReset = position == 7
        return StepResult(observation: position, reward: needsReset ? 1 : 0, terminated: needsReset)
    }
}
