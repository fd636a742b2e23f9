import Foundation
import Testing
import RL

@Suite("Policy distributions")
struct DistributionTests {
    func expectNoMismatch(_ inputs: [Tensor], sourceLocation: SourceLocation = #_sourceLocation, _ function: ([Tensor]) throws -> Tensor) throws {
        let mismatches = try GradientCheck.mismatches(inputs, function)
        #expect(mismatches.isEmpty, "\(mismatches)", sourceLocation: sourceLocation)
    }

    func random(_ shape: [Int], seed: UInt64, scale: Float = 1) -> Tensor {
        var generator = SeededGenerator(seed: seed)
        return Tensor.randomNormal(shape, standardDeviation: scale, using: &generator)
    }

    @Test("categorical: log-probabilities, entropy, their gradients, sampling frequencies and the mode")
    func categorical() throws {
        let logits = try Tensor([[1, 2, 0.5], [-1, 0, 3]])
        let distribution = try CategoricalDistribution(logits: logits)
        let probabilities = [[1, 2, 0.5].map { exp($0) }, [-1, 0, 3].map { exp($0) }].map { row in row.map { $0 / row.reduce(0, +) } }
        let logProbability = try distribution.logProbability(of: [1, 2]).scalars
        #expect(abs(Double(logProbability[0]) - log(probabilities[0][1])) < 1e-5)
        #expect(abs(Double(logProbability[1]) - log(probabilities[1][2])) < 1e-5)
        let entropy = try distribution.entropy().scalars
        for row in 0..<2 {
            let expected = -probabilities[row].map { $0 * log($0) }.reduce(0, +)
            #expect(abs(Double(entropy[row]) - expected) < 1e-5)
        }
        #expect(abs(try CategoricalDistribution(logits: Tensor.zeros([1, 4])).entropy().scalars[0] - Float(log(4.0))) < 1e-6)
        #expect(distribution.mode() == [1, 2])

        try expectNoMismatch([random([3, 4], seed: 1)]) { try CategoricalDistribution(logits: $0[0]).logProbability(of: [0, 3, 2]) }
        try expectNoMismatch([random([3, 4], seed: 2)]) { try CategoricalDistribution(logits: $0[0]).entropy() }

        var generator = SeededGenerator(seed: 3)
        let rows = try CategoricalDistribution(logits: Tensor(shape: [20_000, 3], scalars: Array(repeating: [1, 2, 0.5], count: 20_000).flatMap { $0 }))
        let samples = rows.sample(using: &generator)
        for action in 0..<3 {
            let frequency = Double(samples.filter { $0 == action }.count) / 20_000
            #expect(abs(frequency - probabilities[0][action]) < 0.015, "action \(action): \(frequency)")
        }
    }

