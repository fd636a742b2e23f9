import RLCore
import TensorCore

/// What on-policy agents (A2C, PPO) collect before each update: `steps` steps of `copies`
/// environments, as a structure of arrays indexed `[step * copies + copy]`, with the advantages
/// and returns of generalised advantage estimation (Schulman et al. 2016).
///
/// For each step t and copy, with `done` the end of the copy's episode at t (terminated or
/// truncated):
///
///     bootstrapₜ = V(s′ₜ)         if the episode was truncated at t (the final observation's value)
///                = 0              if it terminated at t
///                = V(sₜ₊₁)        otherwise (the next step's value; after the last step, `lastValues`)
///     δₜ = rₜ + γ · bootstrapₜ − V(sₜ)
///     Aₜ = δₜ + γλ · (1 − doneₜ) · Aₜ₊₁
///     Rₜ = Aₜ + V(sₜ)                                  (the value target)
///
/// λ = 1 gives the n-step returns of A2C (Mnih et al. 2016); λ = 0 one-step TD errors. A
/// truncated episode bootstraps from the value of its final observation, never through a
/// termination (Stable-Baselines3 folds the same γ · V(s′) into the reward).
public struct RolloutBuffer {
    /// The steps per rollout.
    public let steps: Int
    /// The environments stepped together.
    public let copies: Int
    /// The features of one observation.
    public let observationSize: Int
    /// The scalars of one action (1 for an index of a finite action space).
    public let actionSize: Int

    /// Observations, `[steps · copies, observationSize]` row-major.
    public internal(set) var observations: [Float]
    /// Actions: indices (as floats) or action vectors, `[steps · copies, actionSize]`.
    public internal(set) var actions: [Float]
    /// Rewards, `[steps · copies]`.
    public internal(set) var rewards: [Float]
    /// Whether the copy's episode ended at the step.
    public internal(set) var dones: [Bool]
    /// V(s′) of the final observation where the episode was truncated at the step, else 0.
    public internal(set) var truncationValues: [Float]
    /// V(sₜ) as estimated when acting.
    public internal(set) var values: [Float]
    /// log π(aₜ | sₜ) when acting.
    public internal(set) var logProbabilities: [Float]
    /// Aₜ, after ``computeAdvantages(lastValues:discount:lambda:)``.
    public private(set) var advantages: [Float]
    /// Rₜ = Aₜ + V(sₜ), after ``computeAdvantages(lastValues:discount:lambda:)``.
    public private(set) var returns: [Float]
    /// The steps stored so far (0...steps).
    public private(set) var storedSteps = 0

    /// An empty buffer; its arrays are allocated once and reused by every rollout.
    public init(steps: Int, copies: Int, observationSize: Int, actionSize: Int) {
        self.steps = steps
        self.copies = copies
        self.observationSize = observationSize
        self.actionSize = actionSize
        let count = steps * copies
        observations = [Float](repeating: 0, count: count * observationSize)
        actions = [Float](repeating: 0, count: count * actionSize)
        rewards = [Float](repeating: 0, count: count)
        dones = [Bool](repeating: false, count: count)
        truncationValues = [Float](repeating: 0, count: count)
        values = [Float](repeating: 0, count: count)
        logProbabilities = [Float](repeating: 0, count: count)
        advantages = [Float](repeating: 0, count: count)
        returns = [Float](repeating: 0, count: count)
    }

    /// The number of samples a full rollout holds: steps · copies.
    public var sampleCount: Int { steps * copies }

    /// Whether every step is stored.
    public var isFull: Bool { storedSteps == steps }

    /// Starts a new rollout (the arrays are overwritten, not reallocated).
    public mutating func reset() {
        storedSteps = 0
    }

    /// Stores one step of every copy.
    ///
    /// - Parameters:
    ///   - observations: `copies × observationSize` features, the observations acted on.
    ///   - actions: `copies × actionSize` floats (indices for a finite action space).
    ///   - rewards, dones, values, logProbabilities: one per copy.
    ///   - truncationValues: V of the final observation for copies truncated at this step, 0 for the others.
    public mutating func append(
        observations: UnsafeBufferPointer<Float>, actions: UnsafeBufferPointer<Float>, rewards: UnsafeBufferPointer<Float>,
        dones: UnsafeBufferPointer<Bool>, truncationValues: UnsafeBufferPointer<Float>, values: UnsafeBufferPointer<Float>,
        logProbabilities: UnsafeBufferPointer<Float>
    ) {
        let step = storedSteps
        let base = step * copies
        for index in 0..<(copies * observationSize) { self.observations[base * observationSize + index] = observations[index] }
        for index in 0..<(copies * actionSize) { self.actions[base * actionSize + index] = actions[index] }
        for copy in 0..<copies {
            self.rewards[base + copy] = rewards[copy]
            self.dones[base + copy] = dones[copy]
            self.truncationValues[base + copy] = truncationValues[copy]
            self.values[base + copy] = values[copy]
            self.logProbabilities[base + copy] = logProbabilities[copy]
        }
        storedSteps += 1
    }

