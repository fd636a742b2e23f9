import SeededRandom
import TensorCore

/// The hidden part of a multilayer perceptron, as the neural agents' configurations give it:
/// `hiddenLayers: [64, 64]` between the observation features and the outputs.
public struct NetworkShape: Codable, Equatable, Sendable, CustomStringConvertible {
    /// The widths of the hidden layers, input side first (`[]` for a single linear layer).
    public var hiddenLayers: [Int]
    /// The activation after every hidden layer.
    public var activation: Activation
    /// How the weights are drawn (see `Linear.Initialization`).
    public var initialization: Linear.Initialization

    /// Describes the hidden layers; activation defaults to ReLU, initialisation to PyTorch's.
    public init(hiddenLayers: [Int], activation: Activation = .relu, initialization: Linear.Initialization = .uniform) {
        self.hiddenLayers = hiddenLayers
        self.activation = activation
        self.initialization = initialization
    }

    /// The network from a layout's features to its actions, its weights drawn from the weights
    /// stream of `seed` (so the same seed always gives the same initial network).
    public func build(for layout: SpaceLayout, seed: UInt64) -> Sequential {
        var generator = SeededGenerator(seed: seed, stream: AgentStream.weights)
        return build(inputCount: layout.observationSize, outputCount: layout.actionCount, using: &generator)
    }

    /// The network from `inputCount` features to `outputCount` outputs.
    public func build(inputCount: Int, outputCount: Int, using generator: inout SeededGenerator) -> Sequential {
        .multilayerPerceptron(
            layerSizes: [inputCount] + hiddenLayers + [outputCount], activation: activation,
            initialization: initialization, using: &generator)
    }

    /// Checks the widths.
    ///
    /// - Throws: ``AgentError/invalidConfiguration(_:)`` for a width below 1.
    public func validate() throws {
        if let bad = hiddenLayers.first(where: { $0 < 1 }) {
            throw AgentError.invalidConfiguration("hidden layer widths must be at least 1, got \(bad)")
        }
    }

    public var description: String {
        hiddenLayers.isEmpty ? "linear" : hiddenLayers.map(String.init).joined(separator: "-") + " \(activation.rawValue)"
    }
}
