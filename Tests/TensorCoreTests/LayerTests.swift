import SeededRandom
import Testing
@testable import TensorCore

@Suite("Layers")
struct LayerTests {
    @Test func linearInitialisationsFollowTheirStatedRanges() throws {
        var generator = SeededGenerator(seed: 1)
        let uniform = try Linear(inputCount: 16, outputCount: 64, using: &generator)
        #expect(uniform.weight.scalars.allSatisfy { abs($0) <= 0.25 })
        #expect(uniform.bias!.scalars.allSatisfy { abs($0) <= 0.25 } && uniform.bias!.scalars.contains { $0 != 0 })
        #expect(uniform.weight.scalars.contains { abs($0) > 0.2 })

        let xavier = try Linear(inputCount: 16, outputCount: 8, initialization: .xavier, using: &generator)
        let bound = (6.0 / 24.0).squareRoot()
        #expect(xavier.weight.scalars.allSatisfy { Double(abs($0)) <= bound })
        #expect(xavier.bias!.scalars.allSatisfy { $0 == 0 })

        let he = try Linear(inputCount: 50, outputCount: 200, initialization: .he, using: &generator)
        let variance = he.weight.scalars.map { $0 * $0 }.reduce(0, +) / Float(he.weight.scalarCount)
        #expect(abs(variance - 2.0 / 50) < 0.004)
    }

    /// W Wᵀ = gain² I for a wide matrix, Wᵀ W = gain² I for a tall one; the same draws for the
    /// same generator; zero biases; the gains of a perceptron's layers.
    @Test func orthogonalWeightsAreOrthogonal() throws {
        for (rows, columns) in [(64, 4), (2, 64), (64, 64), (1, 1)] {
            var generator = SeededGenerator(seed: 4)
            let gain: Float = 1.5
            let weights = try Tensor.randomOrthogonal([rows, columns], gain: gain, using: &generator).scalars
            let (outer, inner) = rows <= columns ? (rows, columns) : (columns, rows)
            for i in 0..<outer {
                for j in 0..<outer {
                    var dot: Float = 0
                    for k in 0..<inner {
                        dot += rows <= columns
                            ? weights[i * columns + k] * weights[j * columns + k]
                            : weights[k * columns + i] * weights[k * columns + j]
                    }
                    #expect(abs(dot - (i == j ? gain * gain : 0)) < 1e-4, "\(rows)x\(columns) [\(i), \(j)]: \(dot)")
                }
            }
            var again = SeededGenerator(seed: 4)
            #expect(try Tensor.randomOrthogonal([rows, columns], gain: gain, using: &again).scalars == weights)
        }
        var generator = SeededGenerator(seed: 5)
        let network = try Sequential.multilayerPerceptron(
            layerSizes: [4, 64, 2], activation: .tanh, initialization: .orthogonal, outputGain: 0.01, using: &generator)
        let hidden = try #require(network.layers[0] as? Linear)
        let output = try #require(network.layers[2] as? Linear)
        // Each row of a wide orthogonal matrix has norm gain; each column of a tall one.
        let outputRow = output.weight.scalars[0..<64].map { $0 * $0 }.reduce(0, +).squareRoot()
        #expect(abs(outputRow - 0.01) < 1e-6)
        let hiddenColumn = (0..<64).map { hidden.weight.scalars[$0 * 4] * hidden.weight.scalars[$0 * 4] }.reduce(0, +).squareRoot()
        #expect(abs(hiddenColumn - Float(2).squareRoot()) < 1e-5)
        #expect(hidden.bias!.scalars.allSatisfy { $0 == 0 } && output.bias!.scalars.allSatisfy { $0 == 0 })
        #expect(throws: TensorError.self) { try Tensor.randomOrthogonal([0, 3], using: &generator) }
        #expect(throws: TensorError.self) { try Linear(inputCount: 0, outputCount: 3, using: &generator) }
    }

