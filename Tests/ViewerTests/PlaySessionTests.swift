import RLCore
import RLEnvironments
import Testing
import RLViewer

/// A person's play, with scripted key presses.
struct PlaySessionTests {
    @Test func keysFollowTheActionNames() throws {
        let lake = try PlaySession.controls(for: FrozenLake())
        #expect([ViewerKey.left, .down, .right, .up].map(lake.action(for:)) == [0, 1, 2, 3])
        #expect([ViewerKey.letter("a"), .letter("s"), .letter("d"), .letter("w")].map(lake.action(for:)) == [0, 1, 2, 3])
        #expect(lake.action(for: .digit(3)) == 3 && lake.action(for: .digit(4)) == nil)
        #expect(lake.hint == "← Left, ↓ Down, → Right, ↑ Up")

        let cartPole = try PlaySession.controls(for: CartPole())
        #expect(cartPole.action(for: .left) == 0 && cartPole.action(for: .right) == 1 && cartPole.action(for: .up) == nil)
        #expect(cartPole.hint == "← Push left, → Push right")

        let cliff = try PlaySession.controls(for: CliffWalking())
        #expect([ViewerKey.up, .right, .down, .left].map(cliff.action(for:)) == [0, 1, 2, 3])

        let unnamed = KeyboardControls(actionCount: 3, actionNames: nil)
        #expect(unnamed.action(for: .left) == nil && unnamed.action(for: .digit(2)) == 2)
        #expect(unnamed.hint == "keys 0 1 2 choose the action by number")
    }

    @Test func stylesFollowTheObservations() throws {
        #expect(PlaySession.defaultStyle(for: try FrozenLake()) == .turnByTurn)
        #expect(PlaySession.defaultStyle(for: CartPole()) == .realTime)
    }

    @Test func aPersonCrossesTheLakeOneKeyAtATime() throws {
        var lake = try FrozenLake(isSlippery: false)
        let destination = ScriptedDestination(isRealTime: true, script: [
            [.keyDown(.right)], [.keyUp(.right)], [.keyDown(.plus)], [.keyDown(.letter("d"))], [.keyDown(.down)],
            [.keyDown(.letter("s"))], [.keyDown(.down)], [.keyDown(.right)],
            [.keyDown(.space)],   // after the last episode, any key ends the game
        ])
        let outcomes = try PlaySession(destination: destination, title: "FrozenLake-v1").run(&lake, episodes: 1, seed: 0)
        #expect(outcomes == [EpisodeOutcome(episode: 1, totalReward: 1, length: 6, terminated: true, truncated: false, succeeded: true)])
        #expect(destination.captions.count == 7)
        #expect(destination.captions.last == "FrozenLake-v1 · episode 1 · step 6 · return 1 · reached the goal")
    }

    @Test func anotherKeyStartsTheNextEpisodeAndRRestarts() throws {
        var corridor = Corridor()
        let destination = ScriptedDestination(isRealTime: true, script: [
            [.keyDown(.right)], [.keyDown(.letter("r"))],
            [.keyDown(.right)], [.keyDown(.right)], [.keyDown(.right)], [.keyDown(.right)],
            [.keyDown(.left)],    // starts episode 2 without moving
            [.keyDown(.right)],
        ])
        let outcomes = try PlaySession(destination: destination, title: "C").run(&corridor, episodes: 3, seed: nil)
        #expect(outcomes.map(\.length) == [4])
        #expect(destination.captions[6] == "C · episode 1 · step 4 · return -0.5 · reached the goal · a key plays again")
        #expect(destination.captions.suffix(2) == ["C · episode 2 · step 0 · return 0", "C · episode 2 · step 1 · return -0.5"])
    }

    @Test func cartPoleRunsInRealTimeWithTheHeldOrLastDirection() throws {
        var cartPole = CartPole()
        let destination = ScriptedDestination(isRealTime: true, script:
            [[], [], [.keyDown(.right)]] + Array(repeating: [], count: 3) + [[.keyUp(.right)]] + Array(repeating: [], count: 40))
        let outcomes = try PlaySession(destination: destination, title: "CartPole-v1").run(&cartPole, episodes: 1, seed: 5)
        // The same episode played directly: always pushing right.
        var reference = CartPole()
        _ = reference.reset(seed: 5)
        var length = 0
        while true {
            length += 1
            if try reference.step(1).isDone { break }
        }
        #expect(outcomes == [EpisodeOutcome(episode: 1, totalReward: Double(length), length: length, terminated: true, truncated: false, succeeded: nil)])
        #expect(destination.captions.first == "CartPole-v1 · episode 1 · step 0 · return 0 · press ← Push left, → Push right to start")
        #expect(cartPole.state == reference.state)
    }

    @Test func newEnvironmentsGetTheirKeys() throws {
        let taxi = try PlaySession.controls(for: Taxi())
        #expect([ViewerKey.down, .up, .right, .left, .letter("p"), .letter("o")].map(taxi.action(for:)) == [0, 1, 2, 3, 4, 5])
        #expect(taxi.hint == "↓ South, ↑ North, → East, ← West, p Pickup, o Dropoff")
        let blackjack = try PlaySession.controls(for: Blackjack())
        #expect(blackjack.action(for: .letter("s")) == 0 && blackjack.action(for: .letter("h")) == 1 && blackjack.action(for: .down) == nil)
        #expect(blackjack.hint == "s Stick, h Hit")
        let acrobot = try PlaySession.controls(for: Acrobot())
        #expect(acrobot.action(for: .left) == 0 && acrobot.action(for: .right) == 2 && acrobot.idleAction == 1)
        let pendulum = try PlaySession.controls(for: Pendulum())
        #expect(pendulum.action(for: .left) == 0 && pendulum.action(for: .right) == 2 && pendulum.idleAction == 1)
        #expect(pendulum.hint == "← Push left (-2.0), → Push right (2.0)")
        #expect(try PlaySession.defaultStyle(for: Pendulum()) == .realTime)
        #expect(try PlaySession.defaultStyle(for: Blackjack()) == .turnByTurn)
    }

    @Test func continuousActionsPushWhileAnArrowIsHeldAndNothingAfter() throws {
        var pendulum = TimeLimit(try Pendulum(), maxEpisodeSteps: 12)
        let destination = ScriptedDestination(isRealTime: true, script:
            [[], [.keyDown(.right)], [], [.keyUp(.right)]] + Array(repeating: [], count: 30))
        let outcomes = try PlaySession(destination: destination, title: "Pendulum-v1").run(&pendulum, episodes: 1, seed: 2)
        #expect(outcomes.count == 1 && outcomes[0].length == 12 && outcomes[0].truncated)
        // The last steps played the idle action (no torque), not the last key pressed.
        #expect(pendulum.wrapped.lastTorque == 0)
    }

    @Test func playingNeedsAWindow() throws {
        var corridor = Corridor()
        #expect(throws: ViewerError.unsupportedEnvironment("playing needs a window that takes key presses")) {
            try PlaySession(destination: ScriptedDestination(isRealTime: false), title: "C").run(&corridor, episodes: 1, seed: nil)
        }
    }
}
