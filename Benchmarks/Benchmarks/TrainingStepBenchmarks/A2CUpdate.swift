@_spi(Benchmarking) import RL

/// A2C's own update (`A2CAgent.update(with:in:)`, reached through the `Benchmarking` SPI) on a
/// full CartPole rollout, with the agent's CartPole configuration (``A2CAgent/Configuration/recommended(for:)``,
/// rl-baselines3-zoo's: 8 copies × 5 steps = 40 samples, separate 64-64 tanh actor and critic,
/// RMSProp): one gradient step on the whole rollout, clipping the gradients' norm, and the
/// update records its metrics.
enum A2CUpdate {
    /// The CartPole configuration.
    static var configuration: A2CAgent.Configuration { .recommended(for: "cartpole") }

    /// One update of a fresh agent on a random rollout (``CartPoleRollout``), run again on the
    /// same rollout at every iteration.
    ///
    /// FLOPs: one gradient step of ``CartPoleRollout/gradientStepFlops(_:batchSize:)`` on all the samples.
    static func workload() throws -> TrainingWorkload {
        let configuration = Self.configuration
        let agent = try A2CAgent(configuration: configuration, environment: CartPole())
        let settings = configuration.settings
        let rollout = try CartPoleRollout.filled(for: agent.networks, settings: settings)
        let session = TrainingSession(agent: agent, budget: configuration.budget, callbacks: [], recordingEpisodes: false)
        return TrainingWorkload(flops: CartPoleRollout.gradientStepFlops(settings, batchSize: settings.rolloutSize)) {
            try agent.update(with: rollout, in: session)
        }
    }
}
