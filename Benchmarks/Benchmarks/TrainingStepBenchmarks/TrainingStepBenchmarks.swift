import Benchmark
import RL

// One training step (or update) of each agent, with the GFLOP/s its matrix products reach and
// their share of the processor's peak, each at the agent's usual sizes and at batch 1,024 and
// width 1,024 to show how the cost grows. The processor's peak is the first row.
//
// Adding an agent's update is one `matrixHeavyBenchmark` call whose closure builds the
// networks and returns a `TrainingWorkload` (its FLOP count and one run).
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
}
