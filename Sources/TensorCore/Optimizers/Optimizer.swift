import FloatingPointMode

/// Updates parameters from their gradients: the last step of every training iteration.
///
/// The loop is PyTorch's:
///
/// ```swift
/// optimizer.zeroGradients()
/// let loss = try huberLoss(predictions, targets)
/// try loss.backward()
/// optimizer.step()
/// ```
///
/// Parameters that received no gradient since the last ``zeroGradients()`` are left alone.
public protocol Optimizer: AnyObject {
    /// The parameters this optimizer updates, in a fixed order.
    var parameters: [Parameter] { get }

    /// The step size α (may be changed between steps, for instance by a schedule).
    var learningRate: Float { get set }

    /// Applies one update to every parameter that has a gradient.
    func step()

    /// The number of steps taken (Adam's t).
    var stepCount: Int { get }

    /// The optimizer's state besides the parameters (Adam's moments, a velocity), by name, so
    /// that training can stop and resume exactly; empty when it keeps none.
    func stateTensors() -> [String: Tensor]

    /// Restores the state ``stateTensors()`` gave, and the step count.
    ///
    /// - Throws: ``TensorError/invalidArgument(_:)`` when a tensor is missing or extra, or
    ///   ``TensorError/shapeMismatch(_:)`` when its size does not match its parameter.
    func loadState(_ tensors: [String: Tensor], stepCount: Int) throws
}

extension Optimizer {
    /// Clears every parameter's gradient before the next `backward()`.
    public func zeroGradients() {
        for parameter in parameters { parameter.zeroGradient() }
    }

    /// Calls `update` with each parameter's values, gradient and index, for parameters that
    /// have a gradient. The index lets optimizers keep per-parameter state (moments).
    @inline(__always)
    func forEachParameterWithGradient(
        _ update: (_ index: Int, _ values: UnsafeMutableBufferPointer<Float>, _ gradient: UnsafeBufferPointer<Float>) -> Void
    ) {
        // Updates work in place, allocating nothing: flush subnormals here too (moments decay
        // into them).
        DenormalMode.applyPolicy()
        for (index, parameter) in parameters.enumerated() {
            guard let gradient = parameter.gradient else { continue }
            gradient.withUnsafeScalars { gradientScalars in
                parameter.withUnsafeMutableScalars { values in
                    update(index, values, gradientScalars)
                }
            }
        }
    }
}

/// Checks the hyperparameters all optimizers share.
func validateLearningRate(_ learningRate: Float, optimizer: String) throws {
    guard learningRate > 0, learningRate.isFinite else {
        throw TensorError.invalidArgument("\(optimizer) needs a positive, finite learning rate, got \(learningRate)")
    }
}

/// Per-parameter state vectors as named tensors, `<name>.<parameter index>`, and back: the
/// shared half of every optimizer's ``Optimizer/stateTensors()`` and ``Optimizer/loadState(_:stepCount:)``.
enum OptimizerState {
    static func tensors(_ vectors: [[Float]], named name: String) -> [String: Tensor] {
        Dictionary(uniqueKeysWithValues: vectors.enumerated().map { ("\(name).\($0.offset)", Tensor($0.element)) })
    }

    /// The vectors saved by ``tensors(_:named:)``, one per parameter, each of its size.
    static func vectors(_ tensors: [String: Tensor], named name: String, parameters: [Parameter]) throws -> [[Float]] {
        try parameters.enumerated().map { index, parameter in
            guard let tensor = tensors["\(name).\(index)"] else {
                throw TensorError.invalidArgument("the optimizer state has no '\(name).\(index)'")
            }
            guard tensor.scalarCount == parameter.scalarCount else {
                throw TensorError.shapeMismatch(
                    "the optimizer state '\(name).\(index)' has \(tensor.scalarCount) values for a parameter of \(parameter.scalarCount)")
            }
            return tensor.scalars
        }
    }

    /// Throws when `tensors` holds names other than `names` × parameter indices.
    static func checkNames(_ tensors: [String: Tensor], _ names: [String], parameterCount: Int) throws {
        let expected = Set(names.flatMap { name in (0..<parameterCount).map { "\(name).\($0)" } })
        if let extra = tensors.keys.sorted().first(where: { !expected.contains($0) }) {
            throw TensorError.invalidArgument("the optimizer state '\(extra)' belongs to no parameter")
        }
    }
}
