import RLCore
import SeededRandom
import TensorCore

/// An agent that acts greedily on one network's outputs (the largest Q-value or logit) and
/// whose checkpoint is that network: the Q-network, DQN and REINFORCE agents.
public protocol NetworkAgent: Agent {
    /// The network the agent acts with.
    var network: Sequential { get }
    /// The prefix of the network's tensors in checkpoints (`q_network`, `policy`).
    static var networkName: String { get }

    /// Creates an untrained agent whose network is `network` (any network built from the
    /// tensor core's layers, mapping the layout's features to one output per action), or the
    /// configuration's perceptron when `nil`.
    ///
    /// - Throws: ``AgentError/invalidConfiguration(_:)`` for bad hyperparameters or a network
    ///   of the wrong sizes.
    init(configuration: Configuration, layout: SpaceLayout, network: Sequential?) throws
}

extension NetworkAgent {
    /// Creates an untrained agent for `environment` whose network is `network` (see
    /// ``init(configuration:layout:network:)``).
    ///
    /// - Throws: as ``init(configuration:layout:network:)``, and ``AgentError/doesNotFit(_:)``.
    public init(configuration: Configuration, environment: some Environment, network: Sequential) throws {
        let layout = try SpaceLayout(
            observationSpace: environment.observationSpace, actionSpace: environment.actionSpace,
            requirements: Self.definition.requirements, agent: Self.name)
        try self.init(configuration: configuration, layout: layout, network: network)
    }

    /// The action with the largest network output.
    public func action<S: Space>(for observation: S.Element, in space: S, using generator: inout SeededGenerator) throws -> PolicyAction {
        .index(try network.argmaxOutput(for: observation, in: space))
    }

    /// The network's parameters, named `<networkName>.<parameter name>`.
    public func parameterTensors() -> [String: Tensor] {
        network.tensors(prefixedWith: Self.networkName)
    }

    /// Loads the network's parameters from tensors named as ``parameterTensors()`` names them.
    public func loadParameterTensors(_ tensors: [String: Tensor]) throws {
        try network.loadTensors(tensors, prefixedWith: Self.networkName)
    }
}
