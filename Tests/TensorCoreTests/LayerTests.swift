import SeededRandom
import Testing
@testable import TensorCore

@Suite("Layers")
struct LayerTests {
    @Test func linearInitialisationsFollowTheirStatedRanges() {
        var generator = SeededGenerator(seed: 1)
        let uniform = Linear(inputCount: 16, outputCount: 64, using: &generator)
        #expect(uniform.weight.scalars.allSatisfy { abs($0) <= 0.25 })
        #expect(uniform.bias!.scalars.allSatisfy { abs($0) <= 0.25 } && uniform.bias!.scalars.contains { $0 != 0 })
        #expect(uniform.weight.scalars.contains { abs($0) > 0.2 })

        let xavier = Linear(inputCount: 16, outputCount: 8, initialization: .xavier, using: &generator)
        let bound = (6.0 / 24.0).squareRoot()
        #expect(xavier.weight.scalars.allSatisfy { Double(abs($0)) <= bound })
        #expect(xavier.bias!.scalars.allSatisfy { $0 == 0 })

        let he = Linear(inputCount: 50, outputCount: 200, initialization: .he, using: &generator)
        let variance = he.weight.scalars.map { $0 * $0 }.reduce(0, +) / Float(he.weight.scalarCount)
        #expect(abs(variance - 2.0 / 50) < 0.004)
    }

    @Test func sameSeedSameNetwork() {
        var first = SeededGenerator(seed: 9)
        var second = SeededGenerator(seed: 9)
        let a = Sequential.multilayerPerceptron(layerSizes: [4, 8, 2], using: &first)
        let b = Sequential.multilayerPerceptron(layerSizes: [4, 8, 2], using: &second)
        #expect(a.parameterTensors() == b.parameterTensors())
    }

    @Test func sequentialNamesParametersByPosition() {
        var generator = SeededGenerator(seed: 2)
        let network = Sequential.multilayerPerceptron(layerSizes: [4, 64, 64, 2], activation: .tanh, using: &generator)
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
        let online = Sequential.multilayerPerceptron(layerSizes: [3, 5, 2], using: &generator)
        let target = Sequential.multilayerPerceptron(layerSizes: [3, 5, 2], using: &generator)
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

        let other = Sequential.multilayerPerceptron(layerSizes: [3, 6, 2], using: &generator)
        #expect(throws: TensorError.self) { try target.copyParameters(from: other) }
        #expect(throws: TensorError.self) { try target.updateParameters(towards: online, rate: 1.5) }
    }

    @Test func loadingParametersChecksNamesAndShapes() throws {
        var generator = SeededGenerator(seed: 4)
        let network = Sequential.multilayerPerceptron(layerSizes: [2, 3, 1], using: &generator)
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
