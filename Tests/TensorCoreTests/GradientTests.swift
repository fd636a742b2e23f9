import Foundation
import Testing
@testable import TensorCore

/// A finite-difference check of every differentiable operation.
@Suite("Gradients against finite differences")
struct GradientTests {
    // MARK: - Arithmetic

    @Test func addition() throws {
        try expectGradientsMatch([randomTensor([3, 4], seed: 1), randomTensor([3, 4], seed: 2)]) { try $0[0] + $0[1] }
    }

    @Test func additionBroadcastingARow() throws {
        try expectGradientsMatch([randomTensor([3, 4], seed: 1), randomTensor([4], seed: 2)]) { try $0[0] + $0[1] }
    }

    @Test func subtractionBroadcastingAColumn() throws {
        try expectGradientsMatch([randomTensor([3, 4], seed: 3), randomTensor([3, 1], seed: 4)]) { try $0[0] - $0[1] }
    }

    @Test func multiplicationBroadcastingBothWays() throws {
        try expectGradientsMatch([randomTensor([3, 1], seed: 5), randomTensor([1, 4], seed: 6)]) { try $0[0] * $0[1] }
    }

    @Test func divisionBroadcastingAScalarTensor() throws {
        try expectGradientsMatch([randomTensor([2, 3], seed: 7), positiveTensor([], seed: 8)]) { try $0[0] / $0[1] }
    }

    @Test func divisionElementwise() throws {
        try expectGradientsMatch([randomTensor([5], seed: 9), positiveTensor([5], seed: 10)]) { try $0[0] / $0[1] }
    }

    @Test func scalarArithmeticAndNegation() throws {
        try expectGradientsMatch([randomTensor([2, 3], seed: 11)]) { inputs in
            let x = inputs[0]
            return try (-(x * 3 + 1) - 2) / 4 * (1 - x)
        }
        try expectGradientsMatch([positiveTensor([4], seed: 12)]) { 2 / $0[0] }
    }

    @Test func broadcastingThreeDimensions() throws {
        try expectGradientsMatch([randomTensor([2, 3, 4], seed: 13), randomTensor([3, 1], seed: 14)]) { try $0[0] * $0[1] }
    }

    // MARK: - Element-wise functions

    @Test func exponentialAndLogarithm() throws {
        try expectGradientsMatch([randomTensor([3, 3], seed: 15)]) { $0[0].exp() }
        try expectGradientsMatch([positiveTensor([3, 3], seed: 16)]) { $0[0].log() }
    }

    @Test func powerAndSquareRoot() throws {
        try expectGradientsMatch([randomTensor([6], seed: 17)]) { $0[0].pow(2) }
        try expectGradientsMatch([positiveTensor([6], seed: 18)]) { $0[0].pow(1.5) }
        try expectGradientsMatch([randomTensor([6], seed: 19)]) { $0[0].pow(3) }
        try expectGradientsMatch([positiveTensor([6], seed: 20)]) { $0[0].squareRoot() }
    }

    @Test func activations() throws {
        let input = randomTensor([4, 5], seed: 21)
        try expectGradientsMatch([input]) { $0[0].relu() }
        try expectGradientsMatch([input]) { $0[0].leakyRelu(negativeSlope: 0.1) }
        try expectGradientsMatch([input]) { $0[0].elu(alpha: 0.7) }
        try expectGradientsMatch([input]) { $0[0].sigmoid() }
        try expectGradientsMatch([input]) { $0[0].tanh() }
    }

    @Test func clamp() throws {
        // Values in (-1.5, -0.1) ∪ (0.1, 1.5); bounds at ±0.8 stay away from every value.
        let input = try Tensor(shape: [6], scalars: [-1.4, -0.5, -0.2, 0.3, 0.6, 1.2])
        try expectGradientsMatch([input]) { try $0[0].clamped(min: -0.8, max: 0.8) }
    }

    // MARK: - Reductions

    @Test func sums() throws {
        let input = randomTensor([2, 3, 4], seed: 22)
        try expectGradientsMatch([input]) { $0[0].sum() }
        try expectGradientsMatch([input]) { try $0[0].sum(alongAxes: [1]) }
        try expectGradientsMatch([input]) { try $0[0].sum(alongAxes: [0, 2], keepingDimensions: true) }
        try expectGradientsMatch([input]) { try $0[0].sum(alongAxes: [-1]) }
    }

    @Test func means() throws {
        let input = randomTensor([3, 4], seed: 23)
        try expectGradientsMatch([input]) { $0[0].mean() }
        try expectGradientsMatch([input]) { try $0[0].mean(alongAxes: [0]) }
        try expectGradientsMatch([input]) { try $0[0].mean(alongAxes: [1], keepingDimensions: true) }
    }

