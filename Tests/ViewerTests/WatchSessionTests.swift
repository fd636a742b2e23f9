import Foundation
import RLCore
import RLEnvironments
import Testing
import RLViewer

/// The watch loop, driven by scripted key presses instead of a person.
struct WatchSessionTests {
    @Test func recordingPlaysTheEpisodesAsTheEnvironmentWould() throws {
        var environment = CartPole()
        let destination = ScriptedDestination(isRealTime: false)
        let outcomes = try WatchSession(destination: destination, title: "CartPole-v1")
            .run(&environment, episodes: 3, seed: 7) { observation in observation[2] > 0 ? 1 : 0 }

        // The same episodes, played directly.
        var reference = CartPole()
        var observation = reference.reset(seed: 7)
        var lengths: [Int] = []
        for _ in 0..<3 {
            var length = 0
            while true {
                length += 1
                let result = try reference.step(observation[2] > 0 ? 1 : 0)
                observation = result.observation
                if result.isDone { break }
            }
            lengths.append(length)
            observation = reference.reset()
        }
        #expect(outcomes.map(\.length) == lengths)
        #expect(outcomes.map(\.totalReward) == lengths.map(Double.init))
        #expect(outcomes.map(\.episode) == [1, 2, 3])
        #expect(outcomes.allSatisfy { $0.succeeded == nil })
        // A frame per reset and one per step.
        #expect(destination.captions.count == 3 + lengths.reduce(0, +))
        #expect(destination.captions.first == "CartPole-v1 · episode 1 · step 0 · return 0")
        // The last frame of each episode says how it ended, in red: the pole fell (or the cart
        // left the track); the others have no ending.
        #expect(destination.captions.last?.hasPrefix("CartPole-v1 · episode 3 · step \(lengths[2]) · return \(lengths[2]) · ") == true)
        let endings = destination.statuses.compactMap(\.ending)
        #expect(endings.count == 3 && endings.allSatisfy { $0.isSuccess == false })
        #expect(endings.allSatisfy { ["the pole fell", "the cart left the track"].contains($0.words) })
    }

