import Benchmark
import RL

// The tensor core's two hot paths in a DQN agent:
//
// - a training step on a minibatch: forward through the online network, Q(s, a) picked by
//   gather, Huber loss against fixed targets, backward, Adam update;
// - choosing an action: one observation through a small network, no gradients.
//
// Run: cd Benchmarks && swift package benchmark --target TensorCoreBenchmarks

/// The inputs of one DQN minibatch: observations, actions and TD targets.
struct Minibatch {
    let observations: Tensor
    let actions: [Int]
    let targets: Tensor

    init(batchSize: Int, observationCount: Int, actionCount: Int, using generator: inout SeededGenerator) {
        observations = .randomNormal([batchSize, observationCount], using: &generator)
        actions = (0..<batchSize).map { _ in generator.uniformInt(below: actionCount) }
        targets = .randomNormal([batchSize], mean: 1, standardDeviation: 0.5, using: &generator)
    }
}

let benchmarks: @Sendable () -> Void = {
    Benchmark.defaultConfiguration = .init(
        metrics: [.wallClock, .mallocCountTotal],
        timeUnits: .microseconds,
        maxDuration: .seconds(5),
        maxIterations: 1_000_000
    )

    Benchmark("DQN training step (batch 64, MLP 4-256-256-2, Huber, Adam)") { benchmark in
        var generator = SeededGenerator(seed: 0)
        let network = Sequential.multilayerPerceptron(layerSizes: [4, 256, 256, 2], activation: .relu, using: &generator)
        let optimizer = try Adam(parameters: network.parameters(), learningRate: 1e-4)
        let batch = Minibatch(batchSize: 64, observationCount: 4, actionCount: 2, using: &generator)
        benchmark.startMeasurement()
        for _ in benchmark.scaledIterations {
            optimizer.zeroGradients()
            let q = try network(batch.observations)
            let loss = try huberLoss(q.gathering(batch.actions, alongAxis: 1), batch.targets)
            try loss.backward()
            optimizer.step()
            blackHole(loss)
        }
    }

    // One observation as the agents pass it when choosing an action: a rank-1 `[4]` tensor.
    // A sample times 1,000 forward passes (a pass takes about a microsecond, near the clock's
    // own overhead); the figures shown are per pass.
    Benchmark(
        "Single-observation forward (MLP 4-64-64-2, no gradients)",
        configuration: .init(metrics: [.wallClock, .mallocCountTotal], timeUnits: .nanoseconds, scalingFactor: .kilo)
    ) { benchmark in
        var generator = SeededGenerator(seed: 1)
        let network = Sequential.multilayerPerceptron(layerSizes: [4, 64, 64, 2], activation: .relu, using: &generator)
        let observation = Tensor.randomNormal([4], using: &generator)
        benchmark.startMeasurement()
        for _ in benchmark.scaledIterations {
            let q = try withoutGradients { try network(observation) }
            blackHole(q)
        }
    }
}
