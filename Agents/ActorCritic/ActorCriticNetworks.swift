import RLCore
import SeededRandom
import TensorCore

/// The networks of A2C and PPO: a policy π(· | s) and a value V(s), each a body of hidden layers
/// and a linear head, or one shared body with two heads (Stable-Baselines3's `MlpPolicy`,
/// CleanRL's `Agent`).
///
///     finite actions:     logits = policyHead(body(s)),  π = Categorical(logits)
///     continuous actions: μ = policyHead(body(s)),       π = N(μ, diag(exp(log σ)²)),
///                         log σ a parameter of its own (state-independent), from `log-std-init`
///     value:              V(s) = valueHead(criticBody(s))   (criticBody = body when shared)
///
/// With orthogonal initialisation the hidden layers get gain √2, the policy head 0.01 (an
/// almost uniform first policy) and the value head 1, as SB3 and CleanRL do.
public final class ActorCriticNetworks {
    /// The kind of policy the action space calls for.
    public enum PolicyKind: Equatable, Sendable {
        /// A categorical distribution over `actions` actions (`Discrete`).
        case categorical(actions: Int)
        /// A diagonal Gaussian over `dimension` floats (`Box`).
        case gaussian(dimension: Int)
    }

    /// The kind of policy.
    public let kind: PolicyKind
    /// The policy's hidden layers (each Linear followed by the activation).
    public let actorBody: Sequential
    /// The value's hidden layers; `nil` when the value head sits on ``actorBody``.
    public let criticBody: Sequential?
    /// Maps the policy's features to logits or means.
    public let policyHead: Linear
    /// Maps the value's features to V(s).
    public let valueHead: Linear
    /// log σ of a Gaussian policy, `[dimension]`; `nil` for a categorical one.
    public let logStandardDeviation: Parameter?

    /// The networks for `layout`, drawn from the seed's weight streams (the policy's from
    /// `AgentStream.weights`, the value's from `AgentStream.criticWeights`).
    ///
    /// - Throws: ``AgentError/invalidConfiguration(_:)`` for networks that cannot be built.
    public init(settings: ActorCriticSettings, layout: SpaceLayout, seed: UInt64) throws {
        if let bounds = layout.actionBounds {
            kind = .gaussian(dimension: bounds.dimension)
        } else {
            kind = .categorical(actions: layout.actionCount)
        }
        let outputs: Int = switch kind {
        case .categorical(let actions): actions
        case .gaussian(let dimension): dimension
        }
        var actorWeights = SeededGenerator(seed: seed, stream: AgentStream.weights)
        let actor = try Self.body(settings.actorNetwork, inputCount: layout.observationSize, using: &actorWeights)
        actorBody = actor.body
        policyHead = try Self.head(actor.width, outputs, settings.actorNetwork, gain: 0.01, using: &actorWeights)
        var criticWeights = SeededGenerator(seed: seed, stream: AgentStream.criticWeights)
        if settings.sharedNetwork {
            criticBody = nil
            valueHead = try Self.head(actor.width, 1, settings.actorNetwork, gain: 1, using: &criticWeights)
        } else {
            let critic = try Self.body(settings.criticNetwork, inputCount: layout.observationSize, using: &criticWeights)
            criticBody = critic.body
            valueHead = try Self.head(critic.width, 1, settings.criticNetwork, gain: 1, using: &criticWeights)
        }
        if case .gaussian(let dimension) = kind {
            logStandardDeviation = Parameter(Tensor(repeating: Float(settings.logStandardDeviationInitial), shape: [dimension]))
        } else {
            logStandardDeviation = nil
        }
    }

    /// Hidden layers of `shape` from `inputCount` features, and the width they end with.
    private static func body(
        _ shape: NetworkShape, inputCount: Int, using generator: inout SeededGenerator
    ) throws -> (body: Sequential, width: Int) {
        try shape.checkSize(inputCount: inputCount, outputCount: 1)
        var layers: [any Layer] = []
        var width = inputCount
        do {
            for hidden in shape.hiddenLayers {
                layers.append(try Linear(inputCount: width, outputCount: hidden, initialization: shape.initialization,
                                         gain: Float(2).squareRoot(), using: &generator))
                layers.append(shape.activation.layer())
                width = hidden
            }
        } catch let error as TensorError {
            throw AgentError.invalidConfiguration("the network cannot be built: \(error)")
        }
        return (Sequential(layers), width)
    }

    private static func head(
        _ inputs: Int, _ outputs: Int, _ shape: NetworkShape, gain: Float, using generator: inout SeededGenerator
    ) throws -> Linear {
        do {
            return try Linear(inputCount: inputs, outputCount: outputs, initialization: shape.initialization, gain: gain, using: &generator)
        } catch let error as TensorError {
            throw AgentError.invalidConfiguration("the network cannot be built: \(error)")
        }
    }

    // MARK: - Forward

