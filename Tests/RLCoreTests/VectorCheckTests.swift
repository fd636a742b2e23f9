import Foundation
import RLCore
import Testing

/// An environment whose steps depend on the thread they run on: it stands for thread-local
/// state (a generator or cache kept per thread), which a vector split across threads exposes.
struct ThreadSensitiveWalk: Environment {
    let observationSpace = Discrete(8)
    let actionSpace = Discrete(2)
    var position = 0
    var needsReset = true
    let homeThread = pthread_self()

    mutating func reset(seed: UInt64?) -> Int {
        position = Int((seed ?? 0) % 3)
        needsReset = false
        return position
    }

    mutating func step(_ action: Int) throws -> StepResult<Int> {
        try checkStep(action, needsReset: needsReset)
        let onHomeThread = pthread_equal(pthread_self(), homeThread) != 0
        position = max(0, min(7, position + (action == 1 ? 1 : -1) * (onHomeThread ? 1 : 2)))
        needsReset = position == 7
        return StepResult(observation: position, reward: needsReset ? 1 : 0, terminated: needsReset)
    }
}

@Suite("EnvironmentChecker on vectors")
struct VectorCheckTests {
    @Test("vectors of well-behaved user environments pass: finite and continuous spaces, time limits")
    func wellBehaved() {
        let checker = EnvironmentChecker()
        for (name, report) in [
            ("Countdown", checker.check { Countdown() }),
            ("Drift", checker.check { TimeLimit(Drift(), maxEpisodeSteps: 20) }),
            ("Corridor", checker.check { Corridor() }),
            ("Corridor, one copy", EnvironmentChecker(vectorCopies: 1).check { Corridor() }),
        ] {
            #expect(report.passed, "\(name): \(report)")
            #expect(report.notes.isEmpty, "\(name): \(report)")
        }
    }

    @Test("copies that share one random stream pass alone but fail as a vector")
    func sharedState() {
        let stream = SharedStream()
        let alone = EnvironmentChecker(vectorCopies: 0).check { SharedStreamWalk(stream: stream) }
        #expect(alone.passed, "\(alone)")
        let report = EnvironmentChecker().check { SharedStreamWalk(stream: stream) }
        #expect(report.kinds == [.vectorAutoreset], "\(report)")
    }

    @Test("steps that depend on the thread fail the threads check only")
    func threadSensitive() {
        let report = EnvironmentChecker().check { ThreadSensitiveWalk() }
        #expect(report.kinds == [.vectorThreading], "\(report)")
    }

    @Test("a broken environment is reported for its own break, not again for its vector")
    func brokenAlone() {
        let report = EnvironmentChecker().check { Corridor(brokenBy: .infiniteReward) }
        #expect(report.kinds == [.invalidReward])
    }

    @Test("episodes that outlast the vector steps leave a note")
    func noEnding() {
        let report = EnvironmentChecker(vectorSteps: 1).check { Countdown() }
        #expect(report.passed)
        #expect(report.notes.contains { $0.contains("autoreset was not checked") }, "\(report)")
    }

    @Test("validate throws for a vector problem too")
    func validate() {
        let stream = SharedStream()
        #expect(throws: EnvironmentError.self) { try EnvironmentChecker().validate { SharedStreamWalk(stream: stream) } }
    }
}
