import RL

/// A full rollout for an A2C or PPO agent on CartPole, random but valid, and the matrix work of
/// one gradient step on it: what the on-policy update benchmarks feed the agents' real updates.
///
/// States are drawn uniformly within CartPole's bounds (cart position ±2.4 m, velocities ±2,
/// pole angle ±0.2095 rad); the actions are sampled from the agent's own policy, whose values
/// V(s) and log-probabilities log π(a | s) the buffer keeps, as the agent's rollouts do (so the
/// update's probability ratios start at 1); every reward is 1, as CartPole's, and an episode
/// terminates at a step with probability 1/22 (random play's mean episode length). Advantages
/// and returns then come from the buffer's own GAE(λ).
enum CartPoleRollout {
    /// A rollout of `settings.copies × settings.rolloutSteps` samples for `networks`.
    ///
    /// - Throws: what the networks throw for observations that do not fit them.
    static func filled(for networks: ActorCriticNetworks, settings: ActorCriticSettings, seed: UInt64 = 0) throws -> RolloutBuffer {
        var generator = SeededGenerator(seed: seed)
        let (copies, steps, width) = (settings.copies, settings.rolloutSteps, 4)
        let bounds: [Float] = [2.4, 2, 0.2095, 2]
        let samples = copies * steps
        let observations = Tensor(shape: [samples, width]) { rows in
            for index in rows.indices { rows[index] = generator.uniform(-bounds[index % width], bounds[index % width]) }
        }
        let (actions, values, logProbabilities) = try withoutGradients {
            let (policy, values) = try networks.policyAndValue(observations)
            let actions = try policy.sample(using: &generator)
            return (actions.scalars, values.scalars, try policy.logProbability(of: actions).scalars)
        }
        let rewards = [Float](repeating: 1, count: copies)
        let truncationValues = [Float](repeating: 0, count: copies)
        let observationRows = observations.scalars
        var buffer = RolloutBuffer(steps: steps, copies: copies, observationSize: width, actionSize: 1)
        for step in 0..<steps {
            let rows = (step * copies)..<((step + 1) * copies)
            let dones = (0..<copies).map { _ in generator.bernoulli(1.0 / 22) }
            observationRows[(rows.lowerBound * width)..<(rows.upperBound * width)].withUnsafeBufferPointer { observations in
                actions[rows].withUnsafeBufferPointer { actions in
                    values[rows].withUnsafeBufferPointer { values in
                        logProbabilities[rows].withUnsafeBufferPointer { logProbabilities in
                            rewards.withUnsafeBufferPointer { rewards in
                                dones.withUnsafeBufferPointer { dones in
                                    truncationValues.withUnsafeBufferPointer { truncationValues in
                                        buffer.append(observations: observations, actions: actions, rewards: rewards, dones: dones,
                                                      truncationValues: truncationValues, values: values,
                                                      logProbabilities: logProbabilities)
                                    }
                                }
                            }
                        }
                    }
                }
            }
        }
        // V of the observations after the last step: states near upright, as after a reset.
        let next = Tensor.randomUniform([copies, width], lower: -0.05, upper: 0.05, using: &generator)
        let lastValues = try withoutGradients { try networks.values(next).scalars }
        buffer.computeAdvantages(lastValues: lastValues, discount: Float(settings.discount), lambda: Float(settings.gaeLambda))
        return buffer
    }

    /// The actor's and the critic's widths for CartPole (4 observations in; 2 action logits, 1
    /// value out), hidden layers from `settings`.
    static func networks(_ settings: ActorCriticSettings, batchSize: Int) -> (actor: MultilayerPerceptronWork, critic: MultilayerPerceptronWork) {
        (MultilayerPerceptronWork(layerSizes: [4] + settings.actorNetwork.hiddenLayers + [2], batchSize: batchSize),
         MultilayerPerceptronWork(layerSizes: [4] + settings.criticNetwork.hiddenLayers + [1], batchSize: batchSize))
    }

    /// The matrix products of one gradient step on a minibatch of `batchSize` samples, as A2C
    /// and PPO take it with separate networks: the policy and the value each run forward on the
    /// observations and backward to every weight (observations need no gradient; the old
    /// log-probabilities and values come from the buffer, so nothing else runs):
    ///
    ///     actor.trainingStep + critic.trainingStep      (see ``MultilayerPerceptronWork``)
    static func gradientStepFlops(_ settings: ActorCriticSettings, batchSize: Int) -> Double {
        let (actor, critic) = networks(settings, batchSize: batchSize)
        return actor.trainingStep + critic.trainingStep
    }
}
