import Benchmark
import RL

// One training step (or update) of each agent, with the GFLOP/s its matrix products reach and
// their share of the processor's peak, each at the agent's usual sizes and at batch 1,024 and
// width 1,024 to show how the cost grows. The processor's peak is the first row.
//
// Adding an agent's update is one `matrixHeavyBenchmark` call whose closure builds the
// networks and returns a `TrainingWorkload` (its FLOP count and one run). A2C, PPO, SAC and TD3
// run the agents' own update functions, which the `Benchmarking` SPI makes visible here
// (`@_spi(Benchmarking) import RL`); DQN's step is rebuilt from the tensor core's operations.
//
// Run: cd Benchmarks && swift package benchmark --target TrainingStepBenchmarks

/// Batch sizes and hidden widths: the usual one first, then 1,024 of each.
let sizes: [(batchSize: Int, width: Int)] = [(64, 256), (1_024, 256), (64, 1_024), (1_024, 1_024)]

let benchmarks: @Sendable () -> Void = {
    processorPeakBenchmark()

    for (batchSize, width) in sizes {
        let work = MultilayerPerceptronWork(layerSizes: [4, width, width, 2], batchSize: batchSize)
        matrixHeavyBenchmark("DQN training step (batch \(batchSize), MLP \(work.shapeName), Huber, Adam)") {
            try DQNTrainingStep.workload(batchSize: batchSize, layerSizes: work.layerSizes)
        }
    }

    // A2C and PPO at their CartPole configurations; PPO's whole update and one of its gradient
    // steps (the same update with 1 epoch: the rollout is one minibatch).
    // The gradient step also at a minibatch of 1,024 and at width 1,024.
    let ppoVariants: [(epochs: Int?, batchSize: Int?, width: Int?)] =
        [(nil, nil, nil), (1, nil, nil), (1, 1_024, nil), (1, nil, 1_024), (1, 1_024, 1_024)]
    for (epochs, batchSize, width) in ppoVariants {
        let configuration = PPOUpdate.configuration(epochs: epochs, batchSize: batchSize, width: width)
        let settings = configuration.settings
        let (actor, critic) = CartPoleRollout.networks(settings, batchSize: configuration.batchSize)
        let what = epochs == nil ? "update" : "gradient step"
        matrixHeavyBenchmark(
            "PPO \(what) (CartPole: \(settings.copies) × \(settings.rolloutSteps) samples, minibatch \(configuration.batchSize), "
                + "\(configuration.epochs) epoch\(configuration.epochs == 1 ? "" : "s"); actor \(actor.shapeName), critic \(critic.shapeName), tanh, Adam)"
        ) {
            try PPOUpdate.workload(configuration)
        }
    }
    let a2c = A2CUpdate.configuration.settings
    let (a2cActor, a2cCritic) = CartPoleRollout.networks(a2c, batchSize: a2c.rolloutSize)
    matrixHeavyBenchmark(
        "A2C update (CartPole: \(a2c.copies) × \(a2c.rolloutSteps) samples, one gradient step; "
            + "actor \(a2cActor.shapeName), critic \(a2cCritic.shapeName), tanh, RMSProp)"
    ) {
        try A2CUpdate.workload()
    }

    // SAC and TD3 on Pendulum at batch 256: rl-baselines3-zoo's 256-256 networks and 64-64
    // ones, and TD3's own default of 400-300; then batch 1,024 and width 1,024.
    let offPolicySizes: [(batchSize: Int, width: Int)] = [(256, 256), (256, 64), (1_024, 256), (256, 1_024), (1_024, 1_024)]
    for (batchSize, width) in offPolicySizes {
        let (actor, critic) = SACGradientStep.networks(width: width, batchSize: batchSize)
        matrixHeavyBenchmark("SAC gradient step (batch \(batchSize), Pendulum: actor \(actor.shapeName), critics \(critic.shapeName), Adam)") {
            try SACGradientStep.workload(width: width, batchSize: batchSize)
        }
    }
    for (batchSize, hiddenLayers) in offPolicySizes.map({ ($0.batchSize, [$0.width, $0.width]) }) + [(256, [400, 300])] {
        let (actor, critic) = TD3GradientSteps.networks(hiddenLayers: hiddenLayers, batchSize: batchSize)
        matrixHeavyBenchmark(
            "TD3 \(TD3GradientSteps.steps) gradient steps, one policy delay (batch \(batchSize), Pendulum: "
                + "actor \(actor.shapeName), critics \(critic.shapeName), Adam)"
        ) {
            try TD3GradientSteps.workload(hiddenLayers: hiddenLayers, batchSize: batchSize)
        }
    }
}
