import RLCore
import Testing

@Suite("TimeLimit")
struct TimeLimitTests {
    func limited(_ steps: Int) -> TimeLimit<Corridor> {
        TimeLimit(Corridor(), maxEpisodeSteps: steps)
    }

    @Test("truncates exactly at the limit and counts the steps")
    func truncatesAtLimit() throws {
        var environment = limited(3)
        _ = environment.reset(seed: 1)
        for step in 1...2 {
            // Stepping left can never reach the corridor's end.
            let result = try environment.step(0)
            #expect(!result.truncated && !result.terminated)
            #expect(environment.elapsedSteps == step)
        }
        let last = try environment.step(0)
        #expect(last.truncated)
        #expect(!last.terminated)
        #expect(last.isDone)
    }

    @Test("stepping after truncation throws resetNeeded, and reset starts a new episode")
    func stepAfterTruncationThrows() throws {
        var environment = limited(1)
        _ = environment.reset(seed: 1)
        #expect(try environment.step(0).truncated)
        #expect(throws: EnvironmentError.resetNeeded(environment: "Corridor (time limit 1 steps)")) {
            try environment.step(0)
        }
        _ = environment.reset()
        #expect(environment.elapsedSteps == 0)
        #expect(try environment.step(0).truncated)
    }

    @Test("stepping before the first reset throws")
    func stepBeforeReset() {
        var environment = limited(5)
        #expect(throws: EnvironmentError.resetNeeded(environment: "Corridor (time limit 5 steps)")) {
            try environment.step(1)
        }
    }

    @Test("termination passes through, with truncation too when both happen on the last step")
    func terminationPassesThrough() throws {
        var environment = TimeLimit(Corridor(), maxEpisodeSteps: 1_000)
        _ = environment.reset(seed: 3)
        var result = try environment.step(1)
        while !result.isDone { result = try environment.step(1) }
        #expect(result.terminated && !result.truncated)

        // Replay the same seeded episode with the limit set to its exact length.
        let length = environment.elapsedSteps
        var exact = TimeLimit(Corridor(), maxEpisodeSteps: length)
        _ = exact.reset(seed: 3)
        var last = try exact.step(1)
        while !last.isDone { last = try exact.step(1) }
        #expect(exact.elapsedSteps == length)
        #expect(last.terminated && last.truncated)
    }

    @Test("invalid actions are still rejected by the wrapped environment, without counting a step")
    func invalidActions() throws {
        var environment = limited(2)
        _ = environment.reset(seed: 1)
        #expect(throws: EnvironmentError.self) { try environment.step(5) }
        #expect(environment.elapsedSteps == 0)
    }
}