    @Test func maxAlongAxis() throws {
        // Distinct values, so there are no ties within a margin of the step.
        let input = try Tensor(shape: [3, 4], scalars: [0.1, 0.9, -0.5, 0.4, 1.3, -0.2, 0.6, 0.0, -1.0, -0.7, -0.3, -1.2])
        try expectGradientsMatch([input]) { try $0[0].max(alongAxis: 1) }
        try expectGradientsMatch([input]) { try $0[0].max(alongAxis: 0, keepingDimensions: true) }
    }

    @Test func elementwiseMaximum() throws {
        let lhs = try Tensor(shape: [2, 3], scalars: [0.5, -0.3, 1.2, 0.1, -0.9, 0.7])
        let rhs = try Tensor(shape: [3], scalars: [0.2, 0.4, -0.6])
        try expectGradientsMatch([lhs, rhs]) { try Tensor.maximum($0[0], $0[1]) }
    }

    // MARK: - Softmax

    @Test func theCheckFindsAWrongBackwardRule() throws {
        // x² with a backward rule of x instead of 2x: every element must be reported.
        let x = randomTensor([4], seed: 70)
        let mismatches = try GradientCheck.mismatches([x]) { inputs in
            let input = inputs[0]
            let value = input.pow(2).detached()
            return Tensor.needsGradient(input) ? value.recorded(from: input) { try $0 * input.detached() } : value
        }
        #expect(mismatches.map(\.element) == [0, 1, 2, 3])
    }

    @Test func slicing() throws {
        let x = randomTensor([3, 6], seed: 75)
        try expectGradientsMatch([x]) { try $0[0].slice(alongAxis: 1, 2..<5) }
        try expectGradientsMatch([randomTensor([2, 3, 4], seed: 76)]) { try $0[0].slice(alongAxis: 1, 1..<3) }
        #expect(try Tensor([[1, 2, 3], [4, 5, 6]]).slice(alongAxis: 1, 1..<3) == Tensor([[2, 3], [5, 6]]))
        #expect(throws: TensorError.self) { _ = try x.slice(alongAxis: 1, 4..<7) }
    }

    @Test func elementwiseMinimum() throws {
        let a = randomTensor([3, 4], seed: 71)
        let b = randomTensor([3, 4], seed: 72)
        try expectGradientsMatch([a, b]) { try Tensor.minimum($0[0], $0[1]) }
        try expectGradientsMatch([a, randomTensor([4], seed: 73)]) { try Tensor.minimum($0[0], $0[1]) }
        #expect(try Tensor.minimum(Tensor([1, 5, -2]), Tensor([3, 4, -2])).scalars == [1, 4, -2])
    }

    @Test func logSumExpAlongAnAxis() throws {
        let x = randomTensor([3, 5], seed: 74)
        try expectGradientsMatch([x]) { try $0[0].logSumExp(alongAxis: 1) }
        try expectGradientsMatch([x]) { try $0[0].logSumExp(alongAxis: 0, keepingDimensions: true) }
        let big = try Tensor(shape: [1, 3], scalars: [1000, 1000, 1000])
        #expect(abs(try big.logSumExp(alongAxis: 1).scalars[0] - (1000 + Float(Foundation.log(3.0)))) < 1e-3)
        #expect(try x.logSumExp(alongAxis: 1, keepingDimensions: true).shape == [3, 1])
        #expect(try x.logSumExp(alongAxis: 0).shape == [5])
    }

    @Test func stoppingGradientBlocksTheGraph() throws {
        let parameter = Parameter(Tensor([1, 2]))
        let loss = try (parameter.value * parameter.value.stoppingGradient()).sum()
        try loss.backward()
        // d/dx (x · stop(x)) = stop(x) = x.
        #expect(parameter.gradient?.scalars == [1, 2])
    }

    @Test func softmaxAndLogSoftmax() throws {
        let input = randomTensor([3, 5], seed: 24)
        try expectGradientsMatch([input]) { try $0[0].softmax() }
        try expectGradientsMatch([input]) { try $0[0].softmax(alongAxis: 0) }
        try expectGradientsMatch([input]) { try $0[0].logSoftmax() }
        try expectGradientsMatch([input]) { try $0[0].logSoftmax(alongAxis: 0) }
    }

    // MARK: - Indexing and shapes

    @Test func gatherAlongAxis() throws {
        let input = randomTensor([4, 3], seed: 25)
        try expectGradientsMatch([input]) { try $0[0].gathering([2, 0, 1, 2], alongAxis: 1) }
        try expectGradientsMatch([input]) { try $0[0].gathering([3, 3, 0], alongAxis: 0) }
    }

