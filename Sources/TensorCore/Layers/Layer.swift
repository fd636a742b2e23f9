/// A differentiable function with (possibly no) trainable parameters: the building block of
/// networks, as `nn.Module` in PyTorch or `Module` in MLX.
///
/// Layers are classes: a network, its optimizer and the graph of each forward pass share the
/// same ``Parameter`` objects. Conforming types implement ``callAsFunction(_:)`` and
/// ``namedParameters``; everything else (parameter lists, copying into a target network,
/// saving) comes from the extension.
public protocol Layer: AnyObject {
    /// Applies the layer to a batch (or a single example, where the layer allows it).
    ///
    /// - Throws: ``TensorError`` when the input's shape does not fit the layer.
    func callAsFunction(_ input: Tensor) throws -> Tensor

    /// The layer's parameters with stable names, in a stable order: `"weight"`, `"bias"`,
    /// `"layers.0.weight"`, ... (the keys PyTorch's `state_dict()` would use).
    var namedParameters: [(name: String, parameter: Parameter)] { get }

    /// The layer's architecture without its weights, for copying and for rebuilding it from a
    /// checkpoint; `nil` (the default) for a layer that cannot describe itself.
    var architecture: LayerArchitecture? { get }
}

extension Layer {
    /// Layers of your own answer `nil` unless they describe themselves.
    public var architecture: LayerArchitecture? { nil }

    /// The trainable parameters, in the order of ``namedParameters``; hand them to an optimizer.
    public func parameters() -> [Parameter] {
        namedParameters.map(\.parameter)
    }

    /// The number of trainable scalars.
    public var parameterCount: Int {
        namedParameters.reduce(0) { $0 + $1.parameter.scalarCount }
    }

    /// The current parameter values by name, ready for ``Safetensors/save(_:metadata:to:)``.
    public func parameterTensors() -> [String: Tensor] {
        Dictionary(uniqueKeysWithValues: namedParameters.map { ($0.name, $0.parameter.value.detached()) })
    }

    /// Replaces every parameter's values with the tensor of the same name.
    ///
    /// - Throws: ``TensorError/invalidArgument(_:)`` naming a parameter missing from `tensors`
    ///   or a tensor with no matching parameter; ``TensorError/shapeMismatch(_:)`` when shapes
    ///   differ. Nothing is changed when it throws.
    public func loadParameters(from tensors: [String: Tensor]) throws {
        let named = namedParameters
        for (name, parameter) in named {
            guard let tensor = tensors[name] else {
                throw TensorError.invalidArgument("no tensor named '\(name)' to load into the layer")
            }
            guard tensor.shape == parameter.shape else {
                throw TensorError.shapeMismatch(
                    "tensor '\(name)' has shape \(describe(shape: tensor.shape)) but the layer's parameter has \(describe(shape: parameter.shape))")
            }
        }
        let expected = Set(named.map(\.name))
        if let extra = tensors.keys.sorted().first(where: { !expected.contains($0) }) {
            throw TensorError.invalidArgument("tensor '\(extra)' matches no parameter of the layer")
        }
        for (name, parameter) in named {
            // Cannot fail: the loop above checked that every name is present, with its shape.
            parameter.storage = tensors[name]!.storage
        }
    }

    /// Copies every parameter value from `source`, a layer of the same architecture: the
    /// periodic hard update of a DQN target network, θ⁻ ← θ.
    ///
    /// - Throws: ``TensorError/shapeMismatch(_:)`` when the architectures differ.
    public func copyParameters(from source: some Layer) throws {
        try updateParameters(towards: source, rate: 1)
    }

    /// Moves every parameter a fraction `rate` of the way towards `source`'s:
    /// θ⁻ ← τ·θ + (1 − τ)·θ⁻ with τ = `rate` (Polyak averaging, a "soft" target update).
    ///
    /// - Throws: ``TensorError/shapeMismatch(_:)`` when the architectures differ, and
    ///   ``TensorError/invalidArgument(_:)`` when `rate` is outside [0, 1].
    public func updateParameters(towards source: some Layer, rate: Float) throws {
        guard rate >= 0 && rate <= 1 else {
            throw TensorError.invalidArgument("the update rate must be in [0, 1], got \(rate)")
        }
        let targets = parameters()
        let sources = source.parameters()
        guard targets.count == sources.count, zip(targets, sources).allSatisfy({ $0.shape == $1.shape }) else {
            throw TensorError.shapeMismatch(
                "cannot copy parameters between layers of different architectures "
                    + "(\(sources.map { describe(shape: $0.shape) }) into \(targets.map { describe(shape: $0.shape) }))")
        }
        let keep = 1 - rate
        for (target, source) in zip(targets, sources) where target !== source {
            source.storage.withUnsafeBufferPointer { from in
                target.withUnsafeMutableScalars { to in
                    if rate == 1 {
                        _ = to.update(fromContentsOf: from)
                    } else {
                        for index in 0..<to.count { to[index] = rate * from[index] + keep * to[index] }
                    }
                }
            }
        }
    }
}