    @Test("diagonal Gaussian: log-probability and entropy in closed form, gradients, reparameterised samples")
    func diagonalGaussian() throws {
        let mean = try Tensor([[0.5, -1], [2, 0]])
        let logStandardDeviation = Tensor([-0.5, 0.3])
        let distribution = try DiagonalGaussian(mean: mean, logStandardDeviation: logStandardDeviation)
        let actions = try Tensor([[0, 0], [1, 1]])
        let logProbability = try distribution.logProbability(of: actions).scalars
        let sigma = [exp(-0.5), exp(0.3)]
        for (row, (means, points)) in zip([[0.5, -1], [2.0, 0]], [[0.0, 0], [1.0, 1]]).enumerated() {
            var expected = 0.0
            for index in 0..<2 {
                let z = (points[index] - means[index]) / sigma[index]
                expected += -0.5 * z * z - log(sigma[index]) - 0.5 * log(2 * Double.pi)
            }
            #expect(abs(Double(logProbability[row]) - expected) < 1e-5)
        }
        let entropy = try distribution.entropy().scalars
        let expectedEntropy = sigma.map { log($0) + 0.5 * log(2 * Double.pi * M_E) }.reduce(0, +)
        #expect(entropy.count == 2 && entropy.allSatisfy { abs(Double($0) - expectedEntropy) < 1e-5 })

        let points = random([3, 2], seed: 4)
        try expectNoMismatch([random([3, 2], seed: 5), random([2], seed: 6, scale: 0.3), points]) {
            try DiagonalGaussian(mean: $0[0], logStandardDeviation: $0[1]).logProbability(of: $0[2])
        }
        try expectNoMismatch([random([3, 2], seed: 7), random([3, 2], seed: 8, scale: 0.3)]) {
            try DiagonalGaussian(mean: $0[0], logStandardDeviation: $0[1]).entropy()
        }
        let noise = random([3, 2], seed: 9)
        try expectNoMismatch([random([3, 2], seed: 10), random([2], seed: 11, scale: 0.3)]) {
            try DiagonalGaussian(mean: $0[0], logStandardDeviation: $0[1]).reparameterizedSample(noise: noise)
        }

        var generator = SeededGenerator(seed: 12)
        let many = try DiagonalGaussian(mean: Tensor(repeating: 1.5, shape: [20_000, 1]), logStandardDeviation: Tensor([Float(log(0.5))]))
        let samples = try many.sample(using: &generator).scalars
        let sampleMean = samples.reduce(0, +) / Float(samples.count)
        let sampleVariance = samples.map { ($0 - sampleMean) * ($0 - sampleMean) }.reduce(0, +) / Float(samples.count)
        #expect(abs(sampleMean - 1.5) < 0.02 && abs(sampleVariance - 0.25) < 0.02)
        #expect(throws: TensorError.self) { _ = try DiagonalGaussian(mean: mean, logStandardDeviation: Tensor([1, 2, 3])) }
    }

    @Test("tanh-squashed Gaussian: the log-probability's change of variables, its gradients, actions in (-1, 1)")
    func squashedGaussian() throws {
        let mean = try Tensor([[0.3, -0.8]])
        let logStandardDeviation = Tensor([-0.2, 0.1])
        let noise = try Tensor([[0.5, -1.2]])
        let distribution = try SquashedGaussian(mean: mean, logStandardDeviation: logStandardDeviation)
        let (actions, logProbability) = try distribution.sampleWithLogProbability(noise: noise)
        var expected = 0.0
        for index in 0..<2 {
            let sigma = exp(Double(logStandardDeviation.scalars[index]))
            let u = Double(mean.scalars[index]) + sigma * Double(noise.scalars[index])
            #expect(abs(Double(actions.scalars[index]) - tanh(u)) < 1e-6)
            expected += -0.5 * pow(Double(noise.scalars[index]), 2) - log(sigma) - 0.5 * log(2 * Double.pi)
            expected -= log(1 - tanh(u) * tanh(u) + 1e-6)
        }
        #expect(abs(Double(logProbability.scalars[0]) - expected) < 1e-4)
        #expect(zip(distribution.mode().scalars, mean.scalars.map { Foundation.tanh($0) }).allSatisfy { abs($0 - $1) <= 2e-7 })

        let noises = random([4, 2], seed: 13)
        try expectNoMismatch([random([4, 2], seed: 14, scale: 0.5), random([4, 2], seed: 15, scale: 0.3)]) {
            try SquashedGaussian(mean: $0[0], logStandardDeviation: $0[1]).sampleWithLogProbability(noise: noises).logProbability
        }
        try expectNoMismatch([random([4, 2], seed: 16, scale: 0.5), random([2], seed: 17, scale: 0.3)]) {
            try SquashedGaussian(mean: $0[0], logStandardDeviation: $0[1]).sampleWithLogProbability(noise: noises).actions
        }
        let wide = try SquashedGaussian(mean: random([100, 3], seed: 18, scale: 3), logStandardDeviation: Tensor([1, 1, 1]))
        let (squashed, _) = try wide.sampleWithLogProbability(noise: random([100, 3], seed: 19))
        #expect(squashed.scalars.allSatisfy { $0 >= -1 && $0 <= 1 })
    }
}
