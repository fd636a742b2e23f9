import RLCore
import RLEnvironments
import SeededRandom
import Testing

@Suite("Taxi against Gymnasium's fixture")
struct TaxiTests {
    static func outcomes(_ model: some TabularModel, _ state: Int, _ action: Int) -> [Fixtures.Outcome] {
        model.transitions(from: state, action: action).map {
            Fixtures.Outcome(p: $0.probability, next: $0.nextState, reward: $0.reward, terminated: $0.terminated)
        }
    }

    @Test("the transition tables equal Gymnasium's entry by entry, dry and rainy", arguments: ["default", "rainy"])
    func transitions(variant: String) throws {
        let expected = try #require(try Fixtures.taxi.get().variants[variant]).transitions
        let taxi = try Taxi(isRainy: variant == "rainy")
        #expect(expected.count == 500)
        for state in 0..<500 {
            for action in 0..<6 {
                #expect(Self.outcomes(taxi, state, action) == expected[state][action], "\(variant) state \(state) action \(action)")
            }
        }
    }

    @Test("encoding, the 300 starting states, the action mask and the map are Gymnasium's")
    func encodingStartsAndMask() throws {
        let file = try Fixtures.taxi.get()
        for (state, parts) in file.decode.enumerated() {
            let decoded = Taxi.decode(state)
            #expect([decoded.taxiRow, decoded.taxiColumn, decoded.passengerLocation, decoded.destination] == parts)
            #expect(Taxi.encode(taxiRow: parts[0], taxiColumn: parts[1], passengerLocation: parts[2], destination: parts[3]) == state)
        }
        let taxi = try Taxi()
        #expect(taxi.initialStates == file.initialStateDistribution.indices.filter { file.initialStateDistribution[$0] > 0 })
        #expect(file.initialStateDistribution.allSatisfy { $0 == 0 || $0 == 1.0 / 300 })
        for (state, mask) in file.actionMask.enumerated() {
            #expect((0..<6).map { Taxi.isActionEnabled(atIndex: $0, in: state) ? 1 : 0 } == mask, "state \(state)")
        }
        #expect(Taxi.map == file.map)
    }

    @Test("the registry: Taxi-v4 with Gymnasium's limit and threshold, Taxi-v3 and taxi name the same environment")
    func registration() throws {
        let file = try Fixtures.taxi.get()
        #expect(file.registeredTaxiIds == ["Taxi-v4"])
        for name in ["Taxi-v4", "Taxi-v3", "taxi"] {
            let registration = try EnvironmentRegistry.standard.registration(named: name)
            #expect(registration.id == file.env.id)
            #expect(registration.maxEpisodeSteps == file.env.maxEpisodeSteps)
            #expect(registration.rewardThreshold == file.env.rewardThreshold)
            #expect(try EnvironmentRegistry.standard.make(name) is TimeLimit<Taxi>)
        }
    }

    @Test("the environment's mask follows its state, also through the registry's wrapper")
    func liveMask() throws {
        var taxi = try #require(try EnvironmentRegistry.standard.make("taxi") as? TimeLimit<Taxi>)
        for seed in 0..<20 as Range<UInt64> {
            let state = taxi.reset(seed: seed)
            #expect(taxi.actionMask == (0..<6).map { Taxi.isActionEnabled(atIndex: $0, in: state) })
        }
        #expect(!taxi.isActionEnabled(atIndex: 6) && !taxi.isActionEnabled(atIndex: -1))
    }

    @Test("a delivery: drive to the passenger, pick up, drive, drop off for +20; illegal pickups cost 10")
    func delivery() throws {
        var taxi = try Taxi()
        // Taxi at (2, 2), passenger at Y (4, 0), destination G (0, 4).
        let start = Taxi.encode(taxiRow: 2, taxiColumn: 2, passengerLocation: 2, destination: 1)
        // Reset until that start comes up, so the episode is a real one.
        var seed: UInt64 = 0
        while taxi.reset(seed: seed) != start { seed += 1 }
        #expect(try taxi.step(4).reward == -10)
        var total = -10.0
        // West twice to (2, 0), south twice to Y, pick up; north twice, east four times along
        // the open row 2, north twice to G; drop off.
        for action in [3, 3, 0, 0, 4, 1, 1, 2, 2, 2, 2, 1, 1] {
            let result = try taxi.step(action)
            total += result.reward
            #expect(!result.terminated)
        }
        #expect(Taxi.decode(taxi.state) == (0, 4, 4, 1))
        let dropoff = try taxi.step(5)
        #expect(dropoff.reward == 20 && dropoff.terminated && taxi.episodeSucceeded == true)
        #expect(total + dropoff.reward == -10 - 13 + 20)
        #expect(throws: EnvironmentError.resetNeeded(environment: "Taxi")) { try taxi.step(0) }
    }

