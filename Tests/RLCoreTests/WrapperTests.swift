import RLCore
import Testing

/// A user-written wrapper, as the Wrapper documentation shows: only `step` is defined.
struct ScaledReward<Wrapped: Environment>: Wrapper {
    var wrapped: Wrapped
    let factor: Double

    mutating func step(_ action: Wrapped.Action) throws -> StepResult<Wrapped.Observation> {
        var result = try wrapped.step(action)
        result.reward *= factor
        return result
    }
}

@Suite("Wrapper")
struct WrapperTests {
    @Test("a user wrapper changes what it defines and forwards everything else")
    func userWrapperForwards() throws {
        var wrapper = ScaledReward(wrapped: Corridor(), factor: 10)
        var plain = Corridor()
        #expect(wrapper.reset(seed: 4) == plain.reset(seed: 4))
        #expect(wrapper.observationSpace.description == plain.observationSpace.description)
        #expect(wrapper.actionSpace == plain.actionSpace)
        var done = false
        while !done {
            let scaled = try wrapper.step(1)
            let original = try plain.step(1)
            #expect(scaled.reward == original.reward * 10)
            #expect(scaled.observation == original.observation)
            done = scaled.isDone
        }
        #expect(wrapper.episodeSucceeded == true)
        #expect(wrapper.renderText() == plain.renderText())
        #expect(wrapper.framesPerSecond == 7)
        #expect(wrapper.drawing() == plain.drawing())
    }

    @Test("the built-in wrappers forward success, rendering, frame rate and action names")
    func builtInsForward() {
        let inner = Corridor()
        let wrapped = OneHotObservation(EpisodeStatistics(TimeLimit(inner, maxEpisodeSteps: 5)))
        #expect(wrapped.framesPerSecond == 7)
        #expect(wrapped.renderText() == inner.renderText())
        #expect(wrapped.episodeSucceeded == false)
        #expect(wrapped.actionNames == ["Left", "Right"])
        let existential: any Environment = wrapped
        #expect((existential as? any ActionNaming)?.actionNames == ["Left", "Right"])
    }
}
