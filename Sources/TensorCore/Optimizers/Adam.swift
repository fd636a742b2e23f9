import Foundation

/// Adam: momentum and RMSProp together, with bias correction (Kingma and Ba 2015; the notes'
/// 10.1).
///
/// At step t, for each parameter W with gradient dW:
///
///     v ← β₁·v + (1 − β₁)·dW          first moment
///     s ← β₂·s + (1 − β₂)·dW²         second moment
///     v̂ = v / (1 − β₁ᵗ)               bias corrections
///     ŝ = s / (1 − β₂ᵗ)
///     W ← W − α·v̂ / (√ŝ + ε)
///
/// Defaults are the paper's and PyTorch's: α = 0.001, β₁ = 0.9, β₂ = 0.999, ε = 1e-8.
public final class Adam: Optimizer {
    public let parameters: [Parameter]
    public var learningRate: Float
    /// β₁, the decay of the first-moment average, in [0, 1).
    public let beta1: Float
    /// β₂, the decay of the second-moment average, in [0, 1).
    public let beta2: Float
    /// ε, added to √ŝ to keep the division finite.
    public let epsilon: Float
    /// The number of steps taken (t in the formulas).
    public private(set) var stepCount = 0
    private var firstMoments: [[Float]]
    private var secondMoments: [[Float]]

    /// Creates the optimizer.
    ///
    /// - Throws: ``TensorError/invalidArgument(_:)`` for a value out of range.
    public init(
        parameters: [Parameter], learningRate: Float = 0.001,
        beta1: Float = 0.9, beta2: Float = 0.999, epsilon: Float = 1e-8
    ) throws {
        try validateLearningRate(learningRate, optimizer: "Adam")
        guard beta1 >= 0 && beta1 < 1, beta2 >= 0 && beta2 < 1 else {
            throw TensorError.invalidArgument("Adam betas must be in [0, 1), got \(beta1) and \(beta2)")
        }
        guard epsilon > 0 else {
            throw TensorError.invalidArgument("Adam epsilon must be positive, got \(epsilon)")
        }
        self.parameters = parameters
        self.learningRate = learningRate
        self.beta1 = beta1
        self.beta2 = beta2
        self.epsilon = epsilon
        self.firstMoments = parameters.map { [Float](repeating: 0, count: $0.scalarCount) }
        self.secondMoments = parameters.map { [Float](repeating: 0, count: $0.scalarCount) }
    }

    public func step() {
        stepCount += 1
        let (beta1, beta2, epsilon) = (beta1, beta2, epsilon)
        let firstCorrection = Float(1 - Foundation.pow(Double(beta1), Double(stepCount)))
        let secondCorrection = Float(1 - Foundation.pow(Double(beta2), Double(stepCount)))
        let rate = learningRate
        forEachParameterWithGradient { index, values, gradient in
            firstMoments[index].withUnsafeMutableBufferPointer { first in
                secondMoments[index].withUnsafeMutableBufferPointer { second in
                    for element in 0..<values.count {
                        let g = gradient[element]
                        let v = beta1 * first[element] + (1 - beta1) * g
                        let s = beta2 * second[element] + (1 - beta2) * g * g
                        first[element] = v
                        second[element] = s
                        values[element] -= rate * (v / firstCorrection) / ((s / secondCorrection).squareRoot() + epsilon)
                    }
                }
            }
        }
    }
}
