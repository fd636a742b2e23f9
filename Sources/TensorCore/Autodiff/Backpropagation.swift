// MARK: - Recording operations

extension Tensor {
    /// Whether an operation on `input` must record a node.
    static func needsGradient(_ input: Tensor) -> Bool {
        input.node != nil && GradientRecording.isEnabled
    }

    /// Whether an operation on `lhs` and `rhs` must record a node.
    static func needsGradient(_ lhs: Tensor, _ rhs: Tensor) -> Bool {
        (lhs.node != nil || rhs.node != nil) && GradientRecording.isEnabled
    }

    /// Whether an operation on `inputs` must record a node.
    static func needsGradient(_ inputs: [Tensor]) -> Bool {
        inputs.contains { $0.node != nil } && GradientRecording.isEnabled
    }

    /// This value as the result of an operation on `input`, with the rule that turns the
    /// result's gradient into `input`'s. Call only when ``needsGradient(_:)-(Tensor)`` holds.
    func recorded(from input: Tensor, rule: @escaping (Tensor) throws -> Tensor) -> Tensor {
        let node = GradientNode(shape: shape, inputs: [input.node]) { gradient in
            .one(try rule(gradient))
        }
        return Tensor(uncheckedShape: shape, storage: storage, node: node)
    }

    /// This value as the result of an operation on `lhs` and `rhs`; the rule returns their
    /// gradients (either may be `nil` when that input needs none).
    func recorded(
        from lhs: Tensor, _ rhs: Tensor, rule: @escaping (Tensor) throws -> (Tensor?, Tensor?)
    ) -> Tensor {
        let node = GradientNode(shape: shape, inputs: [lhs.node, rhs.node]) { gradient in
            let (first, second) = try rule(gradient)
            return .two(first, second)
        }
        return Tensor(uncheckedShape: shape, storage: storage, node: node)
    }

    /// This value as the result of an operation on `inputs`; the rule returns one gradient per input.
    func recorded(from inputs: [Tensor], rule: @escaping (Tensor) throws -> [Tensor?]) -> Tensor {
        let node = GradientNode(shape: shape, inputs: inputs.map(\.node)) { gradient in
            .many(try rule(gradient))
        }
        return Tensor(uncheckedShape: shape, storage: storage, node: node)
    }
}

// MARK: - Differentiating

extension Tensor {
    /// Computes the gradient of this one-element tensor (a loss) with respect to every
    /// ``Parameter`` it was computed from, adding it to each parameter's ``Parameter/gradient``.
    ///
    /// Gradients accumulate across calls, as in PyTorch: clear them with the optimizer's
    /// `zeroGradients()` before each step. The graph is released afterwards, so calling
    /// `backward()` twice on the same result throws.
    ///
    /// - Throws: ``TensorError/invalidArgument(_:)`` when the tensor has more than one element,
    ///   does not depend on any parameter, or was already differentiated.
    public func backward() throws {
        guard scalarCount == 1 else {
            throw TensorError.invalidArgument(
                "backward() needs a one-element tensor such as a loss, got shape \(describe(shape: shape)); "
                    + "pass a seed gradient with backward(seed:) for other shapes")
        }
        try backward(seed: Tensor(uncheckedShape: shape, scalars: [1]))
    }

    /// Computes gradients as ``backward()`` does, starting from ∂L/∂self = `seed`.
    ///
    /// - Throws: ``TensorError/shapeMismatch(_:)`` when `seed`'s shape differs from this tensor's.
    public func backward(seed: Tensor) throws {
        guard let node else {
            throw TensorError.invalidArgument(
                "backward() needs a tensor computed from a Parameter; this one is a constant "
                    + "(made from numbers, detached, or computed inside withoutGradients)")
        }
        guard seed.shape == shape else {
            throw TensorError.shapeMismatch(
                "the seed gradient has shape \(describe(shape: seed.shape)) but the tensor has \(describe(shape: shape))")
        }
        try node.propagate(seed: seed.detached())
    }
}
