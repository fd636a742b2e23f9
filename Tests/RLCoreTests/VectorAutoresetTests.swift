import RLCore
import Testing

/// Both autoreset modes against sequences written down by hand (see ``Countdown``: reset with
/// seed 10 starts copy 0 at 3 and copy 1 at 4; each later reset starts one higher).
@Suite("VectorEnvironment autoreset")
struct VectorAutoresetTests {
    /// One batch step: the actions given and what the vector must report.
    struct Expected {
        var actions: [Int] = [0, 0]
        var observations: [Float]
        var rewards: [Float]
        var terminated: [Bool] = [false, false]
        var truncated: [Bool] = [false, false]
        var finalObservations: [Float?] = [nil, nil]
    }

    func play(_ vector: any BatchedEnvironment, _ steps: [Expected]) throws {
        for (number, step) in steps.enumerated() {
            try vector.step(actionIndices: step.actions)
            let place = "batch step \(number + 1)"
            #expect(Array(vector.observations) == step.observations, "\(place)")
            #expect(Array(vector.rewards) == step.rewards, "\(place)")
            #expect(Array(vector.terminated) == step.terminated, "\(place)")
            #expect(Array(vector.truncated) == step.truncated, "\(place)")
            #expect((0..<2).map { vector.finalObservation(copy: $0)?.first } == step.finalObservations, "\(place)")
        }
    }

    @Test("next-step: the step after an episode ends resets that copy, with reward 0 and both flags false")
    func nextStep() throws {
        let vector = try VectorEnvironment(copies: 2, threading: .synchronous) { _ in Countdown() }
        #expect(vector.autoresetMode == .nextStep)
        vector.reset(seed: 10)
        #expect(Array(vector.observations) == [3, 4])
        try play(vector, [
            Expected(observations: [2, 3], rewards: [1, 1]),
            Expected(observations: [1, 2], rewards: [1, 1]),
            Expected(observations: [0, 1], rewards: [1, 1], terminated: [true, false]),
            // Copy 0 is reset (its action 1 is ignored) and starts one higher than before.
            Expected(actions: [1, 0], observations: [4, 0], rewards: [0, 1], terminated: [false, true]),
            Expected(observations: [3, 5], rewards: [1, 0]),
            Expected(actions: [1, 1], observations: [1, 3], rewards: [2, 2]),
        ])
        #expect(vector.finalObservations.isEmpty)
        #expect(vector.completedEpisodes == 2)
        #expect(vector.totalSteps == 10)   // the two reset steps apply no action
        #expect(vector.lastEpisode(copy: 0) == EpisodeRecord(totalReward: 3, length: 3, terminated: true, truncated: false, succeeded: true))
        #expect(vector.lastEpisode(copy: 1) == EpisodeRecord(totalReward: 4, length: 4, terminated: true, truncated: false, succeeded: true))
        #expect(Array(vector.episodeReturns) == [3, 2])
        #expect(Array(vector.episodeLengths) == [2, 1])
    }

    @Test("same-step: the ending step reports the new first observation and keeps the final one apart")
    func sameStep() throws {
        let vector = try VectorEnvironment(copies: 2, autoreset: .sameStep, threading: .synchronous) { _ in Countdown() }
        vector.reset(seed: 10)
        #expect(Array(vector.observations) == [3, 4])
        #expect(vector.finalObservations.count == 2)
        try play(vector, [
            Expected(observations: [2, 3], rewards: [1, 1]),
            Expected(observations: [1, 2], rewards: [1, 1]),
            Expected(observations: [4, 1], rewards: [1, 1], terminated: [true, false], finalObservations: [0, nil]),
            Expected(observations: [3, 5], rewards: [1, 1], terminated: [false, true], finalObservations: [nil, 0]),
            Expected(actions: [1, 0], observations: [1, 4], rewards: [2, 1]),
        ])
        #expect(vector.completedEpisodes == 2)
        #expect(vector.totalSteps == 10)
    }

    @Test("episode records: finished only on the step that ends the episode, the last one kept")
    func episodeRecords() throws {
        let vector = try VectorEnvironment(copies: 2, threading: .synchronous) { _ in Countdown() }
        vector.reset(seed: 10)
        try vector.step(actionIndices: [1, 0])                    // copy 0: 3 → 1
        #expect(vector.finishedEpisode(copy: 0) == nil)
        #expect(vector.lastEpisode(copy: 0) == nil)
        try vector.step(actionIndices: [1, 0])                    // copy 0: 1 → 0, ends
        let ended = EpisodeRecord(totalReward: 4, length: 2, terminated: true, truncated: false, succeeded: true)
        #expect(vector.finishedEpisode(copy: 0) == ended)
        #expect(vector.finishedEpisode(copy: 1) == nil)
        try vector.step(actionIndices: [0, 0])                    // copy 0 is reset
        #expect(vector.finishedEpisode(copy: 0) == nil)
        #expect(vector.lastEpisode(copy: 0) == ended)
        #expect(vector.finishedEpisode(copy: 2) == nil)
        #expect(vector.lastEpisode(copy: -1) == nil)

        // A reset abandons the running episodes without recording them.
        #expect(vector.episodeLengths[1] == 3)
        vector.reset(seed: nil)
        #expect(Array(vector.episodeLengths) == [0, 0])
        #expect(Array(vector.rewards) == [0, 0])
        #expect(vector.completedEpisodes == 1)
    }

    @Test("time limits of the registry apply to each copy on its own")
    func timeLimitPerCopy() throws {
        var registry = EnvironmentRegistry()
        try registry.register(EnvironmentRegistration(id: "Countdown-v0", summary: "Count down to zero.",
                                                      maxEpisodeSteps: 3) { _ in Countdown() })
        let vector = try registry.makeVector("Countdown-v0", copies: 2, threading: .synchronous)
        vector.reset(seed: 10)
        // Copy 0 counts down by 2 and terminates on step 2, then runs into the limit 3 steps
        // after its reset; copy 1 counts down by 1 and is truncated on step 3.
        try play(vector, [
            Expected(actions: [1, 0], observations: [1, 3], rewards: [2, 1]),
            Expected(actions: [1, 0], observations: [0, 2], rewards: [2, 1], terminated: [true, false]),
            Expected(observations: [4, 1], rewards: [0, 1], truncated: [false, true]),
            Expected(observations: [3, 5], rewards: [1, 0]),
            Expected(observations: [2, 4], rewards: [1, 1]),
            Expected(observations: [1, 3], rewards: [1, 1], truncated: [true, false]),
        ])
        let truncated = EpisodeRecord(totalReward: 3, length: 3, terminated: false, truncated: true, succeeded: false)
        #expect(vector.lastEpisode(copy: 0) == truncated)
        #expect(vector.lastEpisode(copy: 1) == truncated)

        // The limit option replaces the registered one for every copy.
        let longer = try registry.makeVector("Countdown-v0", copies: 2, options: ["max-episode-steps": "1"])
        longer.reset(seed: 10)
        try longer.step(actionIndices: [0, 0])
        #expect(Array(longer.truncated) == [true, true])
    }
}
