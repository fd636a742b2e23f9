/// The random streams of a training run, each drawn from the configuration's seed with
/// `SeededGenerator(seed:stream:)`: weights, exploration and replay sampling never share a
/// stream, so changing how often one of them draws leaves the others' numbers unchanged.
/// (Environment resets use the seed itself, as `reset(seed:)` does in Gymnasium.)
public enum AgentStream {
    /// Initial network weights.
    public static let weights: UInt64 = 1
    /// Exploration: ε draws, random actions, noise, sampling from a policy, tie-breaking.
    public static let exploration: UInt64 = 2
    /// Minibatches drawn from a replay buffer.
    public static let replay: UInt64 = 3
    /// Tie-breaking in ``Agent/predict(_:)``.
    public static let prediction: UInt64 = 4
    /// Noise drawn inside updates (SAC's policy samples, TD3's target smoothing).
    public static let updateNoise: UInt64 = 5
    /// The initial weights of critics (kept apart from the actor's, so changing one network's
    /// size leaves the other's initial weights unchanged).
    public static let criticWeights: UInt64 = 6
}
