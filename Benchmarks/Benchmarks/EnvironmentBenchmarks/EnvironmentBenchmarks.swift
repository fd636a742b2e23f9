import Benchmark
import RL

// Raw stepping of the environments: random actions, automatic reset at the end of each
// episode, one thread, concrete types (no existential), as a vectorised trainer would step.
//
// Each iteration runs one million steps (scalingFactor .mega): the throughput column is in
// millions of steps per second (M), the wall-clock column in nanoseconds per step, and the
// malloc count is per step (0 means none in a million). Making the environment happens before
// the measurement starts. "As registered" is what EnvironmentRegistry.standard.make returns,
// with its TimeLimit, but stepped through its concrete type.
//
// Run: cd Benchmarks && swift package benchmark --target EnvironmentBenchmarks

/// Steps `environment` through `benchmark.scaledIterations` random actions, uniform over
/// `0 ..< 2^actionBits` (the top bits of one generator word), resetting whenever an episode
/// ends. The observations (through `value`), rewards and episode count are summed into a
/// checksum that is black-holed once at the end, so every result is used and the loop
/// measures the environment rather than a black-hole call per step.
@inline(__always)
func stepRandomly<E: Environment>(_ environment: inout E, actionBits: UInt64, benchmark: Benchmark,
                                  value: (E.Observation) -> Double) throws
where E.Action == Int {
    var actions = SeededGenerator(seed: 42)
    _ = environment.reset(seed: 0)
    var checksum = 0.0
    var episodes = 0
    benchmark.startMeasurement()
    for _ in benchmark.scaledIterations {
        let result = try environment.step(Int(actions.next() >> (64 - actionBits)))
        checksum += result.reward + value(result.observation)
        if result.isDone {
            episodes += 1
            _ = environment.reset()
        }
    }
    benchmark.stopMeasurement()
    blackHole(checksum + Double(episodes))
}

let benchmarks: @Sendable () -> Void = {
    Benchmark.defaultConfiguration = .init(
        metrics: [.wallClock, .throughput, .mallocCountTotal],
        timeUnits: .nanoseconds,
        scalingFactor: .mega,
        maxDuration: .seconds(3),
        maxIterations: 30
    )

    Benchmark("CartPole raw step") { benchmark in
        var cartPole = CartPole()
        try stepRandomly(&cartPole, actionBits: 1, benchmark: benchmark) { Double($0.sum()) }
    }

    Benchmark("CartPole-v1 as registered (TimeLimit 500)") { benchmark in
        var cartPole = TimeLimit(CartPole(), maxEpisodeSteps: 500)
        try stepRandomly(&cartPole, actionBits: 1, benchmark: benchmark) { Double($0.sum()) }
    }

    Benchmark("FrozenLake 4x4 slippery raw step") { benchmark in
        var lake = try FrozenLake(mapName: "4x4", isSlippery: true)
        try stepRandomly(&lake, actionBits: 2, benchmark: benchmark) { Double($0) }
    }

    Benchmark("FrozenLake-v1 as registered (4x4 slippery, TimeLimit 100)") { benchmark in
        var lake = TimeLimit(try FrozenLake(mapName: "4x4", isSlippery: true), maxEpisodeSteps: 100)
        try stepRandomly(&lake, actionBits: 2, benchmark: benchmark) { Double($0) }
    }

    Benchmark("FrozenLake 8x8 slippery raw step") { benchmark in
        var lake = try FrozenLake(mapName: "8x8", isSlippery: true)
        try stepRandomly(&lake, actionBits: 2, benchmark: benchmark) { Double($0) }
    }
}