    /// The shortest action sequence from `start` to a state that satisfies `goal`, through the
    /// dry table.
    static func path(in taxi: Taxi, from start: Int, to goal: (Int) -> Bool) -> [Int] {
        var previous: [Int: (state: Int, action: Int)] = [:]
        var frontier = [start]
        var seen: Set<Int> = [start]
        while !frontier.isEmpty {
            var next: [Int] = []
            for state in frontier {
                if goal(state) {
                    var actions: [Int] = []
                    var current = state
                    while let step = previous[current] {
                        actions.append(step.action)
                        current = step.state
                    }
                    return actions.reversed()
                }
                for action in 0..<6 {
                    let successor = taxi.transitions(from: state, action: action)[0].nextState
                    if seen.insert(successor).inserted {
                        previous[successor] = (state, action)
                        next.append(successor)
                    }
                }
            }
            frontier = next
        }
        return []
    }

    @Test("a fickle passenger changes destination once, on the first move with them aboard, in 30% of episodes")
    func ficklePassenger() throws {
        var taxi = try Taxi(isFicklePassenger: true)
        var changed = 0
        let episodes = 2_000
        _ = taxi.reset(seed: 11)
        for _ in 0..<episodes {
            let start = taxi.reset()
            let mayChange = taxi.passengerMayChangeMind
            // To the passenger and aboard: nothing changes yet.
            var state = start
            for action in Self.path(in: taxi, from: start, to: { Taxi.decode($0).passengerLocation == Taxi.inTaxi }) {
                state = try taxi.step(action).observation
                #expect(Taxi.decode(state).destination == Taxi.decode(start).destination)
            }
            // The first move with the passenger aboard, then a few more.
            var destinations: [Int] = []
            for _ in 0..<4 {
                let move = try #require((0..<4).first { Taxi.isActionEnabled(atIndex: $0, in: state) })
                state = try taxi.step(move).observation
                destinations.append(Taxi.decode(state).destination)
            }
            #expect(Set(destinations).count == 1, "the destination changes on the first move only")
            if destinations[0] != Taxi.decode(start).destination {
                #expect(mayChange)
                changed += 1
            } else {
                #expect(!mayChange)
            }
        }
        let rate = Double(changed) / Double(episodes)
        #expect(abs(rate - 0.3) < 0.035, "\(rate)")
    }

    @Test("bad options get one clear line", arguments: [
        (["rainy": "true", "rainy-probability": "1.5"], "Taxi-v4: option rainy-probability must be from 0.0 to 1.0, got '1.5'"),
        (["rainy-probability": "0.9"], "Taxi-v4: option rainy-probability only applies when rainy is true, got '0.9'"),
        (["fickle-passenger": "true", "fickle-probability": "-0.1"], "Taxi-v4: option fickle-probability must be from 0.0 to 1.0, got '-0.1'"),
        (["fickle-probability": "0.5"], "Taxi-v4: option fickle-probability only applies when fickle-passenger is true, got '0.5'"),
        (["rainy": "maybe"], "Taxi-v4: option rainy must be true or false, got 'maybe'"),
    ])
    func badOptions(options: [String: String], message: String) {
        #expect(throws: EnvironmentError.invalidOption(message)) { try EnvironmentRegistry.standard.make("taxi", options: options) }
    }

    @Test("options reach the environment; the rainy table uses the given probability")
    func options() throws {
        let made = try #require(try EnvironmentRegistry.standard.make(
            "taxi", options: ["rainy": "true", "rainy-probability": "0.6", "fickle-passenger": "yes", "fickle-probability": "1"])
            as? TimeLimit<Taxi>)
        #expect(made.wrapped.isRainy && made.wrapped.rainyProbability == 0.6)
        #expect(made.wrapped.isFicklePassenger && made.wrapped.fickleProbability == 1)
        #expect(made.wrapped.transitions(from: 0, action: 0).map(\.probability) == [0.6, 0.2, 0.2])
        #expect(throws: EnvironmentError.self) { try Taxi(rainyProbability: 2) }
    }

    @Test("Gymnasium's ANSI text: the taxi highlighted, the passenger's place bold blue, the destination magenta")
    func text() throws {
        var taxi = try Taxi()
        var seed: UInt64 = 0
        let start = Taxi.encode(taxiRow: 1, taxiColumn: 1, passengerLocation: 0, destination: 3)
        while taxi.reset(seed: seed) != start { seed += 1 }
        let lines = taxi.renderText().split(separator: "\n", omittingEmptySubsequences: false)
        #expect(lines[1] == "|\u{1B}[34;1mR\u{1B}[0m: | : :G|")
        #expect(lines[2] == "| :\u{1B}[43m \u{1B}[0m| : : |")
        #expect(lines[5] == "|Y| : |\u{1B}[35mB\u{1B}[0m: |")
        #expect(lines[7] == "" && lines.count == 9)
        _ = try taxi.step(0)
        #expect(taxi.renderText().hasSuffix("  (South)\n"))
    }
}
