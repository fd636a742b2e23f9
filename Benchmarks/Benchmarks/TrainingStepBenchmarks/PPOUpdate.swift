@_spi(Benchmarking) import RL

/// PPO's own update (`PPOAgent.update(with:in:)`, reached through the `Benchmarking` SPI) on a
/// full CartPole rollout, with the agent's CartPole configuration (``PPOAgent/Configuration/recommended(for:)``,
/// rl-baselines3-zoo's: 8 copies × 32 steps = 256 samples, minibatch 256, 20 epochs, separate
/// 64-64 tanh actor and critic, Adam): every epoch shuffles the rollout and takes one gradient
/// step per minibatch, clipping the gradients' norm, and the update records its metrics.
enum PPOUpdate {
    /// The CartPole configuration, with `epochs` passes instead of 20 when given (1 epoch is a
    /// single minibatch gradient step), a rollout of `batchSize` samples in one minibatch
    /// instead of 256 when given (the 8 copies stepping `batchSize / 8` steps), and hidden
    /// layers of `width` instead of 64 when given.
    static func configuration(epochs: Int? = nil, batchSize: Int? = nil, width: Int? = nil) -> PPOAgent.Configuration {
        var configuration = PPOAgent.Configuration.recommended(for: "cartpole")
        if let epochs { configuration.epochs = epochs }
        if let batchSize {
            configuration.batchSize = batchSize
            configuration.settings.rolloutSteps = batchSize / configuration.settings.copies
        }
        if let width {
            configuration.settings.actorNetwork.hiddenLayers = [width, width]
            configuration.settings.criticNetwork.hiddenLayers = [width, width]
        }
        return configuration
    }

    /// One update of a fresh agent of `configuration` on a random rollout (``CartPoleRollout``),
    /// run again on the same rollout at every iteration.
    ///
    /// FLOPs: epochs × (samples / minibatch) gradient steps of ``CartPoleRollout/gradientStepFlops(_:batchSize:)``.
    static func workload(_ configuration: PPOAgent.Configuration) throws -> TrainingWorkload {
        let agent = try PPOAgent(configuration: configuration, environment: CartPole())
        let settings = configuration.settings
        let rollout = try CartPoleRollout.filled(for: agent.networks, settings: settings)
        let session = TrainingSession(agent: agent, budget: configuration.budget, callbacks: [], recordingEpisodes: false)
        let gradientSteps = configuration.epochs * settings.rolloutSize / configuration.batchSize
        let flops = Double(gradientSteps) * CartPoleRollout.gradientStepFlops(settings, batchSize: configuration.batchSize)
        return TrainingWorkload(flops: flops) {
            try agent.update(with: rollout, in: session)
        }
    }
}
