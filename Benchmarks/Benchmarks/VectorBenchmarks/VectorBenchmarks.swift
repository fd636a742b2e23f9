import Benchmark
import RL

// Vector environments: N copies stepped as one batch with random actions, next-step autoreset,
// each copy with its registered time limit, through the concrete type (as a trainer holding a
// VectorEnvironment<TimeLimit<CartPole>> steps it).
//
// The table (1 to 1,024 copies): each iteration takes batches until about a million copy-steps
// (scalingFactor .mega; 977 batches of 1,024 are 1,000,448): the throughput column is in
// millions of environment steps per second (M), all copies together; the malloc count is per
// iteration. The vector is made, reset and stepped 32 batches before the measurement, so an
// automatic policy has decided its split by then.
//
// - "synchronous": one thread.
// - "threaded": VectorThreading.automatic, the default: split across the cores only where a
//   share's work pays for the hand-off and split batches measure faster (decided during the
//   warm-up, reviewed every second).
// - "as any BatchedEnvironment from the registry": 64 CartPole-v1 copies made by
//   EnvironmentRegistry.makeVector and stepped through the existential, which runs the generic
//   code unspecialised (agents that do not know the environment's type hold vectors this way).
//
// The crossover ("batch" rows): one batch per iteration, for many iterations, so that the
// percentiles of the batch time show the moments when both cores were free as well as the
// others (the machine is shared). "synchronous" against "split, 2 threads"
// (VectorThreading.threads(2): always 8 shares, assigned to the two threads in turn, whatever the
// work), for CartPole-v1 and for a CartPole integrated in 20 substeps (about 20 times costlier).
//
// Run: cd Benchmarks && swift package benchmark --target VectorBenchmarks

/// Steps a vector of `copies` copies made by `make` for about `benchmark.scaledIterations`
/// copy-steps, with actions uniform over `0 ..< 2^actionBits` (the top bits of one generator
/// word per copy), after 32 batches of warm-up. A reward and an observation of each batch go
/// into a checksum that is black-holed once at the end.
func stepVector<Copy: Environment>(copies: Int, threading: VectorThreading, actionBits: UInt64,
                                   benchmark: Benchmark, make: () throws -> Copy) throws where Copy.Action == Int {
    let vector = try VectorEnvironment(copies: copies, threading: threading) { _ in try make() }
    vector.reset(seed: 0)
    var actions = SeededGenerator(seed: 42)
    let batch = UnsafeMutableBufferPointer<Int>.allocate(capacity: copies)
    batch.initialize(repeating: 0)
    defer { batch.deallocate() }
    let warmUp = 2 * VectorThreading.calibrationBatches
    let batches = max(1, (benchmark.scaledIterations.count + copies / 2) / copies)
    var checksum: Float = 0
    for round in 0..<(warmUp + batches) {
        if round == warmUp { benchmark.startMeasurement() }
        for copy in 0..<copies { batch[copy] = Int(truncatingIfNeeded: actions.next() >> (64 - actionBits)) }
        try vector.step(actionIndices: UnsafeBufferPointer(batch))
        checksum += vector.rewards[0] + vector.observations[0]
    }
    benchmark.stopMeasurement()
    blackHole(checksum)
}

/// A vector made once per benchmark (in its setup) and stepped one batch per iteration.
final class BatchStepper<Copy: Environment> where Copy.Action == Int {
    let vector: VectorEnvironment<Copy>
    let batch: UnsafeMutableBufferPointer<Int>
    var actions = SeededGenerator(seed: 42)
    var checksum: Float = 0

    init(copies: Int, threading: VectorThreading, make: () throws -> Copy) throws {
        vector = try VectorEnvironment(copies: copies, threading: threading) { _ in try make() }
        batch = .allocate(capacity: copies)
        batch.initialize(repeating: 0)
        vector.reset(seed: 0)
        for _ in 0..<(2 * VectorThreading.calibrationBatches) { try step() }
    }

    deinit {
        batch.deallocate()
        blackHole(checksum)
    }

    /// Draws one action per copy (the top bit of a generator word: CartPole's two actions).
    func drawActions() {
        for copy in batch.indices { batch[copy] = Int(truncatingIfNeeded: actions.next() >> 63) }
    }

    func step() throws {
        drawActions()
        try vector.step(actionIndices: UnsafeBufferPointer(batch))
        checksum += vector.rewards[0]
    }
}

