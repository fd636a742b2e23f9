// Activation functions as parameter-free layers, for use in `Sequential`.

/// The activation functions a network configuration can name (for instance in an agent's
/// `Config` or on the command line).
public enum Activation: String, Sendable, Codable, CaseIterable {
    case relu, leakyRelu, elu, sigmoid, tanh

    /// A layer applying the function.
    public func layer() -> any Layer {
        switch self {
        case .relu: ReLU()
        case .leakyRelu: LeakyReLU()
        case .elu: ELU()
        case .sigmoid: Sigmoid()
        case .tanh: Tanh()
        }
    }
}

/// A layer with no parameters.
public protocol ParameterFreeLayer: Layer {}

extension ParameterFreeLayer {
    public var namedParameters: [(name: String, parameter: Parameter)] { [] }
}

/// max(x, 0) element-wise; see ``Tensor/relu()``.
public final class ReLU: ParameterFreeLayer {
    public init() {}
    public func callAsFunction(_ input: Tensor) throws -> Tensor { input.relu() }
    public var architecture: LayerArchitecture? { .relu }
}

/// x for x > 0, `negativeSlope`·x otherwise; see ``Tensor/leakyRelu(negativeSlope:)``.
public final class LeakyReLU: ParameterFreeLayer {
    /// The slope for negative inputs.
    public let negativeSlope: Float
    public init(negativeSlope: Float = 0.01) { self.negativeSlope = negativeSlope }
    public func callAsFunction(_ input: Tensor) throws -> Tensor { input.leakyRelu(negativeSlope: negativeSlope) }
    public var architecture: LayerArchitecture? { .leakyRelu(negativeSlope: negativeSlope) }
}

/// x for x > 0, α(eˣ − 1) otherwise; see ``Tensor/elu(alpha:)``.
public final class ELU: ParameterFreeLayer {
    /// The saturation value for negative inputs is −alpha.
    public let alpha: Float
    public init(alpha: Float = 1) { self.alpha = alpha }
    public func callAsFunction(_ input: Tensor) throws -> Tensor { input.elu(alpha: alpha) }
    public var architecture: LayerArchitecture? { .elu(alpha: alpha) }
}

/// 1 / (1 + e⁻ˣ) element-wise; see ``Tensor/sigmoid()``.
public final class Sigmoid: ParameterFreeLayer {
    public init() {}
    public func callAsFunction(_ input: Tensor) throws -> Tensor { input.sigmoid() }
    public var architecture: LayerArchitecture? { .sigmoid }
}

/// tanh x element-wise; see ``Tensor/tanh()``.
public final class Tanh: ParameterFreeLayer {
    public init() {}
    public func callAsFunction(_ input: Tensor) throws -> Tensor { input.tanh() }
    public var architecture: LayerArchitecture? { .tanh }
}

/// The softmax along an axis (default the last); see ``Tensor/softmax(alongAxis:)``.
public final class Softmax: ParameterFreeLayer {
    /// The axis the probabilities sum to 1 along.
    public let axis: Int
    public init(axis: Int = -1) { self.axis = axis }
    public func callAsFunction(_ input: Tensor) throws -> Tensor { try input.softmax(alongAxis: axis) }
    public var architecture: LayerArchitecture? { .softmax(axis: axis) }
}

/// The log-softmax along an axis (default the last); see ``Tensor/logSoftmax(alongAxis:)``.
public final class LogSoftmax: ParameterFreeLayer {
    /// The axis the probabilities sum to 1 along.
    public let axis: Int
    public init(axis: Int = -1) { self.axis = axis }
    public func callAsFunction(_ input: Tensor) throws -> Tensor { try input.logSoftmax(alongAxis: axis) }
    public var architecture: LayerArchitecture? { .logSoftmax(axis: axis) }
}