    @Test func concatenation() throws {
        let a = randomTensor([2, 3], seed: 26)
        let b = randomTensor([2, 1], seed: 27)
        let c = randomTensor([1, 3], seed: 28)
        try expectGradientsMatch([a, b]) { try Tensor.concatenating($0, alongAxis: 1) }
        try expectGradientsMatch([a, c]) { try Tensor.concatenating($0, alongAxis: 0) }
    }

    @Test func reshapeAndTranspose() throws {
        let input = randomTensor([2, 3, 4], seed: 29)
        try expectGradientsMatch([input]) { try $0[0].reshaped(to: [6, -1]) }
        try expectGradientsMatch([input]) { try $0[0].transposed() }
        try expectGradientsMatch([input]) { try $0[0].transposed([1, 0, 2]) }
        try expectGradientsMatch([randomTensor([3, 5], seed: 30)]) { try $0[0].transposed() }
    }

    // MARK: - Matrix products

    @Test func matrixProduct() throws {
        try expectGradientsMatch([randomTensor([3, 4], seed: 31), randomTensor([4, 2], seed: 32)]) { try $0[0].matmul($0[1]) }
        try expectGradientsMatch([randomTensor([1, 5], seed: 33), randomTensor([5, 3], seed: 34)]) { try $0[0].matmul($0[1]) }
    }

    @Test func affineMap() throws {
        let input = randomTensor([5, 3], seed: 35)
        let weight = randomTensor([2, 3], seed: 36)
        let bias = randomTensor([2], seed: 37)
        try expectGradientsMatch([input, weight, bias]) { try Tensor.affine($0[0], weight: $0[1], bias: $0[2]) }
        try expectGradientsMatch([randomTensor([3], seed: 38), weight, bias]) { try Tensor.affine($0[0], weight: $0[1], bias: $0[2]) }
        try expectGradientsMatch([input, weight]) { try Tensor.affine($0[0], weight: $0[1], bias: nil) }
    }

    // MARK: - Losses

    @Test func losses() throws {
        let predictions = randomTensor([4, 2], seed: 39)
        let targets = randomTensor([4, 2], seed: 40, range: 3)
        try expectGradientsMatch([predictions, targets]) { try meanSquaredError($0[0], $0[1]) }
        // Differences both inside and beyond delta = 1.
        try expectGradientsMatch([predictions, targets]) { try huberLoss($0[0], $0[1]) }
        try expectGradientsMatch([predictions, targets]) { try huberLoss($0[0], $0[1], delta: 0.5) }
        try expectGradientsMatch([randomTensor([4, 3], seed: 41)]) { try crossEntropy(logits: $0[0], labels: [0, 2, 1, 2]) }
        try expectGradientsMatch([randomTensor([4, 3], seed: 42)]) { inputs in
            try negativeLogLikelihood(inputs[0].logSoftmax(), labels: [1, 1, 0, 2])
        }
    }

    // MARK: - Whole networks

    @Test(arguments: ["mse", "huber", "crossEntropy"])
    func multilayerPerceptronWithEachLoss(loss: String) throws {
        // x → Linear(3→4) → tanh → Linear(4→3), weights and biases as checked inputs.
        let inputs = [
            randomTensor([5, 3], seed: 43), randomTensor([4, 3], seed: 44), randomTensor([4], seed: 45),
            randomTensor([3, 4], seed: 46), randomTensor([3], seed: 47),
        ]
        let targets = randomTensor([5, 3], seed: 48)
        try expectGradientsMatch(inputs) { values in
            let hidden = try Tensor.affine(values[0], weight: values[1], bias: values[2]).tanh()
            let output = try Tensor.affine(hidden, weight: values[3], bias: values[4])
            switch loss {
            case "mse": return try meanSquaredError(output, targets)
            case "huber": return try huberLoss(output * 3, targets)
            default: return try crossEntropy(logits: output, labels: [0, 1, 2, 1, 0])
            }
        }
    }

    @Test func gatheredQValuesThroughReLUNetwork() throws {
        // The DQN loss: Huber(Q(s, a), y) with Q from a ReLU network, checked end to end.
        let inputs = [randomTensor([6, 4], seed: 49), randomTensor([5, 4], seed: 50), randomTensor([5], seed: 51),
                      randomTensor([2, 5], seed: 52), randomTensor([2], seed: 53)]
        let targets = randomTensor([6], seed: 54, range: 2)
        try expectGradientsMatch(inputs) { values in
            let hidden = try Tensor.affine(values[0], weight: values[1], bias: values[2]).relu()
            let q = try Tensor.affine(hidden, weight: values[3], bias: values[4])
            return try huberLoss(q.gathering([0, 1, 1, 0, 1, 0], alongAxis: 1), targets)
        }
    }
}
