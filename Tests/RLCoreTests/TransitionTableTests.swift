import RLCore
import SeededRandom
import Testing

@Suite("TransitionTable")
struct TransitionTableTests {
    /// Two states, two actions: action 0 stays, action 1 moves with the given outcomes.
    func table(_ outcomes: [Transition]) throws -> TransitionTable {
        try TransitionTable(stateCount: 2, actionCount: 2) { state, action in
            action == 0 ? [Transition(probability: 1, nextState: state, reward: 0, terminated: false)] : outcomes
        }
    }

    @Test("lists each (state, action)'s outcomes in order, duplicates kept")
    func listsOutcomes() throws {
        let outcomes = [Transition(probability: 0.5, nextState: 1, reward: 2, terminated: true),
                        Transition(probability: 0.25, nextState: 0, reward: -1, terminated: false),
                        Transition(probability: 0.25, nextState: 0, reward: -1, terminated: false)]
        let table = try table(outcomes)
        #expect(table.transitions(from: 1, action: 1) == outcomes)
        #expect(table.transitions(from: 0, action: 0) == [Transition(probability: 1, nextState: 0, reward: 0, terminated: false)])
        #expect(table.stateCount == 2 && table.actionCount == 2)
    }

    @Test("samples outcomes with their probabilities")
    func samplingFrequencies() throws {
        let table = try table([Transition(probability: 0.2, nextState: 0, reward: 0, terminated: false),
                               Transition(probability: 0.0, nextState: 1, reward: 5, terminated: false),
                               Transition(probability: 0.8, nextState: 1, reward: 1, terminated: true)])
        var generator = SeededGenerator(seed: 1)
        var counts = [0, 0, 0]
        for _ in 0..<100_000 {
            let outcome = table.sampleOutcome(state: 0, action: 1, using: &generator)
            if table.reward(ofOutcome: outcome) == 5 { counts[1] += 1 }
            else if table.terminated(ofOutcome: outcome) { counts[2] += 1 } else { counts[0] += 1 }
        }
        #expect(counts[1] == 0)   // a zero-probability outcome is never drawn
        #expect(abs(Double(counts[0]) / 100_000 - 0.2) < 0.005)
        #expect(abs(Double(counts[2]) / 100_000 - 0.8) < 0.005)
    }

    @Test("a single outcome is returned without drawing from the generator")
    func deterministicOutcome() throws {
        let table = try table([Transition(probability: 1, nextState: 1, reward: 3, terminated: true)])
        var generator = SeededGenerator(seed: 4)
        let before = generator
        let outcome = table.sampleOutcome(state: 0, action: 1, using: &generator)
        #expect(table.nextState(ofOutcome: outcome) == 1 && table.reward(ofOutcome: outcome) == 3)
        #expect(generator == before)
    }

    @Test("bad tables are refused with a clear error", arguments: [
        [Transition](),
        [Transition(probability: 0.5, nextState: 1, reward: 0, terminated: false)],
        [Transition(probability: 1.5, nextState: 1, reward: 0, terminated: false),
         Transition(probability: -0.5, nextState: 1, reward: 0, terminated: false)],
        [Transition(probability: 1, nextState: 2, reward: 0, terminated: false)],
        [Transition(probability: .nan, nextState: 1, reward: 0, terminated: false)],
    ])
    func badTables(outcomes: [Transition]) {
        #expect(throws: EnvironmentError.self) { try table(outcomes) }
    }

    @Test("sampling follows Gymnasium's rule on the same uniform draw: the first cumulative probability above it")
    func gymnasiumRule() throws {
        let probabilities = [(1.0 - 1.0 / 3.0) / 2.0, 1.0 / 3.0, (1.0 - 1.0 / 3.0) / 2.0, 0.0]
        let table = try table(probabilities.enumerated().map {
            Transition(probability: $0.element, nextState: $0.offset % 2, reward: Double($0.offset), terminated: false)
        })
        var cumulative: [Double] = []
        for probability in probabilities { cumulative.append((cumulative.last ?? 0) + probability) }
        var generator = SeededGenerator(seed: 12)
        for _ in 0..<50_000 {
            var copy = generator
            let draw = copy.uniformDouble()
            let expected = cumulative.firstIndex { $0 > draw } ?? cumulative.count - 1
            let outcome = table.sampleOutcome(state: 0, action: 1, using: &generator)
            #expect(generator == copy)   // one draw, the same one
            #expect(table.reward(ofOutcome: outcome) == Double(expected))
        }
    }
}
