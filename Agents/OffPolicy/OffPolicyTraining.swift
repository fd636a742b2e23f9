import RLCore
import SeededRandom
import TensorCore

/// The loop the continuous off-policy agents (SAC, TD3) share, as Stable-Baselines3's
/// `OffPolicyAlgorithm` runs it with one environment:
///
///     before `learningStarts` steps: a uniformly random action (the space's own sample)
///     after:                         the agent's exploring action
///     step the environment with the action rescaled from [-1, 1] to the bounds
///     store (s, a in [-1, 1], r, s′, terminated)    (a truncated s′ is the final observation,
///                                                   so the target bootstraps through the limit)
///     every `trainFrequency` steps past `learningStarts`: `gradientSteps` updates
///
/// Each agent brings how it explores and how it learns; everything else is here once, and so
/// are the hyperparameters the loop reads (``OffPolicySettings``).
enum OffPolicyTraining {
    /// A uniformly random action in [-1, 1]ⁿ, the action space's own sample seen in [-1, 1].
    static func randomUnitAction(dimension: Int, using generator: inout SeededGenerator) -> [Float] {
        (0..<dimension).map { _ in min(generator.uniform(Float(-1), Float(1)), 1) }
    }

    /// What an agent plugs into the loop.
    struct Steps {
        /// A uniformly random action in [-1, 1], for the warm-up.
        var randomAction: () -> [Float]
        /// The exploring action in [-1, 1] for one observation's features.
        var explore: (Tensor) throws -> [Float]
        /// Stores one transition (features, action in [-1, 1], reward, next features, terminated).
        var store: (Tensor, [Float], Double, Tensor, Bool) -> Void
        /// One gradient step; returns the losses to record.
        var learn: () throws -> [(Metric, Double)]
        /// Called when an episode ends (to restart correlated noise).
        var episodeEnded: () -> Void = {}
    }

    static func train<E: Environment>(
        on environment: inout E, in session: TrainingSession, seed: UInt64, bounds: ActionBounds,
        settings: OffPolicySettings, agent: String, steps: Steps
    ) throws {
        let (learningStarts, trainFrequency, gradientSteps) = (settings.learningStarts, settings.trainFrequency, settings.gradientSteps)
        let observationSpace = environment.observationSpace
        var observation = session.observation(from: &environment, seed: seed)
        var features = ObservationFeatures.tensor(observation, in: observationSpace)
        while session.isRunning {
            // 1. a ∈ [-1, 1]: random while warming up, then the agent's exploring action.
            let unit = session.steps < learningStarts ? steps.randomAction() : try steps.explore(features)

            // 2. Act with a rescaled to the bounds; store (s, a, r, s′, terminated).
            let action = bounds.rescaled(fromUnit: unit)
            let result = try environment.step(try PolicyAction.vector(action).element(of: environment.actionSpace, agent: agent))
            let nextFeatures = ObservationFeatures.tensor(result.observation, in: observationSpace)
            steps.store(features, unit, result.reward, nextFeatures, result.terminated)
            try session.recordStep(reward: result.reward)

            // 3. Learn.
            if session.steps > learningStarts && session.steps % trainFrequency == 0 {
                for _ in 0..<gradientSteps {
                    for (metric, value) in try steps.learn() { session.record(value, for: metric) }
                }
                try session.endUpdate()
            }

            observation = result.observation
            features = nextFeatures
            if result.isDone {
                try session.endEpisode(succeeded: environment.episodeSucceeded)
                steps.episodeEnded()
                observation = environment.reset()
                features = ObservationFeatures.tensor(observation, in: observationSpace)
            }
        }
        session.suspend(at: observation)
    }
}