    @Test func sameSeedSameNetwork() throws {
        var first = SeededGenerator(seed: 9)
        var second = SeededGenerator(seed: 9)
        let a = try Sequential.multilayerPerceptron(layerSizes: [4, 8, 2], using: &first)
        let b = try Sequential.multilayerPerceptron(layerSizes: [4, 8, 2], using: &second)
        #expect(a.parameterTensors() == b.parameterTensors())
    }

    @Test func sequentialNamesParametersByPosition() throws {
        var generator = SeededGenerator(seed: 2)
        let network = try Sequential.multilayerPerceptron(layerSizes: [4, 64, 64, 2], activation: .tanh, using: &generator)
        #expect(network.namedParameters.map(\.name)
                == ["layers.0.weight", "layers.0.bias", "layers.2.weight", "layers.2.bias", "layers.4.weight", "layers.4.bias"])
        #expect(network.parameterCount == 4 * 64 + 64 + 64 * 64 + 64 + 64 * 2 + 2)
        #expect(network.layers[1] is Tanh)
    }

    @Test func forwardPassMatchesHandComputation() throws {
        let first = try Linear(weight: Tensor([[1, -1], [0.5, 2]]), bias: Tensor([0, -3]))
        let second = try Linear(weight: Tensor([[2, 1]]), bias: Tensor([0.5]))
        let network = Sequential(first, ReLU(), second)
        // x = [1, 2]: first layer [1·1 − 1·2 + 0, 0.5 + 4 − 3] = [−1, 1.5]; ReLU [0, 1.5]; 2·0 + 1.5 + 0.5 = 2.
        #expect(try network(Tensor([[1, 2]])).scalars == [2])
        #expect(try network(Tensor([1, 2])).shape == [1])
        #expect(throws: TensorError.self) { try network(Tensor([[1, 2, 3]])) }
    }

    @Test func targetNetworkCopiesAndSoftUpdates() throws {
        var generator = SeededGenerator(seed: 3)
        let online = try Sequential.multilayerPerceptron(layerSizes: [3, 5, 2], using: &generator)
        let target = try Sequential.multilayerPerceptron(layerSizes: [3, 5, 2], using: &generator)
        #expect(online.parameterTensors() != target.parameterTensors())
        let before = target.parameters()[0].scalars[0]
        try target.updateParameters(towards: online, rate: 0.25)
        let expected = 0.25 * online.parameters()[0].scalars[0] + 0.75 * before
        #expect(abs(target.parameters()[0].scalars[0] - expected) < 1e-6)
        try target.copyParameters(from: online)
        #expect(online.parameterTensors() == target.parameterTensors())
        // The copy is independent: training the online network leaves the target alone.
        online.parameters()[0].scalars[0] += 1
        #expect(online.parameterTensors() != target.parameterTensors())

        let other = try Sequential.multilayerPerceptron(layerSizes: [3, 6, 2], using: &generator)
        #expect(throws: TensorError.self) { try target.copyParameters(from: other) }
        #expect(throws: TensorError.self) { try target.updateParameters(towards: online, rate: 1.5) }
    }

    @Test func loadingParametersChecksNamesAndShapes() throws {
        var generator = SeededGenerator(seed: 4)
        let network = try Sequential.multilayerPerceptron(layerSizes: [2, 3, 1], using: &generator)
        var tensors = network.parameterTensors()
        tensors["layers.0.bias"] = Tensor([7, 8, 9])
        try network.loadParameters(from: tensors)
        #expect(network.parameters()[1].scalars == [7, 8, 9])

        var missing = tensors
        missing["layers.2.weight"] = nil
        #expect(throws: TensorError.self) { try network.loadParameters(from: missing) }
        var extra = tensors
        extra["layers.9.weight"] = Tensor([1])
        #expect(throws: TensorError.self) { try network.loadParameters(from: extra) }
        var wrongShape = tensors
        wrongShape["layers.0.bias"] = Tensor([1, 2])
        #expect(throws: TensorError.self) { try network.loadParameters(from: wrongShape) }
        // Nothing was half-loaded by the failed attempts.
        #expect(network.parameters()[1].scalars == [7, 8, 9])
    }
}
