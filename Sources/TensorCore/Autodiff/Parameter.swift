/// A trainable tensor: the weights and biases that layers own and optimizers update.
///
/// A parameter is a reference: the layer that owns it, the optimizer that updates it and the
/// graph that reads it all see the same numbers. ``value`` is the tensor to compute with;
/// after ``Tensor/backward()`` the parameter's ``gradient`` holds ∂loss/∂value, summed over
/// every `backward()` since the last ``zeroGradient()``.
public final class Parameter {
    /// The parameter's shape, fixed at creation.
    public let shape: [Int]
    /// The current values (updated in place by optimizers; shared with the tensors of
    /// ``value`` until one side is written).
    var storage: TensorStorage
    /// The leaf node that collects this parameter's gradient.
    let node: GradientNode

    /// Creates a parameter holding `initialValue`'s shape and elements.
    public init(_ initialValue: Tensor) {
        shape = initialValue.shape
        storage = initialValue.storage
        node = GradientNode(leafOfShape: initialValue.shape)
    }

    /// The current values in row-major order, as a new array.
    public internal(set) var scalars: [Float] {
        get { storage.withUnsafeBufferPointer { Array($0) } }
        set { storage = newValue.withUnsafeBufferPointer(TensorStorage.create(copying:)) }
    }

    /// The parameter as a tensor to compute with; results computed from it carry gradients
    /// back here (unless computed inside ``withoutGradients(_:)``).
    public var value: Tensor {
        Tensor(uncheckedShape: shape, storage: storage, node: node)
    }

    /// The accumulated gradient ∂loss/∂value, or `nil` when no gradient has reached it since
    /// the last ``zeroGradient()``.
    public var gradient: Tensor? {
        node.gradient
    }

    /// Forgets the accumulated gradient (PyTorch's `zero_grad(set_to_none=True)`).
    public func zeroGradient() {
        node.gradient = nil
    }

    /// The number of scalars in the parameter.
    public var scalarCount: Int { storage.count }

    /// Replaces the values with `newValue`'s elements.
    ///
    /// - Throws: ``TensorError/shapeMismatch(_:)`` when `newValue` has another shape.
    public func assign(_ newValue: Tensor) throws {
        guard newValue.shape == shape else {
            throw TensorError.shapeMismatch(
                "cannot assign a tensor of shape \(describe(shape: newValue.shape)) "
                    + "to a parameter of shape \(describe(shape: shape))")
        }
        storage = newValue.storage
    }

    /// Gives direct access to the values for in-place updates (optimizers, target networks),
    /// first copying them if a tensor made from ``value`` still holds them.
    public func withUnsafeMutableScalars<Result>(
        _ body: (UnsafeMutableBufferPointer<Float>) throws -> Result
    ) rethrows -> Result {
        if !isKnownUniquelyReferenced(&storage) { storage = storage.copy() }
        return try storage.withUnsafeMutableBufferPointer(body)
    }
}