    /// π(· | s) and V(s) for observations `[batch, features]`: the distribution and values `[batch]`.
    public func policyAndValue(_ observations: Tensor) throws -> (policy: ActionDistribution, values: Tensor) {
        let features = try actorBody(observations)
        let policy = try distribution(policyHead(features))
        let values = try valueHead(criticBody.map { try $0(observations) } ?? features)
        return (policy, try values.reshaped(to: [observations.shape[0]]))
    }

    /// V(s) for observations `[batch, features]`: `[batch]`.
    public func values(_ observations: Tensor) throws -> Tensor {
        let features = try criticBody.map { try $0(observations) } ?? actorBody(observations)
        return try valueHead(features).reshaped(to: [observations.shape[0]])
    }

    /// π(· | s) for observations `[batch, features]`.
    public func policy(_ observations: Tensor) throws -> ActionDistribution {
        try distribution(policyHead(actorBody(observations)))
    }

    private func distribution(_ output: Tensor) throws -> ActionDistribution {
        if let logStandardDeviation {
            return .gaussian(try DiagonalGaussian(mean: output, logStandardDeviation: logStandardDeviation.value))
        }
        return .categorical(try CategoricalDistribution(logits: output))
    }

    // MARK: - Parameters

    /// Every parameter with its checkpoint name: `actor.body.…`, `actor.head.…`, `critic.body.…`
    /// (absent when shared), `critic.head.…`, `actor.log_std`.
    public var namedParameters: [(name: String, parameter: Parameter)] {
        func prefixed(_ prefix: String, _ layer: some Layer) -> [(name: String, parameter: Parameter)] {
            layer.namedParameters.map { ("\(prefix).\($0.name)", $0.parameter) }
        }
        var named = prefixed("actor.body", actorBody) + prefixed("actor.head", policyHead)
        if let criticBody { named += prefixed("critic.body", criticBody) }
        named += prefixed("critic.head", valueHead)
        if let logStandardDeviation { named.append(("actor.log_std", logStandardDeviation)) }
        return named
    }

    /// The parameters, for the optimiser.
    public var parameters: [Parameter] { namedParameters.map(\.parameter) }

    /// The parameters' values by name.
    public func tensors() -> [String: Tensor] {
        Dictionary(uniqueKeysWithValues: namedParameters.map { ($0.name, $0.parameter.value.detached()) })
    }

    /// Loads every parameter from `tensors` (which may hold other entries too).
    ///
    /// - Throws: ``AgentError/invalidCheckpoint(_:)`` when a parameter is missing or shaped otherwise.
    public func load(_ tensors: [String: Tensor]) throws {
        let named = namedParameters
        for (name, parameter) in named {
            guard let tensor = tensors[name] else { throw AgentError.invalidCheckpoint("the checkpoint has no tensor '\(name)'") }
            guard tensor.shape == parameter.shape else {
                throw AgentError.invalidCheckpoint("tensor '\(name)' has shape \(tensor.shape), the network needs \(parameter.shape)")
            }
        }
        for (name, parameter) in named { if let tensor = tensors[name] { try parameter.assign(tensor) } }
    }
}

/// The policy's distribution over actions for a batch of states: categorical for finite action
/// spaces, diagonal Gaussian for `Box` ones. Actions are rows of floats (`[batch, 1]` indices
/// for a categorical one), as the rollout buffer keeps them.
public enum ActionDistribution {
    case categorical(CategoricalDistribution)
    case gaussian(DiagonalGaussian)

    /// log π(a | s) per row: `[batch]`, with gradients.
    ///
    /// - Throws: ``TensorCore/TensorError`` when the actions do not fit the distribution.
    public func logProbability(of actions: Tensor) throws -> Tensor {
        switch self {
        case .categorical(let distribution): try distribution.logProbability(of: actions.scalars.map { Int($0) })
        case .gaussian(let distribution): try distribution.logProbability(of: actions)
        }
    }

    /// H(π(· | s)) per row: `[batch]`, with gradients.
    public func entropy() throws -> Tensor {
        switch self {
        case .categorical(let distribution): try distribution.entropy()
        case .gaussian(let distribution): try distribution.entropy()
        }
    }

    /// One sampled action per row, as a `[batch, actionSize]` tensor without gradients.
    public func sample(using generator: inout SeededGenerator) throws -> Tensor {
        switch self {
        case .categorical(let distribution):
            let indices = distribution.sample(using: &generator)
            return Tensor(shape: [indices.count, 1]) { for (row, index) in indices.enumerated() { $0[row] = Float(index) } }
        case .gaussian(let distribution):
            return try distribution.sample(using: &generator)
        }
    }

    /// The most probable action of each row (the mean for a Gaussian), `[batch, actionSize]`.
    public func mode() -> Tensor {
        switch self {
        case .categorical(let distribution):
            let indices = distribution.mode()
            return Tensor(shape: [indices.count, 1]) { for (row, index) in indices.enumerated() { $0[row] = Float(index) } }
        case .gaussian(let distribution):
            return distribution.mode()
        }
    }
}
