/// The architecture of a layer without its weights: what a checkpoint stores so that a network a
/// user built by hand can be built again before its weights are loaded, and what copying a
/// network (a DQN target network, a SAC critic's target) builds from.
///
/// Every built-in layer describes itself (``Layer/architecture``); a layer type of your own
/// answers `nil` unless it overrides the property, and then cannot be copied or rebuilt from a
/// checkpoint (train it, save it, and pass the network again when loading).
///
/// ```swift
/// let network = Sequential(Linear(inputCount: 4, outputCount: 32, using: &generator), Tanh(),
///                          Linear(inputCount: 32, outputCount: 2, using: &generator))
/// network.architecture   // .sequential([.linear(inputs: 4, outputs: 32, bias: true), .tanh, .linear(...)])
/// let copy = try network.copy()   // same architecture, same weights, its own parameters
/// ```
public indirect enum LayerArchitecture: Codable, Equatable, Sendable {
    /// A fully connected layer (``Linear``).
    case linear(inputs: Int, outputs: Int, bias: Bool)
    /// ``ReLU``.
    case relu
    /// ``LeakyReLU`` with its negative slope.
    case leakyRelu(negativeSlope: Float)
    /// ``ELU`` with its α.
    case elu(alpha: Float)
    /// ``Sigmoid``.
    case sigmoid
    /// ``Tanh``.
    case tanh
    /// ``Softmax`` along an axis.
    case softmax(axis: Int)
    /// ``LogSoftmax`` along an axis.
    case logSoftmax(axis: Int)
    /// ``Sequential``: layers applied in order.
    case sequential([LayerArchitecture])

    /// The largest number of trainable scalars a description may have before
    /// ``makeLayer(using:)`` refuses it: 2³¹, far beyond any network an RL agent needs, and a
    /// guard against descriptions (from files) that would allocate gigabytes.
    public static let maximumParameterCount = 1 << 31

    /// The number of trainable scalars, or `nil` when a size is below 1 or the count overflows.
    public var parameterCount: Int? {
        switch self {
        case .linear(let inputs, let outputs, let bias):
            guard inputs >= 1, outputs >= 1 else { return nil }
            let (weights, overflow) = inputs.multipliedReportingOverflow(by: outputs)
            guard !overflow else { return nil }
            let (total, overflowWithBias) = weights.addingReportingOverflow(bias ? outputs : 0)
            return overflowWithBias ? nil : total
        case .relu, .leakyRelu, .elu, .sigmoid, .tanh, .softmax, .logSoftmax:
            return 0
        case .sequential(let layers):
            var total = 0
            for layer in layers {
                guard let count = layer.parameterCount else { return nil }
                let (sum, overflow) = total.addingReportingOverflow(count)
                guard !overflow else { return nil }
                total = sum
            }
            return total
        }
    }

    /// Builds a fresh layer of this architecture, its weights drawn as ``Linear``'s default
    /// initialisation does (the caller usually loads or copies weights into it next).
    ///
    /// - Throws: ``TensorError/invalidArgument(_:)`` for a size below 1 or more parameters than
    ///   ``maximumParameterCount``, before anything is allocated.
    public func makeLayer(using generator: inout some RandomNumberGenerator) throws -> any Layer {
        guard let count = parameterCount else {
            throw TensorError.invalidArgument("the layer description \(self) has a size below 1 or too many parameters")
        }
        guard count <= Self.maximumParameterCount else {
            throw TensorError.invalidArgument(
                "the layer description has \(count) parameters, more than the \(Self.maximumParameterCount) allowed")
        }
        return try build(using: &generator)
    }

    private func build(using generator: inout some RandomNumberGenerator) throws -> any Layer {
        switch self {
        case .linear(let inputs, let outputs, let bias):
            return try Linear(inputCount: inputs, outputCount: outputs, hasBias: bias, using: &generator)
        case .relu: return ReLU()
        case .leakyRelu(let slope): return LeakyReLU(negativeSlope: slope)
        case .elu(let alpha): return ELU(alpha: alpha)
        case .sigmoid: return Sigmoid()
        case .tanh: return Tanh()
        case .softmax(let axis): return Softmax(axis: axis)
        case .logSoftmax(let axis): return LogSoftmax(axis: axis)
        case .sequential(let layers): return Sequential(try layers.map { try $0.build(using: &generator) })
        }
    }
}

extension Layer {
    /// A new layer with the same architecture and a copy of every parameter value: changing
    /// one leaves the other alone.
    ///
    /// - Throws: ``TensorError/invalidArgument(_:)`` when a layer inside does not describe its
    ///   ``architecture`` (a layer type of your own).
    public func copy() throws -> any Layer {
        guard let architecture else {
            throw TensorError.invalidArgument(
                "\(Self.self) does not describe its architecture, so it cannot be copied; implement `architecture`")
        }
        // The draws are overwritten by the copied parameters; any generator will do.
        var generator = SystemRandomNumberGenerator()
        let layer = try architecture.makeLayer(using: &generator)
        try layer.copyParameters(from: self)
        return layer
    }
}