/// Registers a benchmark that times one batch of a vector per iteration.
func batchBenchmark<Copy: Environment>(_ name: String, copies: Int, threading: VectorThreading,
                                       make: @escaping () -> Copy) where Copy.Action == Int {
    var stepper: BatchStepper<Copy>?
    Benchmark(name, configuration: .init(metrics: [.wallClock, .mallocCountTotal], timeUnits: .nanoseconds, scalingFactor: .one,
                                         maxDuration: .seconds(2), maxIterations: 1_000_000)) { benchmark in
        guard let stepper else { return }
        stepper.drawActions()
        benchmark.startMeasurement()
        try stepper.vector.step(actionIndices: UnsafeBufferPointer(stepper.batch))
        benchmark.stopMeasurement()
        stepper.checksum += stepper.vector.rewards[0]
    } setup: {
        stepper = try BatchStepper(copies: copies, threading: threading, make: make)
    } teardown: {
        stepper = nil
    }
}

let benchmarks: @Sendable () -> Void = {
    Benchmark.defaultConfiguration = .init(
        metrics: [.wallClock, .throughput, .mallocCountTotal],
        timeUnits: .nanoseconds,
        scalingFactor: .mega,
        maxDuration: .seconds(3),
        maxIterations: 30
    )

    let threadings: [(String, VectorThreading)] = [("synchronous", .synchronous), ("threaded", .automatic)]

    // MARK: - The table: CartPole-v1 and FrozenLake-v1, 1 to 1,024 copies

    for copies in [1, 8, 64, 1_024] {
        for (name, threading) in threadings {
            Benchmark("CartPole-v1 x\(copies) \(name)") { benchmark in
                try stepVector(copies: copies, threading: threading, actionBits: 1, benchmark: benchmark) {
                    TimeLimit(CartPole(), maxEpisodeSteps: 500)
                }
            }
        }
    }
    for copies in [1, 8, 64, 1_024] {
        for (name, threading) in threadings {
            Benchmark("FrozenLake-v1 x\(copies) \(name)") { benchmark in
                try stepVector(copies: copies, threading: threading, actionBits: 2, benchmark: benchmark) {
                    TimeLimit(try FrozenLake(mapName: "4x4", isSlippery: true), maxEpisodeSteps: 100)
                }
            }
        }
    }

    // MARK: - Through the existential, as the registry makes it

    Benchmark("CartPole-v1 x64 synchronous, as any BatchedEnvironment from the registry") { benchmark in
        let vector = try EnvironmentRegistry.standard.makeVector("CartPole-v1", copies: 64, threading: .synchronous)
        vector.reset(seed: 0)
        var actions = SeededGenerator(seed: 42)
        let batch = UnsafeMutableBufferPointer<Int>.allocate(capacity: 64)
        batch.initialize(repeating: 0)
        defer { batch.deallocate() }
        var checksum: Float = 0
        benchmark.startMeasurement()
        for _ in 0..<((benchmark.scaledIterations.count + 32) / 64) {
            for copy in 0..<64 { batch[copy] = Int(truncatingIfNeeded: actions.next() >> 63) }
            try vector.step(actionIndices: UnsafeBufferPointer(batch))
            checksum += vector.rewards[0] + vector.observations[0]
        }
        benchmark.stopMeasurement()
        blackHole(checksum)
    }

    // MARK: - The crossover: one batch per iteration, one thread against two

    let cartPole = { TimeLimit(CartPole(), maxEpisodeSteps: 500) }
    for copies in [8, 16, 32, 64, 128, 256, 1_024] {
        batchBenchmark("CartPole-v1 x\(copies) batch synchronous", copies: copies, threading: .synchronous, make: cartPole)
        batchBenchmark("CartPole-v1 x\(copies) batch split, 2 threads", copies: copies, threading: .threads(2), make: cartPole)
    }
    let costly = { TimeLimit(SubsteppedCartPole(substeps: 20), maxEpisodeSteps: 500) }
    for copies in [1, 2, 4, 8, 16, 32] {
        batchBenchmark("CartPole x20 substeps x\(copies) batch synchronous", copies: copies, threading: .synchronous, make: costly)
        batchBenchmark("CartPole x20 substeps x\(copies) batch split, 2 threads", copies: copies, threading: .threads(2), make: costly)
    }
}
