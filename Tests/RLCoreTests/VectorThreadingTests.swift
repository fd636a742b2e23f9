import RLCore
import SeededRandom
import Testing

@Suite("VectorEnvironment threads")
struct VectorThreadingTests {
    /// Everything a vector reports after a step, for comparing runs bit for bit.
    struct Snapshot: Equatable {
        var observations: [UInt32]
        var finalObservations: [UInt32]
        var rewards: [UInt32]
        var terminated: [Bool]
        var truncated: [Bool]
        var returns: [Double]
        var lengths: [Int]
        var records: [EpisodeRecord?]

        init(_ vector: any BatchedEnvironment) {
            observations = vector.observations.map(\.bitPattern)
            finalObservations = (0..<vector.copyCount).flatMap { vector.finalObservation(copy: $0) ?? [] }.map(\.bitPattern)
            rewards = vector.rewards.map(\.bitPattern)
            terminated = Array(vector.terminated)
            truncated = Array(vector.truncated)
            returns = Array(vector.episodeReturns)
            lengths = Array(vector.episodeLengths)
            records = (0..<vector.copyCount).map { vector.lastEpisode(copy: $0) }
        }
    }

    /// Steps a vector of 37 slippery corridors (a time limit of 8) with seeded random actions.
    func run(_ threading: VectorThreading, autoreset: AutoresetMode, steps: Int = 300) throws -> [Snapshot] {
        let vector = try VectorEnvironment(copies: 37, autoreset: autoreset, threading: threading) { _ in
            TimeLimit(Corridor(), maxEpisodeSteps: 8)
        }
        vector.reset(seed: 99)
        var snapshots = [Snapshot(vector)]
        var actions = SeededGenerator(seed: 4)
        var batch = [Int](repeating: 0, count: 37)
        for _ in 0..<steps {
            for copy in batch.indices { batch[copy] = actions.uniformInt(below: 2) }
            try vector.step(actionIndices: batch)
            snapshots.append(Snapshot(vector))
        }
        #expect(vector.completedEpisodes > 300)
        return snapshots
    }

    @Test("the same seed gives the same batches on 1, 2 and 3 threads, in both autoreset modes",
          arguments: AutoresetMode.allCases)
    func identicalResults(autoreset: AutoresetMode) throws {
        let synchronous = try run(.synchronous, autoreset: autoreset)
        #expect(try run(.threads(2), autoreset: autoreset) == synchronous)
        #expect(try run(.threads(3), autoreset: autoreset) == synchronous)
        // Splitting once the first batches are timed: the switch happens mid-run.
        #expect(try run(VectorThreading(threadCount: 2, minimumShareWork: .nanoseconds(1)), autoreset: autoreset) == synchronous)
    }

    @Test("an automatic policy times its first batches on one thread, then splits only where shares pay")
    func calibration() throws {
        let eager = try VectorEnvironment(copies: 8, threading: VectorThreading(threadCount: 2, minimumShareWork: .nanoseconds(1))) { _ in Corridor() }
        let reluctant = try VectorEnvironment(copies: 8, threading: VectorThreading(threadCount: 2, minimumShareWork: .seconds(60))) { _ in Corridor() }
        for vector in [eager, reluctant] {
            vector.reset(seed: 0)
            for step in 0..<VectorThreading.calibrationBatches {
                #expect(vector.shareCount == 1, "step \(step)")
                try vector.step(actionIndices: [Int](repeating: 1, count: 8))
            }
        }
        #expect(eager.shareCount == 8)            // tried: 2 threads × 4 shares, one copy each
        #expect(reluctant.shareCount == 1)        // for good
        for _ in 0..<VectorThreading.calibrationBatches {
            try eager.step(actionIndices: [Int](repeating: 1, count: 8))
            try reluctant.step(actionIndices: [Int](repeating: 1, count: 8))
        }
        #expect([1, 8].contains(eager.shareCount))   // whichever was faster on this machine just now
        #expect(reluctant.shareCount == 1)

        #expect(try VectorEnvironment(copies: 5, threading: .threads(8)) { _ in Corridor() }.shareCount == 5)
        #expect(try VectorEnvironment(copies: 100, threading: .threads(2)) { _ in Corridor() }.shareCount == 8)
        #expect(try VectorEnvironment(copies: 5, threading: .synchronous) { _ in Corridor() }.shareCount == 1)
        #expect(try VectorEnvironment(copies: 1, threading: .automatic) { _ in Corridor() }.shareCount == 1)
    }

    @Test("a copy that throws: the lowest such copy's error on any number of threads, then a reset is needed")
    func failingCopy() throws {
        for threading in [VectorThreading.synchronous, .threads(2)] {
            // Seed 10 starts the copies at 3, 4, 2, 3; copies 1 and 3 throw from their start.
            let vector = try VectorEnvironment(copies: 4, threading: threading) { copy in
                Countdown(failingValue: [nil, 4, nil, 3][copy])
            }
            vector.reset(seed: 10)
            #expect(throws: Countdown.Failure(value: 4)) { try vector.step(actionIndices: [0, 0, 0, 0]) }
            #expect(throws: EnvironmentError.self) { try vector.step(actionIndices: [0, 0, 0, 0]) }
            vector.reset(seed: 12)                                  // starts 2, 3, 4, 2: no copy fails
            try vector.step(actionIndices: [0, 0, 0, 0])
            #expect(Array(vector.observations) == [1, 2, 3, 1], "\(threading)")
        }
    }

    @Test("a vector with worker threads is freed with its threads")
    func teardown() throws {
        for round in 0..<20 {
            let vector = try VectorEnvironment(copies: 4, threading: .threads(2)) { _ in Corridor() }
            vector.reset(seed: UInt64(round))
            try vector.step(actionIndices: [1, 0, 1, 0])
        }
    }
}
