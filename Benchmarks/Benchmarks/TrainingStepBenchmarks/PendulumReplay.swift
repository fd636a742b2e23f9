import RL

/// A minibatch of Pendulum transitions, random but valid, drawn from a replay buffer as SAC and
/// TD3 draw theirs: what the off-policy gradient step benchmarks feed the agents' real updates.
///
/// Each transition starts from a state drawn uniformly over Pendulum's (angle ±π, angular
/// velocity ±8) and takes a uniformly random action in [-1, 1] (the unit scale the agents
/// store; the environment gets it rescaled to ±2 N·m); the real environment gives the reward
/// and the next observation. Pendulum never terminates.
enum PendulumReplay {
    /// `batchSize` transitions sampled uniformly from a buffer of 10,000.
    ///
    /// - Throws: what the environment throws.
    static func batch(size batchSize: Int, seed: UInt64 = 0) throws -> ReplayBatch {
        var generator = SeededGenerator(seed: seed)
        var environment = try Pendulum()
        var buffer = ReplayBuffer(capacity: 10_000, observationSize: 3, actionSize: 1)
        _ = environment.reset(seed: seed)
        for _ in 0..<buffer.capacity {
            environment.setState(Pendulum.State(angle: generator.uniform(-Double.pi, Double.pi), angularVelocity: generator.uniform(-8, 8)))
            let observation = environment.state.observation
            let action = generator.uniform(Float(-1), Float(1))
            let result = try environment.step(2 * action)
            let current = [observation.x, observation.y, observation.z]
            let next = [result.observation.x, result.observation.y, result.observation.z]
            current.withUnsafeBufferPointer { current in
                next.withUnsafeBufferPointer { next in
                    [action].withUnsafeBufferPointer { action in
                        buffer.append(observation: current, action: action, reward: result.reward, nextObservation: next,
                                      terminated: result.terminated)
                    }
                }
            }
        }
        return buffer.sample(batchSize: batchSize, using: &generator)
    }
}
