/// How a batch of actions is laid out for a ``BatchedEnvironment``: one index per copy for a
/// finite action space, one row of floats per copy otherwise.
public enum VectorActionLayout: Equatable, Sendable, CustomStringConvertible {
    /// One `Int` per copy, the action's position 0..<`count` in the action space
    /// (``Space/element(atIndex:)``): for ``Discrete`` and other finite spaces. Step with
    /// ``BatchedEnvironment/step(actionIndices:)``.
    case indices(count: Int)
    /// `width` floats per copy, row-major, each row an action's flattened form
    /// (``Space/unflatten(_:)-(UnsafeBufferPointer<Float>)``): for ``Box`` spaces. Step with
    /// ``BatchedEnvironment/step(actionRows:)``.
    case rows(width: Int)

    public var description: String {
        switch self {
        case .indices(let count): "one action index per copy, 0..<\(count)"
        case .rows(let width): "one row of \(width) floats per copy"
        }
    }
}
