import SeededRandom
import TensorCore

/// The network of a neural agent, as its configuration gives it: a multilayer perceptron
/// (`hiddenLayers: [64, 64]` between the observation features and the outputs), or any network
/// built from the tensor core's layers (``architecture``, set when an agent is given a network
/// of your own).
public struct NetworkShape: Codable, Equatable, Sendable, CustomStringConvertible {
    /// The widths of the hidden layers, input side first (`[]` for a single linear layer).
    public var hiddenLayers: [Int]
    /// The activation after every hidden layer.
    public var activation: Activation
    /// How the weights are drawn (see `Linear.Initialization`).
    public var initialization: Linear.Initialization
    /// A network of your own, layer by layer, in place of the perceptron; `nil` for the
    /// perceptron. Checkpoints keep it, so the network is built again when they are loaded.
    public var architecture: LayerArchitecture?

    /// The widest hidden layer and the most parameters a configuration may ask for: a network
    /// beyond them would take gigabytes, and is refused before anything is allocated.
    public static let maximumWidth = 1 << 16
    /// See ``maximumWidth``: 2²⁸ parameters, a gigabyte of `Float`s per copy.
    public static let maximumParameterCount = 1 << 28

    /// Describes the hidden layers; activation defaults to ReLU, initialisation to PyTorch's.
    public init(hiddenLayers: [Int], activation: Activation = .relu, initialization: Linear.Initialization = .uniform) {
        self.hiddenLayers = hiddenLayers
        self.activation = activation
        self.initialization = initialization
    }

    /// Describes a network of your own, built from the tensor core's layers.
    ///
    /// - Throws: ``AgentError/invalidConfiguration(_:)`` when a layer in it cannot describe
    ///   its architecture (a layer type of your own).
    public init(network: some Layer) throws {
        guard let architecture = network.architecture else {
            throw AgentError.invalidConfiguration(
                "the network must be built from the tensor core's layers (Linear, Sequential, activations), "
                    + "so that checkpoints can build it again; \(type(of: network)) does not describe its architecture")
        }
        self.init(hiddenLayers: [])
        self.architecture = architecture
    }

    /// The network from `inputCount` features to `outputCount` outputs, its weights drawn from
    /// the weights stream of `seed` (so the same seed always gives the same initial network).
    ///
    /// - Throws: ``AgentError/invalidConfiguration(_:)`` when a custom architecture does not map
    ///   `inputCount` features to `outputCount` outputs, or the network is too large.
    ///
    /// `outputGain` is the gain of the output layer's orthogonal weights (see
    /// `Sequential.multilayerPerceptron`); other initialisations ignore it.
    public func build(
        inputCount: Int, outputCount: Int, seed: UInt64, stream: UInt64 = AgentStream.weights, outputGain: Float = 1
    ) throws -> Sequential {
        var generator = SeededGenerator(seed: seed, stream: stream)
        return try build(inputCount: inputCount, outputCount: outputCount, outputGain: outputGain, using: &generator)
    }

    /// The network from a layout's features to its actions (see ``build(inputCount:outputCount:seed:stream:)``).
    public func build(for layout: SpaceLayout, seed: UInt64) throws -> Sequential {
        try build(inputCount: layout.observationSize, outputCount: layout.actionCount, seed: seed)
    }

    /// The network from `inputCount` features to `outputCount` outputs, drawing from `generator`.
    ///
    /// - Throws: as ``build(inputCount:outputCount:seed:stream:)``.
    public func build(
        inputCount: Int, outputCount: Int, outputGain: Float = 1, using generator: inout SeededGenerator
    ) throws -> Sequential {
        if let architecture {
            try CheckpointBound.check(try Self.parameterCount(of: architecture), for: "a network")
            let layer: any Layer
            do {
                layer = try architecture.makeLayer(using: &generator)
            } catch {
                throw AgentError.invalidConfiguration("the network cannot be built: \(error)")
            }
            let network = layer as? Sequential ?? Sequential([layer])
            try Self.check(network, inputCount: inputCount, outputCount: outputCount)
            return network
        }
        try checkSize(inputCount: inputCount, outputCount: outputCount)
        do {
            return try .multilayerPerceptron(
                layerSizes: [inputCount] + hiddenLayers + [outputCount], activation: activation,
                initialization: initialization, outputGain: outputGain, using: &generator)
        } catch let error as TensorError {
            throw AgentError.invalidConfiguration("the network cannot be built: \(error)")
        }
    }

