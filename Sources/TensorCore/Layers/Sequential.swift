/// Layers applied one after another: the output of each is the input of the next.
///
/// Parameters are named `layers.<index>.<name>` (`layers.0.weight`, `layers.0.bias`,
/// `layers.2.weight`, ...), counting every layer including activations, as MLX does.
public final class Sequential: Layer {
    /// The layers, first applied first.
    public let layers: [any Layer]

    /// Creates the chain from a list of layers.
    public init(_ layers: [any Layer]) {
        self.layers = layers
    }

    /// Creates the chain from layers written out in order.
    public convenience init(_ layers: any Layer...) {
        self.init(layers)
    }

    public func callAsFunction(_ input: Tensor) throws -> Tensor {
        var value = input
        for layer in layers {
            value = try layer(value)
        }
        return value
    }

    /// The layers' architectures, or `nil` when one of them cannot describe itself.
    public var architecture: LayerArchitecture? {
        var parts: [LayerArchitecture] = []
        for layer in layers {
            guard let part = layer.architecture else { return nil }
            parts.append(part)
        }
        return .sequential(parts)
    }

    public var namedParameters: [(name: String, parameter: Parameter)] {
        layers.enumerated().flatMap { index, layer in
            layer.namedParameters.map { ("layers.\(index).\($0.name)", $0.parameter) }
        }
    }

    /// A multilayer perceptron: `Linear` layers between the given sizes, with `activation`
    /// after every one but the last.
    ///
    /// `multilayerPerceptron(layerSizes: [4, 64, 64, 2], activation: .relu, using: &g)` is
    /// Linear(4→64), ReLU, Linear(64→64), ReLU, Linear(64→2).
    ///
    /// With ``Linear/Initialization/orthogonal`` weights, the hidden layers get gain √2 and the
    /// output layer `outputGain` (Stable-Baselines3's actor-critic initialisation: 0.01 for a
    /// policy's output, 1 for a value's).
    ///
    /// - Throws: ``TensorError/invalidArgument(_:)`` for fewer than two sizes or a size below 1;
    ///   for orthogonal weights, ``BLASError`` when the BLAS library cannot be loaded.
    public static func multilayerPerceptron(
        layerSizes: [Int], activation: Activation = .relu,
        initialization: Linear.Initialization = .uniform, outputGain: Float = 1,
        using generator: inout some RandomNumberGenerator
    ) throws -> Sequential {
        guard layerSizes.count >= 2 else {
            throw TensorError.invalidArgument("a perceptron needs an input and an output size, got \(layerSizes)")
        }
        var layers: [any Layer] = []
        for index in 0..<(layerSizes.count - 1) {
            let isOutput = index == layerSizes.count - 2
            layers.append(try Linear(
                inputCount: layerSizes[index], outputCount: layerSizes[index + 1],
                initialization: initialization, gain: isOutput ? outputGain : Float(2).squareRoot(), using: &generator))
            if !isOutput { layers.append(activation.layer()) }
        }
        return Sequential(layers)
    }
}
