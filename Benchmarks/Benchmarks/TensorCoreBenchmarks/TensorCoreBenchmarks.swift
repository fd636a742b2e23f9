import Benchmark
import RL

// Hot paths of the tensor core outside a whole training step (those are in
// TrainingStepBenchmarks):
//
// - choosing an action: one observation through a small network, no gradients;
// - Adam's update on subnormal gradients, with subnormals flushed (the default) and kept, next
//   to the same update on normal gradients: what flushing saves on this processor.
//
// Run: cd Benchmarks && swift package benchmark --target TensorCoreBenchmarks

/// An Adam optimizer over `count` parameters whose gradients all hold `gradient`.
func adamWithGradients(count: Int, gradient: Float) throws -> Adam {
    let parameter = Parameter(Tensor(repeating: 0.01, shape: [count]))
    // backward(seed:) stores the seed as the gradient without arithmetic: the gradient holds
    // `gradient` exactly, subnormal or not.
    try parameter.value.backward(seed: Tensor(repeating: gradient, shape: [count]))
    return try Adam(parameters: [parameter], learningRate: 1e-3)
}

/// 1e-39, a subnormal float (written by its bits: the literal would be flushed to zero by a
/// conversion on a thread that flushes).
let subnormalGradient = Float(bitPattern: 0x000A_E398)

/// The parameters of a DQN network 4-256-256-2.
let dqnParameterCount = 67_586

let benchmarks: @Sendable () -> Void = {
    Benchmark.defaultConfiguration = .init(
        metrics: [.wallClock, .mallocCountTotal],
        timeUnits: .microseconds,
        maxDuration: .seconds(5),
        maxIterations: 1_000_000
    )

    // One observation as the agents pass it when choosing an action: a rank-1 `[4]` tensor.
    // A sample times 1,000 forward passes (a pass takes about a microsecond, near the clock's
    // own overhead); the figures shown are per pass.
    Benchmark(
        "Single-observation forward (MLP 4-64-64-2, no gradients)",
        configuration: .init(metrics: [.wallClock, .mallocCountTotal], timeUnits: .nanoseconds, scalingFactor: .kilo)
    ) { benchmark in
        var generator = SeededGenerator(seed: 1)
        let network = try Sequential.multilayerPerceptron(layerSizes: [4, 64, 64, 2], activation: .relu, using: &generator)
        let observation = Tensor.randomNormal([4], using: &generator)
        benchmark.startMeasurement()
        for _ in benchmark.scaledIterations {
            let q = try withoutGradients { try network(observation) }
            blackHole(q)
        }
    }

    for (label, gradient, flushing) in [
        ("normal gradients (1e-3)", Float(1e-3), true),
        ("subnormal gradients (1e-39), flushed (the default)", subnormalGradient, true),
        ("subnormal gradients (1e-39), kept", subnormalGradient, false),
    ] {
        Benchmark("Adam step, \(dqnParameterCount) parameters, \(label)") { benchmark in
            let optimizer = try adamWithGradients(count: dqnParameterCount, gradient: gradient)
            DenormalMode.isAutomatic = flushing
            if flushing { DenormalMode.flushToZero() } else { DenormalMode.keepSubnormals() }
            defer { DenormalMode.isAutomatic = true }
            benchmark.startMeasurement()
            for _ in benchmark.scaledIterations {
                optimizer.step()
            }
            benchmark.stopMeasurement()
        }
    }
}
