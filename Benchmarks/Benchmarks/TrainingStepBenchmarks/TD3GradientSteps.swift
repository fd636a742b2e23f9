import Benchmark
@_spi(Benchmarking) import RL

/// TD3's own gradient steps (`TD3Agent.gradientStep(with:)`, reached through the `Benchmarking`
/// SPI), one cycle of its policy delay d (2, the default): d − 1 critic steps, then a critic
/// step with the actor's step and the targets' Polyak update. On a Pendulum minibatch (3
/// observations, 1 action), with the agent's Pendulum configuration and the given hidden
/// layers. An iteration's time divided by d is the mean time of one gradient step.
enum TD3GradientSteps {
    /// The gradient steps of one iteration: TD3's default policy delay, d.
    static let steps = TD3Agent.Configuration().policyDelay

    /// The actor's widths (μ out, before its tanh) and each critic's (observation and action in).
    static func networks(hiddenLayers: [Int], batchSize: Int) -> (actor: MultilayerPerceptronWork, critic: MultilayerPerceptronWork) {
        (MultilayerPerceptronWork(layerSizes: [3] + hiddenLayers + [1], batchSize: batchSize),
         MultilayerPerceptronWork(layerSizes: [4] + hiddenLayers + [1], batchSize: batchSize))
    }

    /// The matrix products of the d steps, counted from the passes `update(with:)` makes (A
    /// the actor, C a critic; forward, backward and first layer as ``MultilayerPerceptronWork``
    /// counts them):
    ///
    ///     each step: the target actor on s′, both target critics on (s′, ã′),
    ///                both critics on (s, a) forward and backward     A.forward + 2 C.forward + 2 C.trainingStep
    ///     the d-th:   the actor on s, forward and backward         A.trainingStep
    ///                 both critics on (s, μ(s)) forward (Q₂ unused)  2 C.forward
    ///                 Q₁'s backward down to μ(s)                     C.backward + C.firstLayer
    static func flops(hiddenLayers: [Int], batchSize: Int) -> Double {
        let (actor, critic) = networks(hiddenLayers: hiddenLayers, batchSize: batchSize)
        let criticStep = actor.forward + 2 * critic.forward + 2 * critic.trainingStep
        return Double(steps) * criticStep + actor.trainingStep + 2 * critic.forward + critic.backward + critic.firstLayer
    }

    /// d steps of a fresh agent with `hiddenLayers` on a minibatch of `batchSize`
    /// (``PendulumReplay``), run again on the same minibatch at every iteration.
    static func workload(hiddenLayers: [Int], batchSize: Int) throws -> TrainingWorkload {
        DenormalMode.applyPolicy()   // as a training session does on its thread
        var configuration = TD3Agent.Configuration.recommended(for: "pendulum")
        configuration.settings.actorNetwork = NetworkShape(hiddenLayers: hiddenLayers)
        configuration.settings.criticNetwork = NetworkShape(hiddenLayers: hiddenLayers)
        configuration.settings.batchSize = batchSize
        let agent = try TD3Agent(configuration: configuration, environment: try Pendulum())
        let batch = try PendulumReplay.batch(size: batchSize)
        return TrainingWorkload(flops: flops(hiddenLayers: hiddenLayers, batchSize: batchSize)) {
            for _ in 0..<steps { blackHole(try agent.gradientStep(with: batch)) }
        }
    }
}
