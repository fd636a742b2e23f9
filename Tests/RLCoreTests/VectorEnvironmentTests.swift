import RLCore
import SeededRandom
import Testing

@Suite("VectorEnvironment")
struct VectorEnvironmentTests {
    @Test("reset(seed: s) seeds copy i with s + i; nil continues each copy's stream")
    func seeding() throws {
        let vector = try VectorEnvironment(copies: 3, threading: .synchronous) { _ in Countdown() }
        vector.reset(seed: 10)
        #expect(Array(vector.observations) == [3, 4, 2])       // 2 + (10 + i) % 3
        vector.reset(seed: nil)
        #expect(Array(vector.observations) == [4, 5, 3])
        vector.reset(seed: 11)
        #expect(Array(vector.observations) == [4, 2, 3])

        // With a real random stream: each row is what a single environment seeded s + i gives.
        let corridors = try VectorEnvironment(copies: 5, threading: .synchronous) { _ in Corridor() }
        corridors.reset(seed: 7)
        var singles = (0..<5).map { _ in Corridor() }
        let firsts = singles.indices.map { singles[$0].reset(seed: 7 + UInt64($0)) }
        #expect(corridors.observationIndices.map(Array.init) == firsts)
        #expect(corridors.observation(copy: 2) == Discrete(6).flattened(firsts[2]))
        corridors.reset(seed: nil)
        #expect(corridors.observationIndices.map(Array.init) == singles.indices.map { singles[$0].reset(seed: nil) })
    }

    @Test("a seed near the top of UInt64 wraps around for the later copies")
    func seedWraps() throws {
        let vector = try VectorEnvironment(copies: 2, threading: .synchronous) { _ in Countdown() }
        vector.reset(seed: .max)
        #expect(Array(vector.observations) == [Float(2 + UInt64.max % 3), 2])   // copy 1: seed 0
    }

    @Test("buffers: row-major, one row per copy, stable addresses, one-hot rows and indices for finite spaces")
    func buffers() throws {
        let vector = try VectorEnvironment(copies: 4, threading: .synchronous) { _ in Corridor() }
        #expect(vector.copyCount == 4)
        #expect(vector.observationWidth == 6)
        #expect(vector.actionLayout == .indices(count: 2))
        #expect(vector.observations.count == 24)
        #expect(vector.finalObservationIndices == nil)
        let address = vector.observations.baseAddress
        vector.reset(seed: 3)
        try vector.step(actionIndices: [1, 1, 0, 1])
        #expect(vector.observations.baseAddress == address)
        let indices = try #require(vector.observationIndices)
        for copy in 0..<4 {
            #expect(vector.observation(copy: copy) == Discrete(6).flattened(indices[copy]))
        }
        #expect(vector.observation(copy: 4).isEmpty)

        let countdowns = try VectorEnvironment(copies: 2, autoreset: .sameStep) { _ in Countdown() }
        #expect(countdowns.observationIndices == nil)
        #expect(countdowns.observationWidth == 1)
        #expect(countdowns.singleObservationSpace is Box<Float>)
        #expect(countdowns.singleActionSpace is Discrete)
    }

    @Test("Box actions are given as rows of floats")
    func rows() throws {
        let vector = try VectorEnvironment(copies: 2) { _ in Drift() }
        #expect(vector.actionLayout == .rows(width: 2))
        vector.reset(seed: 0)
        try vector.step(actionRows: [0.5, 0.25, -1, -1])
        #expect(Array(vector.observations) == [0.75, -2])
        #expect(Array(vector.rewards) == [-0.75, -2])
        try vector.step(actionRows: [1, 1, -1, 0])
        #expect(Array(vector.observations) == [2.75, -3])
        #expect(Array(vector.terminated) == [false, true])
        #expect(vector.finishedEpisode(copy: 1)?.length == 2)
    }

    @Test("the environment of a copy can be read")
    func readCopy() throws {
        let vector = try VectorEnvironment(copies: 2, threading: .synchronous) { _ in Countdown() }
        vector.reset(seed: 10)
        #expect(vector.environment(copy: 1)?.remaining == 4)
        #expect(vector.environment(copy: 2) == nil)
    }

    @Test("stepping from a loop through the existential: the same batches as through the concrete type")
    func existential() throws {
        let concrete = try VectorEnvironment(copies: 3, threading: .synchronous) { _ in Corridor() }
        let existential: any BatchedEnvironment = try VectorEnvironment(copies: 3, threading: .synchronous) { _ in Corridor() }
        concrete.reset(seed: 1)
        existential.reset(seed: 1)
        var actions = SeededGenerator(seed: 5)
        for _ in 0..<50 {
            let batch = (0..<3).map { _ in actions.uniformInt(below: 2) }
            try concrete.step(actionIndices: batch)
            try existential.step(actionIndices: batch)
            #expect(Array(concrete.observations) == Array(existential.observations))
            #expect(Array(concrete.rewards) == Array(existential.rewards))
        }
        #expect(concrete.completedEpisodes == existential.completedEpisodes)
        #expect(concrete.completedEpisodes > 0)
    }
}
