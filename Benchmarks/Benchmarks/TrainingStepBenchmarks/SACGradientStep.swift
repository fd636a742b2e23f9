import Benchmark
@_spi(Benchmarking) import RL

/// SAC's own gradient step (`SACAgent.gradientStep(with:)`, reached through the `Benchmarking` SPI)
/// on a Pendulum minibatch (3 observations, 1 action), with the agent's Pendulum configuration
/// and hidden layers of `width`: α's step, the critics' step against the targets of the next
/// observations, the actor's step through the critics just updated, and the targets' Polyak
/// update (SB3's defaults: the actor and the targets every step).
enum SACGradientStep {
    /// The actor's widths (μ and log σ out) and each critic's (observation and action in).
    static func networks(width: Int, batchSize: Int) -> (actor: MultilayerPerceptronWork, critic: MultilayerPerceptronWork) {
        (MultilayerPerceptronWork(layerSizes: [3, width, width, 2], batchSize: batchSize),
         MultilayerPerceptronWork(layerSizes: [4, width, width, 1], batchSize: batchSize))
    }

    /// The matrix products of one step, counted from the passes `update(with:)` makes (A the
    /// actor, C a critic; forward, backward and first layer as ``MultilayerPerceptronWork``
    /// counts them):
    ///
    ///     A forward on s, kept for the α and actor losses               A.forward
    ///     A forward on s′ and both target critics on (s′, ã′)            A.forward + 2 C.forward
    ///     both critics on (s, a), forward and backward (the critic loss) 2 C.trainingStep
    ///     both critics on (s, ã), forward and backward down to ã         2 (C.trainingStep + C.firstLayer)
    ///     the actor's backward (the actor loss)                          A.backward
    ///
    /// The α loss reads log π(ã | s) without its gradient, so it adds no product.
    static func flops(width: Int, batchSize: Int) -> Double {
        let (actor, critic) = networks(width: width, batchSize: batchSize)
        return 2 * actor.forward + actor.backward + 2 * critic.forward + 4 * critic.trainingStep + 2 * critic.firstLayer
    }

    /// One step of a fresh agent with hidden layers `width`-`width` on a minibatch of
    /// `batchSize` (``PendulumReplay``), run again on the same minibatch at every iteration.
    static func workload(width: Int, batchSize: Int) throws -> TrainingWorkload {
        DenormalMode.applyPolicy()   // as a training session does on its thread
        var configuration = SACAgent.Configuration.recommended(for: "pendulum")
        configuration.settings.actorNetwork = NetworkShape(hiddenLayers: [width, width])
        configuration.settings.criticNetwork = NetworkShape(hiddenLayers: [width, width])
        configuration.settings.batchSize = batchSize
        let agent = try SACAgent(configuration: configuration, environment: try Pendulum())
        let batch = try PendulumReplay.batch(size: batchSize)
        return TrainingWorkload(flops: flops(width: width, batchSize: batchSize)) {
            blackHole(try agent.gradientStep(with: batch))
        }
    }
}
