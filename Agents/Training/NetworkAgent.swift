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
}

extension NetworkAgent {
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
