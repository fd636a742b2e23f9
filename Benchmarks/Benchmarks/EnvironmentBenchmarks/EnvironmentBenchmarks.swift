import Benchmark
import RL

// Raw stepping of the environments: random actions (uniform over the actions, or over the
// force or torque range of the continuous tasks), automatic reset at the end of each episode,
// one thread, concrete types (no existential), as a vectorised trainer would step.
//
// Each iteration runs one million steps (scalingFactor .mega): the throughput column is in
// millions of steps per second (M), the wall-clock column in nanoseconds per step, and the
// malloc count is per step (0 means none in a million). Making the environment happens before
// the measurement starts. "As registered" is what EnvironmentRegistry.standard.make returns,
// with its TimeLimit, but stepped through its concrete type.
//
// Run: cd Benchmarks && swift package benchmark --target EnvironmentBenchmarks

/// Steps `environment` through `benchmark.scaledIterations` random actions, each made by
/// `action` from one 64-bit generator word, resetting whenever an episode ends. The
/// observations (through `value`), rewards and episode count are summed into a checksum that
/// is black-holed once at the end, so every result is used and the loop measures the
/// environment rather than a black-hole call per step.
@inline(__always)
func stepRandomly<E: Environment>(_ environment: inout E, benchmark: Benchmark, action: (UInt64) -> E.Action,
                                  value: (E.Observation) -> Double) throws {
    var actions = SeededGenerator(seed: 42)
    _ = environment.reset(seed: 0)
    var checksum = 0.0
    var episodes = 0
    benchmark.startMeasurement()
    for _ in benchmark.scaledIterations {
        let result = try environment.step(action(actions.next()))
        checksum += result.reward + value(result.observation)
        if result.isDone {
            episodes += 1
            _ = environment.reset()
        }
    }
    benchmark.stopMeasurement()
    blackHole(checksum + Double(episodes))
}

/// A uniform action in `0 ..< count` from a random word: the high 32 bits scaled by
/// multiplication (no division; the bias is below 2⁻³⁰).
@inline(__always)
func discreteAction(_ word: UInt64, count: UInt64) -> Int {
    Int(((word >> 32) &* count) >> 32)
}

/// A uniform force or torque in [-bound, bound) from a random word (its top 24 bits).
@inline(__always)
func continuousAction(_ word: UInt64, bound: Float) -> Float {
    (Float(word >> 40) * 0x1.0p-24 * 2 - 1) * bound
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
        try stepRandomly(&cartPole, benchmark: benchmark, action: { discreteAction($0, count: 2) }) { Double($0.sum()) }
    }

    Benchmark("CartPole-v1 as registered (TimeLimit 500)") { benchmark in
        var cartPole = TimeLimit(CartPole(), maxEpisodeSteps: 500)
        try stepRandomly(&cartPole, benchmark: benchmark, action: { discreteAction($0, count: 2) }) { Double($0.sum()) }
    }

    Benchmark("FrozenLake 4x4 slippery raw step") { benchmark in
        var lake = try FrozenLake(mapName: "4x4", isSlippery: true)
        try stepRandomly(&lake, benchmark: benchmark, action: { discreteAction($0, count: 4) }) { Double($0) }
    }

    Benchmark("FrozenLake-v1 as registered (4x4 slippery, TimeLimit 100)") { benchmark in
        var lake = TimeLimit(try FrozenLake(mapName: "4x4", isSlippery: true), maxEpisodeSteps: 100)
        try stepRandomly(&lake, benchmark: benchmark, action: { discreteAction($0, count: 4) }) { Double($0) }
    }

    Benchmark("FrozenLake 8x8 slippery raw step") { benchmark in
        var lake = try FrozenLake(mapName: "8x8", isSlippery: true)
        try stepRandomly(&lake, benchmark: benchmark, action: { discreteAction($0, count: 4) }) { Double($0) }
    }

    Benchmark("CliffWalking slippery raw step (TimeLimit 500)") { benchmark in
        var cliff = TimeLimit(CliffWalking(isSlippery: true), maxEpisodeSteps: 500)
        try stepRandomly(&cliff, benchmark: benchmark, action: { discreteAction($0, count: 4) }) { Double($0) }
    }

    // MARK: - Classic control

    Benchmark("Acrobot raw step") { benchmark in
        var acrobot = Acrobot()
        try stepRandomly(&acrobot, benchmark: benchmark, action: { discreteAction($0, count: 3) }) { Double($0[0] + $0[5]) }
    }

    Benchmark("MountainCar raw step") { benchmark in
        var car = try MountainCar()
        try stepRandomly(&car, benchmark: benchmark, action: { discreteAction($0, count: 3) }) { Double($0.sum()) }
    }

    Benchmark("MountainCarContinuous raw step") { benchmark in
        var car = try MountainCarContinuous()
        try stepRandomly(&car, benchmark: benchmark, action: { continuousAction($0, bound: 1) }) { Double($0.sum()) }
    }

    Benchmark("Pendulum raw step") { benchmark in
        var pendulum = try Pendulum()
        try stepRandomly(&pendulum, benchmark: benchmark, action: { continuousAction($0, bound: 2) }) { Double($0.sum()) }
    }

    Benchmark("Pendulum-v1 as registered (TimeLimit 200)") { benchmark in
        var pendulum = TimeLimit(try Pendulum(), maxEpisodeSteps: 200)
        try stepRandomly(&pendulum, benchmark: benchmark, action: { continuousAction($0, bound: 2) }) { Double($0.sum()) }
    }

    // MARK: - Toy text

    Benchmark("Taxi raw step (TimeLimit 200)") { benchmark in
        var taxi = TimeLimit(try Taxi(), maxEpisodeSteps: 200)
        try stepRandomly(&taxi, benchmark: benchmark, action: { discreteAction($0, count: 6) }) { Double($0) }
    }

    Benchmark("Taxi rainy and fickle raw step (TimeLimit 200)") { benchmark in
        var taxi = TimeLimit(try Taxi(isRainy: true, isFicklePassenger: true), maxEpisodeSteps: 200)
        try stepRandomly(&taxi, benchmark: benchmark, action: { discreteAction($0, count: 6) }) { Double($0) }
    }

    Benchmark("Blackjack raw step") { benchmark in
        var game = try Blackjack()
        try stepRandomly(&game, benchmark: benchmark, action: { discreteAction($0, count: 2) }) { Double($0[0] + $0[1] + $0[2]) }
    }
}
