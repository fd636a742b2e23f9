/// Stochastic gradient descent, optionally with momentum.
///
/// Without momentum: θ ← θ − α·g. With momentum μ and dampening d (PyTorch's `SGD`):
///
///     v ← μ·v + (1 − d)·g
///     θ ← θ − α·v
///
/// With d = μ this is the notes' exponentially averaged form (10.1, "GD and Momentum"):
/// v ← βv + (1 − β)dW, W ← W − αv.
public final class SGD: Optimizer {
    public let parameters: [Parameter]
    public var learningRate: Float
    /// The momentum μ in [0, 1); 0 for plain gradient descent.
    public let momentum: Float
    /// The dampening d in [0, 1]: the share of the gradient *not* added to the velocity.
    public let dampening: Float
    var velocities: [[Float]?]
    /// The number of steps taken.
    public internal(set) var stepCount = 0

    /// Creates the optimizer.
    ///
    /// - Parameters:
    ///   - parameters: what to update (for instance `network.parameters()`).
    ///   - learningRate: α > 0.
    ///   - momentum: μ in [0, 1), default 0.
    ///   - dampening: d in [0, 1], default 0.
    /// - Throws: ``TensorError/invalidArgument(_:)`` for a value out of range.
    public init(parameters: [Parameter], learningRate: Float, momentum: Float = 0, dampening: Float = 0) throws {
        try validateLearningRate(learningRate, optimizer: "SGD")
        guard momentum >= 0 && momentum < 1 else {
            throw TensorError.invalidArgument("SGD momentum must be in [0, 1), got \(momentum)")
        }
        guard dampening >= 0 && dampening <= 1 else {
            throw TensorError.invalidArgument("SGD dampening must be in [0, 1], got \(dampening)")
        }
        self.parameters = parameters
        self.learningRate = learningRate
        self.momentum = momentum
        self.dampening = dampening
        self.velocities = Array(repeating: nil, count: parameters.count)
    }

    public func step() {
        stepCount += 1
        let (rate, momentum, share) = (learningRate, momentum, 1 - dampening)
        forEachParameterWithGradient { index, values, gradient in
            guard momentum > 0 else {
                for element in 0..<values.count { values[element] -= rate * gradient[element] }
                return
            }
            if velocities[index] == nil {
                // PyTorch starts the velocity at the first gradient, undampened.
                velocities[index] = Array(gradient)
            } else {
                // Cannot fail: the branch above handles nil.
                velocities[index]!.withUnsafeMutableBufferPointer { velocity in
                    for element in 0..<velocity.count {
                        velocity[element] = momentum * velocity[element] + share * gradient[element]
                    }
                }
            }
            // Cannot fail: set by one of the branches above.
            velocities[index]!.withUnsafeBufferPointer { velocity in
                for element in 0..<values.count { values[element] -= rate * velocity[element] }
            }
        }
    }
}

extension SGD {
    /// The velocities of the parameters that have one (with momentum), `velocity.<i>`.
    public func stateTensors() -> [String: Tensor] {
        Dictionary(uniqueKeysWithValues: velocities.enumerated().compactMap { index, velocity in
            velocity.map { ("velocity.\(index)", Tensor($0)) }
        })
    }

    public func loadState(_ tensors: [String: Tensor], stepCount: Int) throws {
        try OptimizerState.checkNames(tensors, ["velocity"], parameterCount: parameters.count)
        velocities = try parameters.enumerated().map { index, parameter in
            guard let tensor = tensors["velocity.\(index)"] else { return nil }
            guard tensor.scalarCount == parameter.scalarCount else {
                throw TensorError.shapeMismatch("the velocity of parameter \(index) has \(tensor.scalarCount) values, not \(parameter.scalarCount)")
            }
            return tensor.scalars
        }
        self.stepCount = max(0, stepCount)
    }
}
