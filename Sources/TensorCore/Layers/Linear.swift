import Foundation

/// A fully connected layer: y = x·Wᵀ + b.
///
/// `weight` has shape `[outputCount, inputCount]` and `bias` `[outputCount]` (PyTorch's layout,
/// so checkpoints line up with `nn.Linear`). Input `[batch, inputCount]` gives
/// `[batch, outputCount]`; a single example `[inputCount]` gives `[outputCount]`.
///
/// Initialisation (see ``Initialization``) defaults to PyTorch's: weight and bias uniform in
/// ±1/√inputCount.
public final class Linear: Layer {
    /// How the weights are drawn at creation.
    public enum Initialization: String, Sendable, Codable, CaseIterable {
        /// Uniform in ±1/√inputCount for weight and bias (PyTorch's `nn.Linear` default, also
        /// what LeCun-uniform scaling gives).
        case uniform
        /// He (Kaiming) normal: N(0, 2/inputCount) weights, zero bias; suits ReLU networks.
        case he
        /// Xavier (Glorot) uniform: ±√(6/(inputCount + outputCount)) weights, zero bias; suits
        /// tanh and sigmoid networks.
        case xavier
        /// Orthogonal (Saxe et al. 2014): a random matrix with orthonormal rows or columns times
        /// a gain, zero bias (PyTorch's `nn.init.orthogonal_`, through LAPACK's QR); what
        /// Stable-Baselines3 and CleanRL give actor-critic networks (gain √2 for hidden layers,
        /// 0.01 for the policy's output, 1 for the value's).
        case orthogonal
    }

    /// The weight matrix, `[outputCount, inputCount]`.
    public let weight: Parameter
    /// The bias vector, `[outputCount]`, or `nil` for a layer without bias.
    public let bias: Parameter?

    /// The number of input features.
    public var inputCount: Int { weight.shape[1] }
    /// The number of output features.
    public var outputCount: Int { weight.shape[0] }

    /// Creates a layer with freshly drawn weights.
    ///
    /// - Parameters:
    ///   - inputCount: input features (≥ 1).
    ///   - outputCount: output features (≥ 1).
    ///   - hasBias: whether to add a bias (default `true`).
    ///   - initialization: how to draw the weights (default ``Initialization/uniform``).
    ///   - gain: the factor of orthogonal weights (default 1; other initialisations ignore it).
    ///   - generator: the random source; the same generator state gives the same weights.
    /// - Throws: ``TensorError/invalidArgument(_:)`` for a size below 1; for orthogonal weights,
    ///   ``BLASError`` when the BLAS library (with LAPACK) cannot be loaded.
    public init(
        inputCount: Int, outputCount: Int, hasBias: Bool = true,
        initialization: Initialization = .uniform, gain: Float = 1,
        using generator: inout some RandomNumberGenerator
    ) throws {
        guard inputCount > 0 && outputCount > 0 else {
            throw TensorError.invalidArgument("a Linear layer needs positive sizes, got \(inputCount) -> \(outputCount)")
        }
        let shape = [outputCount, inputCount]
        let weightValues: Tensor
        var biasValues = Tensor.zeros([outputCount])
        switch initialization {
        case .uniform:
            let bound = 1 / Float(inputCount).squareRoot()
            weightValues = .randomUniform(shape, lower: -bound, upper: bound, using: &generator)
            biasValues = .randomUniform([outputCount], lower: -bound, upper: bound, using: &generator)
        case .he:
            weightValues = .randomNormal(shape, standardDeviation: (2 / Float(inputCount)).squareRoot(), using: &generator)
        case .xavier:
            let bound = (6 / Float(inputCount + outputCount)).squareRoot()
            weightValues = .randomUniform(shape, lower: -bound, upper: bound, using: &generator)
        case .orthogonal:
            weightValues = try .randomOrthogonal(shape, gain: gain, using: &generator)
        }
        weight = Parameter(weightValues)
        bias = hasBias ? Parameter(biasValues) : nil
    }

    /// Creates a layer from given values (for instance loaded from a file).
    ///
    /// - Throws: ``TensorError/shapeMismatch(_:)`` when `weight` is not a matrix or `bias`
    ///   does not have one element per output.
    public init(weight: Tensor, bias: Tensor?) throws {
        guard weight.rank == 2, bias.map({ $0.shape == [weight.shape[0]] }) ?? true else {
            throw TensorError.shapeMismatch(
                "Linear needs weight [out, in] and bias [out], got \(describe(shape: weight.shape)) and \(bias.map { describe(shape: $0.shape) } ?? "none")")
        }
        self.weight = Parameter(weight)
        self.bias = bias.map(Parameter.init)
    }

    public func callAsFunction(_ input: Tensor) throws -> Tensor {
        guard GradientRecording.isEnabled else {
            // Choosing actions runs here once per environment step: read the parameters'
            // storage directly instead of wrapping them in tensors that carry graph nodes.
            try BLAS.ensureLoaded()
            try Tensor.checkAffineShapes(input: input.shape, weight: weight.shape, bias: bias?.shape)
            return Tensor.affineValue(input, weight: weight.storage, outputCount: outputCount, bias: bias.map { ($0.storage, $0.shape) })
        }
        return try Tensor.affine(input, weight: weight.value, bias: bias?.value)
    }

    public var architecture: LayerArchitecture? {
        .linear(inputs: inputCount, outputs: outputCount, bias: bias != nil)
    }

    public var namedParameters: [(name: String, parameter: Parameter)] {
        [("weight", weight)] + (bias.map { [("bias", $0)] } ?? [])
    }
}
