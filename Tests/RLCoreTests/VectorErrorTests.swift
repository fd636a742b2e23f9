import RLCore
import Testing

@Suite("VectorEnvironment errors")
struct VectorErrorTests {
    /// The message of an `EnvironmentError` of the expected case, or `nil` (recording an issue).
    func message(of error: any Error, _ expected: (EnvironmentError) -> String?) -> String? {
        guard let environmentError = error as? EnvironmentError, let text = expected(environmentError) else {
            Issue.record("unexpected error \(error)")
            return nil
        }
        return text
    }

    func invalidVector(_ error: EnvironmentError) -> String? {
        if case .invalidVector(let message) = error { return message }
        return nil
    }

    func invalidAction(_ error: EnvironmentError) -> String? {
        if case .invalidAction(let message) = error { return message }
        return nil
    }

    @Test("fewer than one copy, or too many, is refused before any copy is made", arguments: [0, -3, (1 << 22) + 1])
    func copyCount(copies: Int) {
        var made = 0
        do {
            _ = try VectorEnvironment(copies: copies) { _ in made += 1; return Countdown() }
            Issue.record("no error for \(copies) copies")
        } catch {
            #expect(message(of: error, invalidVector)?.contains("number of copies must be from 1") == true, "\(error)")
        }
        #expect(made == 0)
        #expect(throws: EnvironmentError.invalidVector("Countdown-v0: the number of copies must be at least 1, got 0")) {
            var registry = EnvironmentRegistry()
            try registry.register(EnvironmentRegistration(id: "Countdown-v0", summary: "Count down.") { _ in Countdown() })
            _ = try registry.makeVector("Countdown-v0", copies: 0)
        }
    }

    @Test("a thread count below 1 or a negative share work is refused")
    func threading() {
        #expect(throws: EnvironmentError.self) {
            _ = try VectorEnvironment(copies: 2, threading: VectorThreading(threadCount: 0)) { _ in Countdown() }
        }
        #expect(throws: EnvironmentError.self) {
            _ = try VectorEnvironment(copies: 2, threading: VectorThreading(threadCount: 2, minimumShareWork: .microseconds(-1))) { _ in Countdown() }
        }
    }

    @Test("copies with different spaces are refused, naming both")
    func differentSpaces() {
        struct Sized: Environment {
            let observationSpace: Discrete
            let actionSpace = Discrete(1)
            mutating func reset(seed: UInt64?) -> Int { 0 }
            mutating func step(_ action: Int) throws -> StepResult<Int> { StepResult(observation: 0, reward: 0) }
        }
        do {
            _ = try VectorEnvironment(copies: 3) { copy in Sized(observationSpace: Discrete(copy == 2 ? 5 : 4)) }
            Issue.record("no error")
        } catch {
            #expect(message(of: error, invalidVector)?.contains("copy 2 has the spaces Discrete(5) → Discrete(1), copy 0 Discrete(4) → Discrete(1)") == true)
        }
    }

    @Test("stepping before the first reset throws resetNeeded")
    func stepBeforeReset() throws {
        let vector = try VectorEnvironment(copies: 2) { _ in Countdown() }
        #expect(throws: EnvironmentError.resetNeeded(environment: "VectorEnvironment<Countdown> (2 copies)")) {
            try vector.step(actionIndices: [0, 0])
        }
        let rows = try VectorEnvironment(copies: 2) { _ in Drift() }
        #expect(throws: EnvironmentError.self) { try rows.step(actionRows: [0, 0, 0, 0]) }
    }

    @Test("an action batch of the wrong size, or with an index outside the space, steps no copy")
    func badIndices() throws {
        let vector = try VectorEnvironment(copies: 3, threading: .synchronous) { _ in Countdown() }
        vector.reset(seed: 10)
        let before = Array(vector.observations)
        for batch in [[0, 0], [0, 0, 0, 0], [], [0, 2, 0], [0, 0, -1], [Int.max, 0, 0]] {
            do {
                try vector.step(actionIndices: batch)
                Issue.record("no error for \(batch)")
            } catch {
                let text = message(of: error, invalidAction) ?? ""
                if batch.count == 3 {
                    #expect(text.contains("is outside 0..<2"), "\(text)")
                    #expect(text.contains("no copy was stepped"), "\(text)")
                } else {
                    #expect(text.contains("\(batch.count) action indices for 3 copies"), "\(text)")
                }
            }
        }
        #expect(Array(vector.observations) == before)
        #expect(vector.totalSteps == 0)
        #expect(vector.environment(copy: 0)?.remaining == 3)
        #expect(throws: EnvironmentError.invalidAction(
            "VectorEnvironment<Countdown> (3 copies): copy 1's action index 2 is outside 0..<2 (the action space Discrete(2)); no copy was stepped")) {
            try vector.step(actionIndices: [0, 2, 5])
        }
        try vector.step(actionIndices: [0, 1, 0])                 // still usable
        #expect(Array(vector.observations) == [2, 2, 1])
    }

    @Test("rows of floats: the wrong size, outside the bounds, NaN, or indices for a continuous space")
    func badRows() throws {
        let vector = try VectorEnvironment(copies: 2) { _ in Drift() }
        vector.reset(seed: 0)
        for rows: [Float] in [[0, 0, 0], [0, 0, 0, 0, 0], [0, 0, 1.5, 0], [.nan, 0, 0, 0], [0, 0, 0, -.infinity]] {
            do {
                try vector.step(actionRows: rows)
                Issue.record("no error for \(rows)")
            } catch {
                #expect(message(of: error, invalidAction) != nil)
            }
        }
        #expect(vector.totalSteps == 0)
        do {
            try vector.step(actionIndices: [0, 1])
            Issue.record("no error")
        } catch {
            #expect(message(of: error, invalidAction)?.contains("is not finite; give rows of floats") == true)
        }
        #expect(throws: EnvironmentError.invalidAction(
            "VectorEnvironment<Drift> (2 copies): copy 1's action row [1.5, 0.0] is not in the action space Box(low: [-1.0, -1.0], high: [1.0, 1.0], shape: [2]); no copy was stepped")) {
            try vector.step(actionRows: [0, 0, 1.5, 0])
        }
    }

    @Test("the registry's errors come through: unknown id, bad option")
    func registryErrors() {
        var registry = EnvironmentRegistry()
        #expect(throws: EnvironmentError.self) { _ = try registry.makeVector("Nothing-v0", copies: 2) }
        #expect(throws: Never.self) {
            try registry.register(EnvironmentRegistration(id: "Countdown-v0", summary: "Count down.") { _ in Countdown() })
        }
        #expect(throws: EnvironmentError.invalidOption("Countdown-v0: unknown option 'speed'; options: max-episode-steps")) {
            _ = try registry.makeVector("Countdown-v0", copies: 2, options: ["speed": "2"])
        }
    }
}
