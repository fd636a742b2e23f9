import CTensorSupport
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
    public internal(set) var stepCount = 0
    var firstMoments: [[Float]]
    var secondMoments: [[Float]]

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
        // v̂ / (√ŝ + ε) = (v / c₁) / (√s / √c₂ + ε) with cᵢ = 1 − βᵢᵗ: the corrections fold into
        // two per-step constants, leaving one square root and one division per element.
        let firstCorrection = Float(1 - Foundation.pow(Double(beta1), Double(stepCount)))
        let secondCorrection = Float(1 - Foundation.pow(Double(beta2), Double(stepCount)))
        let step = AdamStep(
            beta1: beta1, beta2: beta2, epsilon: epsilon,
            stepSize: learningRate / firstCorrection,
            inverseCorrectionRoot: 1 / secondCorrection.squareRoot())
        forEachParameterWithGradient { index, values, gradient in
            firstMoments[index].withUnsafeMutableBufferPointer { first in
                secondMoments[index].withUnsafeMutableBufferPointer { second in
                    step.apply(count: values.count, values, first, second, gradient)
                }
            }
        }
    }
}

extension Adam {
    /// The first and second moments, `first.<i>` and `second.<i>` for parameter i.
    public func stateTensors() -> [String: Tensor] {
        OptimizerState.tensors(firstMoments, named: "first").merging(OptimizerState.tensors(secondMoments, named: "second")) { a, _ in a }
    }

    public func loadState(_ tensors: [String: Tensor], stepCount: Int) throws {
        try OptimizerState.checkNames(tensors, ["first", "second"], parameterCount: parameters.count)
        let first = try OptimizerState.vectors(tensors, named: "first", parameters: parameters)
        let second = try OptimizerState.vectors(tensors, named: "second", parameters: parameters)
        guard stepCount >= 0 else { throw TensorError.invalidArgument("Adam's step count must be ≥ 0, got \(stepCount)") }
        firstMoments = first
        secondMoments = second
        self.stepCount = stepCount
    }
}

/// One Adam update with its per-step constants, applied eight elements at a time.
struct AdamStep: ChunkedUpdate {
    let beta1: Float
    let beta2: Float
    let epsilon: Float
    /// α / (1 − β₁ᵗ)
    let stepSize: Float
    /// 1 / √(1 − β₂ᵗ)
    let inverseCorrectionRoot: Float

    /// v ← β₁v + (1 − β₁)g;  s ← β₂s + (1 − β₂)g²;  w ← w − stepSize · v / (√s · inverseCorrectionRoot + ε)
    @inline(__always)
    func update(_ w: inout SIMD8<Float>, _ v: inout SIMD8<Float>, _ s: inout SIMD8<Float>, _ g: SIMD8<Float>) {
        v = beta1 * v + (1 - beta1) * g
        s = beta2 * s + (1 - beta2) * (g * g)
        w -= stepSize * v / (tensor_square_root8(s) * inverseCorrectionRoot + epsilon)
    }
}