    /// Computes ``advantages`` and ``returns`` by GAE(λ), backwards from the last step.
    ///
    /// - Parameter lastValues: V of each copy's observation after the last stored step.
    public mutating func computeAdvantages(lastValues: [Float], discount: Float, lambda: Float) {
        var following = [Float](repeating: 0, count: copies)   // Aₜ₊₁ of each copy
        for step in stride(from: storedSteps - 1, through: 0, by: -1) {
            for copy in 0..<copies {
                let index = step * copies + copy
                let done = dones[index]
                let nextValue = step == storedSteps - 1 ? lastValues[copy] : values[index + copies]
                let bootstrap = done ? truncationValues[index] : nextValue
                let delta = rewards[index] + discount * bootstrap - values[index]
                let advantage = delta + discount * lambda * (done ? 0 : following[copy])
                advantages[index] = advantage
                returns[index] = advantage + values[index]
                following[copy] = advantage
            }
        }
    }

    /// The rows `indices` of the observations as a `[indices.count, observationSize]` tensor.
    public func observationBatch(_ indices: ArraySlice<Int>) -> Tensor {
        rows(of: observations, width: observationSize, indices)
    }

    /// The rows `indices` of the actions as a `[indices.count, actionSize]` tensor.
    public func actionBatch(_ indices: ArraySlice<Int>) -> Tensor {
        rows(of: actions, width: actionSize, indices)
    }

    /// The entries `indices` of one of the per-sample arrays as a `[indices.count]` tensor.
    public func batch(of values: [Float], _ indices: ArraySlice<Int>) -> Tensor {
        Tensor(shape: [indices.count]) { output in
            for (row, index) in indices.enumerated() { output[row] = values[index] }
        }
    }

    private func rows(of values: [Float], width: Int, _ indices: ArraySlice<Int>) -> Tensor {
        Tensor(shape: [indices.count, width]) { output in
            values.withUnsafeBufferPointer { source in
                for (row, index) in indices.enumerated() {
                    for column in 0..<width { output[row * width + column] = source[index * width + column] }
                }
            }
        }
    }

    // MARK: - Saving a rollout in progress

    /// The steps stored so far, for a checkpoint taken mid-rollout.
    public struct Saved: Codable, Equatable, Sendable {
        var storedSteps: Int
        var observations, actions, rewards, truncationValues, values, logProbabilities: [Float]
        var dones: [Bool]
    }

    /// The stored steps (only those: the rest is overwritten before it is read).
    public var saved: Saved {
        let samples = storedSteps * copies
        return Saved(
            storedSteps: storedSteps, observations: Array(observations[0..<(samples * observationSize)]),
            actions: Array(actions[0..<(samples * actionSize)]), rewards: Array(rewards[0..<samples]),
            truncationValues: Array(truncationValues[0..<samples]), values: Array(values[0..<samples]),
            logProbabilities: Array(logProbabilities[0..<samples]), dones: Array(dones[0..<samples]))
    }

    /// Puts back the steps ``saved`` kept.
    ///
    /// - Throws: ``AgentError/invalidCheckpoint(_:)`` when they do not fit this buffer's sizes.
    public mutating func restore(_ saved: Saved) throws {
        let samples = saved.storedSteps * copies
        guard saved.storedSteps >= 0, saved.storedSteps < steps, saved.observations.count == samples * observationSize,
              saved.actions.count == samples * actionSize,
              [saved.rewards, saved.truncationValues, saved.values, saved.logProbabilities].allSatisfy({ $0.count == samples }),
              saved.dones.count == samples else {
            throw AgentError.invalidCheckpoint("the saved rollout does not fit \(copies) copies × \(steps) steps")
        }
        observations.replaceSubrange(0..<saved.observations.count, with: saved.observations)
        actions.replaceSubrange(0..<saved.actions.count, with: saved.actions)
        rewards.replaceSubrange(0..<samples, with: saved.rewards)
        truncationValues.replaceSubrange(0..<samples, with: saved.truncationValues)
        values.replaceSubrange(0..<samples, with: saved.values)
        logProbabilities.replaceSubrange(0..<samples, with: saved.logProbabilities)
        dones.replaceSubrange(0..<samples, with: saved.dones)
        storedSteps = saved.storedSteps
    }

    /// The fraction of the returns' variance the values explain, 1 − Var(R − V) / Var(R)
    /// (CleanRL's `explained_variance`; NaN when the returns do not vary).
    public var explainedVariance: Double {
        let count = storedSteps * copies
        guard count > 1 else { return .nan }
        func variance(_ value: (Int) -> Double) -> Double {
            var mean = 0.0
            for index in 0..<count { mean += value(index) }
            mean /= Double(count)
            var sum = 0.0
            for index in 0..<count { sum += (value(index) - mean) * (value(index) - mean) }
            return sum / Double(count)
        }
        let returnsVariance = variance { Double(returns[$0]) }
        guard returnsVariance > 0 else { return .nan }
        return 1 - variance { Double(returns[$0] - values[$0]) } / returnsVariance
    }
}
