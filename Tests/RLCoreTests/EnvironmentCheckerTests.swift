import RLCore
import Testing

@Suite("EnvironmentChecker")
struct EnvironmentCheckerTests {
    func report(for brokenBy: Corridor.Break) -> EnvironmentCheckReport {
        let counter = InstanceCounter()
        return EnvironmentChecker().check { Corridor(brokenBy: brokenBy, instanceNumber: counter.next()) }
    }

    @Test("a well-behaved environment passes, with no notes")
    func wellBehavedPasses() {
        let report = report(for: .none)
        #expect(report.passed, "\(report)")
        #expect(report.notes.isEmpty, "\(report)")
        #expect("\(report)" == "no problems found")
    }

    @Test("each kind of break is caught, and only that kind", arguments: [
        (Corridor.Break.observationOutsideSpace, EnvironmentProblem.Kind.observationOutsideSpace),
        (.infiniteReward, .invalidReward),
        (.ignoresSeed, .nondeterministicReset),
        (.unseededSteps, .nondeterministicStep),
        (.acceptsStepBeforeReset, .stepBeforeResetAccepted),
        (.acceptsStepAfterEnd, .stepAfterEndAccepted),
        (.acceptsInvalidAction, .invalidActionAccepted),
        (.wrongErrorForInvalidAction, .wrongError),
        (.rejectsValidAction, .validActionRejected),
    ])
    func catchesBreak(brokenBy: Corridor.Break, expected: EnvironmentProblem.Kind) {
        let report = report(for: brokenBy)
        #expect(report.kinds == [expected], "\(brokenBy): \(report)")
    }

    @Test("a space that does not contain its own samples is reported as invalidSpace")
    func invalidSpace() {
        let report = EnvironmentChecker().check { WithLyingObservationSpace(wrapped: Corridor()) }
        #expect(report.kinds == [.invalidSpace], "\(report)")
    }

    @Test("a factory that throws is reported as creationFailed")
    func creationFailure() {
        struct Failure: Error {}
        let report = EnvironmentChecker().check { () throws -> Corridor in throw Failure() }
        #expect(report.kinds == [.creationFailed])
    }

    @Test("validate throws protocolViolation naming the problem, and passes silently otherwise")
    func validateThrows() throws {
        do {
            try EnvironmentChecker().validate { Corridor(brokenBy: .acceptsInvalidAction) }
            Issue.record("validate did not throw")
        } catch let error as EnvironmentError {
            guard case .protocolViolation(let message) = error else {
                Issue.record("wrong error \(error)")
                return
            }
            #expect(message.contains("invalidActionAccepted"))
        }
        try EnvironmentChecker().validate { Corridor() }
    }

    @Test("existential environments are checked through the same checks")
    func existentials() {
        let counter = InstanceCounter()
        let good = EnvironmentChecker().check { () -> any Environment in Corridor() }
        #expect(good.passed, "\(good)")
        let bad = EnvironmentChecker().check { () -> any Environment in
            Corridor(brokenBy: .unseededSteps, instanceNumber: counter.next())
        }
        #expect(bad.kinds == [.nondeterministicStep])
    }

    @Test("wrapped environments pass")
    func wrappers() {
        let report = EnvironmentChecker().check { TimeLimit(EpisodeStatistics(Corridor()), maxEpisodeSteps: 3) }
        #expect(report.passed, "\(report)")
    }

    @Test("episodes that never end leave a note instead of a problem")
    func neverEnding() {
        let report = EnvironmentChecker(maxStepsPerEpisode: 1).check { Corridor() }
        #expect(report.passed)
        #expect(report.notes.count == 1)
    }

    @Test("continuous actions: clipping finite forces past the bounds passes, as refusing them does")
    func continuousActionsMayBeClipped() {
        for handling in [Slider.Handling.clips, .refusesOutside] {
            let report = EnvironmentChecker().check { Slider(handling: handling) }
            #expect(report.passed, "\(handling): \(report)")
        }
    }

    @Test("continuous actions: accepting NaN, or refusing a finite force with the wrong error, is caught", arguments: [
        (Slider.Handling.acceptsNaN, EnvironmentProblem.Kind.invalidActionAccepted),
        (.wrongErrorForClippable, .wrongError),
    ])
    func continuousBreaks(handling: Slider.Handling, expected: EnvironmentProblem.Kind) {
        let report = EnvironmentChecker().check { Slider(handling: handling) }
        #expect(report.kinds == [expected], "\(handling): \(report)")
    }
}