    @Test func spacePausesRightStepsRRestartsAndQQuits() throws {
        var environment = Corridor(framesPerSecond: 1)   // no step comes due by itself in this test
        let destination = ScriptedDestination(isRealTime: true, script: [
            [.keyDown(.space)],
            [.keyDown(.right)],
            [.keyDown(.right), .keyDown(.right)],
            [.keyDown(.letter("r"))],
            [.keyDown(.right)],
            [.keyDown(.space)],
            [.keyDown(.letter("q"))],
        ])
        let outcomes = try WatchSession(destination: destination, title: "Corridor")
            .run(&environment, episodes: 5, seed: nil) { _ in 1 }
        #expect(outcomes.isEmpty)
        #expect(destination.captions == [
            "Corridor · episode 1 · step 0 · return 0",
            "Corridor · episode 1 · step 0 · return 0 · paused",
            "Corridor · episode 1 · step 1 · return -0.5 · paused",
            "Corridor · episode 1 · step 2 · return -1 · paused",
            "Corridor · episode 1 · step 3 · return -1.5 · paused",
            "Corridor · episode 1 · step 0 · return 0 · paused",
            "Corridor · episode 1 · step 1 · return -0.5 · paused",
            "Corridor · episode 1 · step 1 · return -0.5",
        ])
        #expect(environment.position == 1)
    }

    @Test func rightArrowDoesNothingWhileRunningAndEscapeOrClosingQuits() throws {
        for quit in [ViewerEvent.keyDown(.escape), .quit] {
            var environment = Corridor(framesPerSecond: 1)
            let destination = ScriptedDestination(isRealTime: true, script: [[.keyDown(.right)], [quit]])
            _ = try WatchSession(destination: destination, title: "Corridor").run(&environment, episodes: 1, seed: nil) { _ in 1 }
            #expect(destination.captions == ["Corridor · episode 1 · step 0 · return 0"])
        }
    }

    @Test func plusAndMinusChangeTheSpeedShownInTheTitle() throws {
        var environment = Corridor(framesPerSecond: 1)
        let destination = ScriptedDestination(isRealTime: true, script: [
            [.keyDown(.plus)], [.keyDown(.plus)], [.keyDown(.minus)], [.keyDown(.minus)], [.keyDown(.minus)], [.keyDown(.letter("q"))],
        ])
        _ = try WatchSession(destination: destination, title: "C").run(&environment, episodes: 1, seed: nil) { _ in 1 }
        #expect(destination.captions.map { $0.components(separatedBy: " · ").dropFirst(4).joined() } == ["", "2x", "4x", "2x", "", "1/2x"])
    }

    @Test func framesComeAtTheEnvironmentsPaceWhenNothingIsPressed() throws {
        // 100 frames a second: the empty batches wait for each deadline, so each is a step (or
        // more, when the machine is slow and the loop is late).
        var environment = Corridor(framesPerSecond: 100, hasGoal: false)
        let destination = ScriptedDestination(isRealTime: true, script: Array(repeating: [], count: 4) + [[.keyDown(.letter("q"))]])
        let clock = ContinuousClock()
        let start = clock.now
        _ = try WatchSession(destination: destination, title: "C").run(&environment, episodes: 1, seed: nil) { _ in 1 }
        let steps = destination.captions.count - 1
        #expect(steps >= 4)
        // Never faster than the pace: step k comes k × 10 ms after the start at the earliest.
        #expect(clock.now - start >= .milliseconds(10 * steps))
    }

    @Test func episodesWithoutEndAreCutAtTheStepLimit() throws {
        var environment = Corridor(hasGoal: false)
        var session = WatchSession(destination: ScriptedDestination(isRealTime: false), title: "C")
        session.maxStepsPerEpisode = 6
        let outcomes = try session.run(&environment, episodes: 2, seed: nil) { _ in 1 }
        #expect(outcomes == [EpisodeOutcome(episode: 1, totalReward: -3, length: 6, terminated: false, truncated: true, succeeded: false),
                             EpisodeOutcome(episode: 2, totalReward: -3, length: 6, terminated: false, truncated: true, succeeded: false)])
    }

    @Test func goalsAreReportedAsSuccesses() throws {
        var environment = Corridor()
        let outcomes = try WatchSession(destination: ScriptedDestination(isRealTime: false), title: "C")
            .run(&environment, episodes: 1, seed: nil) { _ in 1 }
        #expect(outcomes == [EpisodeOutcome(episode: 1, totalReward: 0.5 * -3 + 1, length: 4, terminated: true, truncated: false, succeeded: true)])
    }

    @Test func theEndingShowsOnTheEpisodesLastFrameOnly() throws {
        var environment = Corridor()
        let destination = ScriptedDestination(isRealTime: false)
        var session = WatchSession(destination: destination, title: "C", player: "right")
        session.maxStepsPerEpisode = 3
        _ = try session.run(&environment, episodes: 1, seed: nil) { _ in 1 }
        var unbounded = Corridor()
        let reached = ScriptedDestination(isRealTime: false)
        _ = try WatchSession(destination: reached, title: "C", player: "right").run(&unbounded, episodes: 2, seed: nil) { _ in 1 }
        // Cut at the viewer's step limit: said so, neither success nor failure.
        #expect(destination.statuses.map(\.ending) == [nil, nil, nil, EpisodeEnding(words: "cut after 3 steps", isSuccess: nil)])
        // The goal: the generic words, a success; the next episode starts without an ending.
        #expect(reached.statuses[4].ending == EpisodeEnding(words: "reached the goal", isSuccess: true))
        #expect(reached.statuses[5].ending == nil && reached.statuses[5].episode == 2)
        #expect(reached.captions[4] == "C · right · episode 1 · step 4 · return -0.5 · reached the goal")
        #expect(reached.statuses[4].windowTitle == "C · right · episode 1")
    }

    @Test func badRequestsAndFailingPoliciesAreErrors() throws {
        var environment = Corridor()
        let session = WatchSession(destination: ScriptedDestination(isRealTime: false), title: "C")
        #expect(throws: ViewerError.self) { try session.run(&environment, episodes: 0, seed: nil) { _ in 1 } }
        var stopped = Corridor(framesPerSecond: 0)
        #expect(throws: ViewerError.unsupportedEnvironment("a pace of 0.0 frames per second cannot be shown; it must be from 0.01 to 1000 (or unlimited)")) {
            try session.run(&stopped, episodes: 1, seed: nil) { _ in 1 }
        }
        // Issue 13, item 6: a frame every 10^19 seconds would not fit a Duration; refused.
        #expect(throws: ViewerError.self) { try FramePacer(framesPerSecond: 1e-19) }
        #expect(throws: ViewerError.self) { try FramePacer(framesPerSecond: .nan) }
        #expect(try FramePacer(framesPerSecond: 0.01).frameInterval == .seconds(100))
        // An action outside the space: the environment's own error comes through.
        #expect(throws: EnvironmentError.self) { try session.run(&environment, episodes: 1, seed: nil) { _ in 7 } }
        struct PolicyFailure: Error {}
        #expect(throws: PolicyFailure.self) { try session.run(&environment, episodes: 1, seed: nil) { _ in throw PolicyFailure() } }
    }
}

/// The pace arithmetic.
struct FramePacerTests {
    @Test func speedDoublesAndHalvesWithinItsBounds() throws {
        var pacer = try FramePacer(framesPerSecond: 50)
        #expect(pacer.frameInterval == .milliseconds(20))
        let tookPlus = pacer.handle(.plus)
        #expect(tookPlus && pacer.speedDescription == "2x" && pacer.frameInterval == .milliseconds(10))
        for _ in 0..<20 { _ = pacer.handle(.plus) }
        #expect(pacer.speedDescription == "64x")
        for _ in 0..<30 { _ = pacer.handle(.minus) }
        #expect(pacer.speedDescription == "1/16x" && pacer.frameInterval == .milliseconds(320))
        let tookSpace = pacer.handle(.space)
        #expect(!tookSpace)
    }

    @Test func episodeEndsStayHalfASecondButAtLeastAFrame() throws {
        #expect(try FramePacer(framesPerSecond: 50).endOfEpisodePause == .milliseconds(500))
        #expect(try FramePacer(framesPerSecond: 1).endOfEpisodePause == .seconds(1))
        #expect(try FramePacer(framesPerSecond: 4).endOfEpisodePause == .milliseconds(500))
        #expect(throws: ViewerError.self) { try FramePacer(framesPerSecond: -3) }
        #expect(throws: ViewerError.self) { try FramePacer(framesPerSecond: .nan) }
    }

    @Test func infinitePaceMeansNoWaiting() throws {
        let pacer = try FramePacer(framesPerSecond: .infinity)
        #expect(pacer.frameInterval == .zero && pacer.endOfEpisodePause == .zero)
    }
}
