/// RMSProp: each parameter's step is scaled by a running root-mean-square of its gradients.
///
///     s ← ρ·s + (1 − ρ)·g²
///     θ ← θ − α·g / (√s + ε)
///
/// Defaults follow PyTorch (`alpha` ρ = 0.99, ε = 1e-8).
public final class RMSProp: Optimizer {
    public let parameters: [Parameter]
    public var learningRate: Float
    /// The decay ρ of the squared-gradient average, in [0, 1).
    public let decay: Float
    /// ε, added to the root mean square to keep the division finite.
    public let epsilon: Float
    var squareAverages: [[Float]]
    /// The number of steps taken.
    public internal(set) var stepCount = 0

    /// Creates the optimizer.
    ///
    /// - Throws: ``TensorError/invalidArgument(_:)`` for a value out of range.
    public init(parameters: [Parameter], learningRate: Float = 0.01, decay: Float = 0.99, epsilon: Float = 1e-8) throws {
        try validateLearningRate(learningRate, optimizer: "RMSProp")
        guard decay >= 0 && decay < 1 else {
            throw TensorError.invalidArgument("RMSProp decay must be in [0, 1), got \(decay)")
        }
        guard epsilon > 0 else {
            throw TensorError.invalidArgument("RMSProp epsilon must be positive, got \(epsilon)")
        }
        self.parameters = parameters
        self.learningRate = learningRate
        self.decay = decay
        self.epsilon = epsilon
        self.squareAverages = parameters.map { [Float](repeating: 0, count: $0.scalarCount) }
    }

    public func step() {
        stepCount += 1
        let (rate, decay, epsilon) = (learningRate, decay, epsilon)
        forEachParameterWithGradient { index, values, gradient in
            squareAverages[index].withUnsafeMutableBufferPointer { average in
                for element in 0..<values.count {
                    let g = gradient[element]
                    average[element] = decay * average[element] + (1 - decay) * g * g
                    values[element] -= rate * g / (average[element].squareRoot() + epsilon)
                }
            }
        }
    }
}

extension RMSProp {
    /// The running squared-gradient averages, `square.<i>` for parameter i.
    public func stateTensors() -> [String: Tensor] {
        OptimizerState.tensors(squareAverages, named: "square")
    }

    public func loadState(_ tensors: [String: Tensor], stepCount: Int) throws {
        try OptimizerState.checkNames(tensors, ["square"], parameterCount: parameters.count)
        squareAverages = try OptimizerState.vectors(tensors, named: "square", parameters: parameters)
        self.stepCount = max(0, stepCount)
    }
}
