/// An estimate of the memory a neural agent's training takes, checked before anything is
/// allocated: a configuration that would need more than ``ceiling`` is refused with the
/// estimate in the error, instead of failing (or being killed) in the middle of training.
///
/// For each network trained with minibatches of `B` rows, in `Float`s:
///
///     parameters    5 P        the network, its target copy, its gradient, Adam's two moments
///     activations   6 B (n₀ + n₁ + … + n_L)
///                              every layer's input and output rows for the batch, their
///                              gradients, and the target network's pass over the next states
///
/// where `P` is the network's parameter count and `n₀ … n_L` its layer widths, input and output
/// included. The estimate errs high; what a step really allocates is measured by the benchmarks.
public struct TrainingMemory: Sendable {
    /// The largest estimate allowed: 8 GB.
    public static let ceiling = 8_000_000_000

    /// The copies of the parameters training keeps (see the type's documentation).
    static let parameterCopies = 5
    /// The rows of activations per layer width and batch row (see the type's documentation).
    static let activationCopies = 6

    /// The estimate in bytes (`Int.max` when it overflows).
    public private(set) var bytes = 0
    /// The parts, for the error message: `4-65536-2 at batch 1048576`.
    private var parts: [String] = []

    /// An empty estimate.
    public init() {}

    /// Adds a perceptron from `inputCount` features to `outputCount` outputs, trained with
    /// minibatches of `batchSize` rows (a network of your own counts its parameters and its
    /// input and output widths).
    public mutating func add(_ shape: NetworkShape, inputCount: Int, outputCount: Int, batchSize: Int) {
        let widths: [Int]
        let parameters: Int
        if let architecture = shape.architecture {
            widths = [inputCount, outputCount]
            parameters = architecture.parameterCount ?? .max
        } else {
            widths = [inputCount] + shape.hiddenLayers + [outputCount]
            parameters = zip(widths, widths.dropFirst()).reduce(0) { total, layer in
                MemorySize.adding(total, MemorySize.adding(MemorySize.multiplying(layer.0, layer.1), layer.1))
            }
        }
        let activations = MemorySize.multiplying(
            MemorySize.multiplying(Self.activationCopies, batchSize), widths.reduce(0, MemorySize.adding))
        let floats = MemorySize.adding(MemorySize.multiplying(Self.parameterCopies, parameters), activations)
        bytes = MemorySize.adding(bytes, MemorySize.bytes(ofFloats: floats))
        parts.append(widths.map(String.init).joined(separator: "-") + " at batch \(batchSize)")
    }

    /// Checks the estimate against ``ceiling``.
    ///
    /// - Throws: ``AgentError/invalidConfiguration(_:)`` saying how much training would take.
    public func check() throws {
        guard bytes > Self.ceiling else { return }
        throw AgentError.invalidConfiguration(
            "training \(parts.joined(separator: " and ")) would take about \(MemorySize.text(bytes: bytes)) of memory; "
                + "at most \(MemorySize.text(bytes: Self.ceiling)) is allowed (use a smaller batch size or narrower layers)")
    }

    /// Checks a single network trained with minibatches (see ``check()``).
    ///
    /// - Throws: ``AgentError/invalidConfiguration(_:)`` saying how much training would take.
    public static func check(_ shape: NetworkShape, inputCount: Int, outputCount: Int, batchSize: Int) throws {
        var estimate = TrainingMemory()
        estimate.add(shape, inputCount: inputCount, outputCount: outputCount, batchSize: batchSize)
        try estimate.check()
    }
}
