import Benchmark
import RL

/// The DQN agent's gradient step on a minibatch, as the tensor core runs it: forward through
/// the online network, Q(s, a) picked by gather, Huber loss against fixed targets, backward,
/// Adam update. (The targets' forward pass through the target network is left out, as before.)
enum DQNTrainingStep {
    /// The inputs of one minibatch: observations, actions and TD targets.
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

    /// The step for a network of `layerSizes` (CartPole: 4 observations in, 2 actions out) on
    /// batches of `batchSize`.
    static func workload(batchSize: Int, layerSizes: [Int]) throws -> TrainingWorkload {
        var generator = SeededGenerator(seed: 0)
        let network = try Sequential.multilayerPerceptron(layerSizes: layerSizes, activation: .relu, using: &generator)
        let optimizer = try Adam(parameters: network.parameters(), learningRate: 1e-4)
        let batch = Minibatch(
            batchSize: batchSize, observationCount: layerSizes[0], actionCount: layerSizes[layerSizes.count - 1],
            using: &generator)
        return TrainingWorkload(flops: MultilayerPerceptronWork(layerSizes: layerSizes, batchSize: batchSize).trainingStep) {
            optimizer.zeroGradients()
            let q = try network(batch.observations)
            let loss = try huberLoss(q.gathering(batch.actions, alongAxis: 1), batch.targets)
            try loss.backward()
            optimizer.step()
            blackHole(loss)
        }
    }
}