    /// Checks that a network maps `inputCount` features to `outputCount` outputs, by running it
    /// once on zeros.
    ///
    /// - Throws: ``AgentError/invalidConfiguration(_:)`` naming the sizes.
    public static func check(_ network: some Layer, inputCount: Int, outputCount: Int) throws {
        let output: Tensor
        do {
            output = try withoutGradients { try network(Tensor.zeros([1, inputCount])) }
        } catch {
            throw AgentError.invalidConfiguration("the network does not take \(inputCount) input features: \(error)")
        }
        guard output.shape == [1, outputCount] else {
            throw AgentError.invalidConfiguration(
                "the network maps \(inputCount) features to \(output.shape.dropFirst().map(String.init).joined(separator: "x")) outputs; "
                    + "the agent needs \(outputCount)")
        }
    }

    /// Checks the widths.
    ///
    /// - Throws: ``AgentError/invalidConfiguration(_:)`` for a width below 1 or above
    ///   ``maximumWidth``.
    public func validate() throws {
        if let bad = hiddenLayers.first(where: { $0 < 1 }) {
            throw AgentError.invalidConfiguration("hidden layer widths must be at least 1, got \(bad)")
        }
        if let bad = hiddenLayers.first(where: { $0 > Self.maximumWidth }) {
            throw AgentError.invalidConfiguration("hidden layer widths must be at most \(Self.maximumWidth), got \(bad)")
        }
        if let architecture { _ = try Self.parameterCount(of: architecture) }
    }

    /// The parameters of a network of your own.
    ///
    /// - Throws: ``AgentError/invalidConfiguration(_:)`` beyond ``maximumParameterCount`` or
    ///   for a layer of size below 1.
    private static func parameterCount(of architecture: LayerArchitecture) throws -> Int {
        guard let count = architecture.parameterCount, count <= maximumParameterCount else {
            throw AgentError.invalidConfiguration(
                "the network has more than \(maximumParameterCount) parameters or a layer of size below 1")
        }
        return count
    }

    /// Checks that the perceptron for these sizes stays within ``maximumParameterCount`` (and,
    /// while a checkpoint is loaded, within what its tensors hold: ``CheckpointBound``).
    ///
    /// - Throws: ``AgentError/invalidConfiguration(_:)`` saying how many parameters it would
    ///   have; ``AgentError/invalidCheckpoint(_:)`` when it exceeds the checkpoint's tensors.
    public func checkSize(inputCount: Int, outputCount: Int) throws {
        let sizes = [inputCount] + hiddenLayers + [outputCount]
        var total = 0
        for (inputs, outputs) in zip(sizes, sizes.dropFirst()) {
            let (weights, overflow) = inputs.multipliedReportingOverflow(by: outputs)
            total = overflow ? Int.max : min(Int.max - outputs, total &+ weights) + outputs
        }
        guard total <= Self.maximumParameterCount else {
            throw AgentError.invalidConfiguration(
                "the network \(sizes.map(String.init).joined(separator: "-")) would have \(total) parameters "
                    + "(\(MemorySize.text(bytes: MemorySize.bytes(ofFloats: total))) as Float); at most \(Self.maximumParameterCount) are allowed")
        }
        try CheckpointBound.check(total, for: "the network \(sizes.map(String.init).joined(separator: "-"))")
    }

    public var description: String {
        if architecture != nil { return "custom" }
        return hiddenLayers.isEmpty ? "linear" : hiddenLayers.map(String.init).joined(separator: "-") + " \(activation.rawValue)"
    }

    /// The hyperparameters that shape the perceptron, shared by the neural agents: `--hidden`,
    /// `--activation`, `--initialization`.
    static func hyperparameters<Configuration>(
        _ keyPath: WritableKeyPath<Configuration, NetworkShape>, prefix: String = "", role: String = "network"
    ) -> [Hyperparameter<Configuration>] {
        nonisolated(unsafe) let keyPath = keyPath
        // "the actor's", "the critics'".
        let owner = role.hasSuffix("s") ? "the \(role)'" : "the \(role)'s"
        return [
            Hyperparameter(
                prefix + "hidden", summary: "\(owner) hidden layer widths",
                accepts: "widths ≥ 1 separated by commas (64,64), or none", valueName: "widths",
                read: { HyperparameterText.widths($0[keyPath: keyPath].hiddenLayers) },
                write: { configuration, text in
                    configuration[keyPath: keyPath].hiddenLayers = try HyperparameterText.parseWidths(text, for: prefix + "hidden")
                    // Widths describe the perceptron, which replaces a network of your own.
                    configuration[keyPath: keyPath].architecture = nil
                }),
            .choice(prefix + "activation", keyPath.appending(path: \.activation), "\(owner) activation after every hidden layer"),
            .choice(prefix + "initialization", keyPath.appending(path: \.initialization),
                    "\(owner) weight initialisation: uniform ±1/√in, he (normal), xavier (uniform) or orthogonal (gain √2, output layer as the agent says)"),
        ]
    }
}
