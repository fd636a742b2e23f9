import Foundation
import RLCore
import RLViewer

/// A stand-in for a window: it keeps the frames it is shown and answers each wait with the
/// next batch of scripted events.
///
/// An empty batch means "nothing happened": with a deadline the wait sleeps until it, as a
/// window would. A wait whose deadline has passed returns nothing and keeps the script. When the script runs out, a real-time destination answers `.quit` (so a loop
/// waiting for a person always ends) and another one nothing.
final class ScriptedDestination: FrameDestination {
    let isRealTime: Bool
    private var script: [[ViewerEvent]]
    private(set) var statuses: [ViewerStatus] = []
    private(set) var drawings: [Drawing] = []

    /// Each frame's status on one line.
    var captions: [String] { statuses.map(\.line) }

    init(isRealTime: Bool, script: [[ViewerEvent]] = []) {
        self.isRealTime = isRealTime
        self.script = script
    }

    func show(_ drawing: Drawing, status: ViewerStatus) throws {
        drawings.append(drawing)
        statuses.append(status)
    }

    func waitForEvents(until deadline: ContinuousClock.Instant?) -> [ViewerEvent] {
        // A deadline already passed only looks at what is queued: nothing, in a script.
        if let deadline, deadline <= .now { return [] }
        guard !script.isEmpty else { return isRealTime ? [.quit] : [] }
        let batch = script.removeFirst()
        if batch.isEmpty, let deadline {
            let remaining = ContinuousClock.now.duration(to: deadline)
            if remaining > .zero { Thread.sleep(forTimeInterval: Double(remaining.components.attoseconds) / 1e18 + Double(remaining.components.seconds)) }
        }
        return batch
    }
}

/// A five-cell corridor: action 1 moves right, 0 left; the right end is the goal, unless
/// `hasGoal` is false (then episodes never end by themselves).
struct Corridor: Environment, ActionNaming {
    let observationSpace = Discrete(5)
    let actionSpace = Discrete(2)
    var framesPerSecond: Int
    var hasGoal = true
    var position = 0
    var needsReset = true

    init(framesPerSecond: Int = 1000, hasGoal: Bool = true) {
        self.framesPerSecond = framesPerSecond
        self.hasGoal = hasGoal
    }

    var actionNames: [String] { ["Left", "Right"] }
    var episodeSucceeded: Bool? { hasGoal && position == 4 }

    mutating func reset(seed: UInt64?) -> Int {
        position = 0
        needsReset = false
        return position
    }

    mutating func step(_ action: Int) throws -> StepResult<Int> {
        try checkStep(action, needsReset: needsReset)
        position = max(0, min(4, position + (action == 1 ? 1 : -1)))
        let reachedEnd = hasGoal && position == 4
        needsReset = reachedEnd
        return StepResult(observation: position, reward: reachedEnd ? 1 : -0.5, terminated: reachedEnd)
    }

    func drawing() -> Drawing {
        Drawing(width: 50, height: 10, shapes: [.rectangle(Rectangle(x: Double(position) * 10, y: 0, width: 10, height: 10), color: .black)])
    }
}
