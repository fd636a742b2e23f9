import Testing
import RL

@Suite("Rollouts and normalisation")
struct RolloutBufferTests {
    /// Two copies, three steps, γ = 0.9, λ = 0.5. Copy 0 terminates at step 1 (no bootstrap) and
    /// starts again at step 2; copy 1 is truncated at step 0 (bootstrap from its final
    /// observation's value, 5) and runs on.
    @Test("GAE bootstraps through truncation from the final observation, never through termination")
    func advantagesByHand() {
        var buffer = RolloutBuffer(steps: 3, copies: 2, observationSize: 1, actionSize: 1)
        let rewards: [[Float]] = [[1, 2], [3, 4], [5, 6]]
        let dones: [[Bool]] = [[false, true], [true, false], [false, false]]
        let truncation: [[Float]] = [[0, 5], [0, 0], [0, 0]]
        let values: [[Float]] = [[0.5, 1], [1.5, 2], [2.5, 3]]
        for step in 0..<3 {
            let zeros: [Float] = [0, 0]
            zeros.withUnsafeBufferPointer { zeros in
                rewards[step].withUnsafeBufferPointer { r in
                    dones[step].withUnsafeBufferPointer { d in
                        truncation[step].withUnsafeBufferPointer { t in
                            values[step].withUnsafeBufferPointer { v in
                                buffer.append(observations: zeros, actions: zeros, rewards: r, dones: d, truncationValues: t,
                                              values: v, logProbabilities: zeros)
                            }
                        }
                    }
                }
            }
        }
        #expect(buffer.isFull)
        let (gamma, lambda): (Float, Float) = (0.9, 0.5)
        let last: [Float] = [7, 8]
        buffer.computeAdvantages(lastValues: last, discount: gamma, lambda: lambda)
        // Copy 0: step 2 bootstraps from the last value, step 1 terminated, step 0 continues into step 1.
        let a02 = 5 + gamma * 7 - 2.5
        let a01 = 3 + gamma * 0 - 1.5
        let a00 = (1 + gamma * 1.5 - 0.5) + gamma * lambda * a01
        // Copy 1: step 2 from the last value, step 1 into step 2, step 0 truncated: its final value 5, and no Aₜ₊₁.
        let a12 = 6 + gamma * 8 - 3
        let a11 = (4 + gamma * 3 - 2) + gamma * lambda * a12
        let a10 = 2 + gamma * 5 - 1
        let expected: [Float] = [a00, a10, a01, a11, a02, a12]
        for (actual, wanted) in zip(buffer.advantages, expected) { #expect(abs(actual - wanted) < 1e-5) }
        for index in 0..<6 { #expect(abs(buffer.returns[index] - (expected[index] + values[index / 2][index % 2])) < 1e-5) }
        // λ = 1 gives plain n-step returns: copy 0, step 0 = r₀ + γ r₁ (terminated there).
        buffer.computeAdvantages(lastValues: last, discount: gamma, lambda: 1)
        #expect(abs(buffer.returns[0] - (1 + gamma * 3)) < 1e-5)
    }

    @Test("running statistics equal the batch statistics of everything seen; observations clip; rewards scale by the return's spread")
    func normalization() {
        var statistics = RunningMeanStandardDeviation(dimension: 2)
        let first: [Float] = [1, 10, 3, 14, 5, 12]
        let second: [Float] = [2, 11, 8, 20]
        statistics.update(first)
        statistics.update(second)
        let all = first + second
        for component in 0..<2 {
            let column = stride(from: component, to: all.count, by: 2).map { Double(all[$0]) }
            let mean = column.reduce(0, +) / 5
            let variance = column.map { ($0 - mean) * ($0 - mean) }.reduce(0, +) / 5
            // The initial count of 1e-4 (SB3's) shifts the figures by about 1e-4 relative.
            #expect(abs(statistics.mean[component] - mean) < 1e-3 * max(1, abs(mean)))
            #expect(abs(statistics.variance[component] - variance) < 1e-3 * max(1, variance))
        }

        var observations = ObservationNormalizer(dimension: 1, clip: 2)
        observations.update([0, 2, 4, 6, 8])
        let normalized = observations.normalized([4, 100, -100])
        #expect(abs(normalized[0]) < 1e-3 && normalized[1] == 2 && normalized[2] == -2)

        var rewards = RewardNormalizer(copies: 2, discount: 0.5)
        var step: [Float] = [1, -2]
        step.withUnsafeMutableBufferPointer { rewards.normalize($0, episodeEnded: { $0 == 1 }) }
        #expect(rewards.returns == [1, 0])
        #expect(step[0] > 0 && step[1] < 0)
    }
}
