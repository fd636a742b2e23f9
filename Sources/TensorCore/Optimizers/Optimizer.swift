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
