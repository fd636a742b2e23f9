import Foundation
import Testing
@testable import TensorCore

@Suite("Optimizers")
struct OptimizerTests {
    /// A loss whose gradient with respect to `parameter` is exactly `gradient`: Σ w·g.
    func inject(_ gradient: [Float], into parameter: Parameter) throws {
        try (parameter.value * Tensor(gradient)).sum().backward()
    }

    @Test func adamStepsEqualTheNotesFormulasByHand() throws {
        // The notes' 10.1, computed here in Double for two steps.
        let (alpha, beta1, beta2, epsilon) = (0.01, 0.9, 0.999, 1e-8)
        let gradients: [[Double]] = [[0.5, -1.0, 0.0], [0.1, 0.3, -2.0]]
        var weights: [Double] = [1.0, -2.0, 0.5]
        var v = [0.0, 0.0, 0.0]
        var s = [0.0, 0.0, 0.0]
        let parameter = Parameter(Tensor(weights.map(Float.init)))
        let adam = try Adam(parameters: [parameter], learningRate: Float(alpha), beta1: Float(beta1), beta2: Float(beta2))
        for (t, dW) in gradients.enumerated() {
            for i in 0..<3 {
                v[i] = beta1 * v[i] + (1 - beta1) * dW[i]
                s[i] = beta2 * s[i] + (1 - beta2) * dW[i] * dW[i]
                let vCorrected = v[i] / (1 - pow(beta1, Double(t + 1)))
                let sCorrected = s[i] / (1 - pow(beta2, Double(t + 1)))
                weights[i] -= alpha * vCorrected / (sCorrected.squareRoot() + epsilon)
            }
            adam.zeroGradients()
            try inject(dW.map(Float.init), into: parameter)
            adam.step()
            for i in 0..<3 {
                #expect(abs(Double(parameter.scalars[i]) - weights[i]) < 1e-6, "step \(t + 1), weight \(i)")
            }
        }
        // The first step moves each weight with a gradient by α against its sign.
        #expect(adam.stepCount == 2)
    }

    @Test func sgdWithAndWithoutMomentum() throws {
        let plain = Parameter(Tensor([1, 1]))
        let sgd = try SGD(parameters: [plain], learningRate: 0.1)
        try inject([2, -4], into: plain)
        sgd.step()
        #expect(plain.scalars == [0.8, 1.4])

        // PyTorch: v₁ = g₁, v₂ = μ v₁ + g₂.
        let heavy = Parameter(Tensor([0]))
        let momentum = try SGD(parameters: [heavy], learningRate: 0.5, momentum: 0.9)
        try inject([1], into: heavy)
        momentum.step()
        momentum.zeroGradients()
        try inject([1], into: heavy)
        momentum.step()
        #expect(abs(heavy.scalars[0] - (-0.5 - 0.5 * 1.9)) < 1e-6)

        #expect(throws: TensorError.self) { try SGD(parameters: [plain], learningRate: 0) }
        #expect(throws: TensorError.self) { try SGD(parameters: [plain], learningRate: 0.1, momentum: 1) }
    }

    @Test func rmsPropScalesByRootMeanSquare() throws {
        let parameter = Parameter(Tensor([1]))
        let optimizer = try RMSProp(parameters: [parameter], learningRate: 0.01, decay: 0.9)
        try inject([2], into: parameter)
        optimizer.step()
        // s = 0.1·4 = 0.4; step = 0.01·2/√0.4.
        #expect(abs(parameter.scalars[0] - (1 - 0.02 / Float(0.4).squareRoot())) < 1e-6)
        #expect(throws: TensorError.self) { try RMSProp(parameters: [parameter], decay: 1) }
    }

    @Test func parametersWithoutGradientsAreLeftAlone() throws {
        let used = Parameter(Tensor([1]))
        let unused = Parameter(Tensor([5]))
        let adam = try Adam(parameters: [used, unused])
        try inject([1], into: used)
        adam.step()
        #expect(unused.scalars == [5] && used.scalars != [1])
        #expect(throws: TensorError.self) { try Adam(parameters: [used], learningRate: -1) }
        #expect(throws: TensorError.self) { try Adam(parameters: [used], beta1: 1) }
    }

    @Test func gradientNormClipping() throws {
        let a = Parameter(Tensor([0, 0]))
        let b = Parameter(Tensor([0]))
        try inject([3, 0], into: a)
        try inject([4], into: b)
        let norm = try clipGradientNorm([a, b], maxNorm: 1)
        #expect(norm == 5)
        let clipped = (a.gradient!.scalars + b.gradient!.scalars).map { $0 * $0 }.reduce(0, +).squareRoot()
        #expect(abs(clipped - 1) < 1e-5)
        #expect(abs(a.gradient!.scalars[0] / b.gradient!.scalars[0] - 0.75) < 1e-6)
        // Below the bound nothing changes.
        #expect(try clipGradientNorm([a, b], maxNorm: 10) < 1.0001)
        #expect(abs(a.gradient!.scalars[0] - 0.6) < 1e-5)
        #expect(throws: TensorError.self) { try clipGradientNorm([a], maxNorm: 0) }
    }
}
