import RLCore
import TensorCore

/// The neural agents' view of an observation: the space's flattened form as a tensor
/// (one-hot for a `Discrete` space, the scalars of a `Box`).
public enum ObservationFeatures {
    /// `observation` flattened into a `[space.flattenedCount]` tensor.
    public static func tensor<S: Space>(_ observation: S.Element, in space: S) -> Tensor {
        Tensor(shape: [space.flattenedCount]) { space.flatten(observation, into: $0) }
    }

    /// Observations flattened into the rows of a `[count, space.flattenedCount]` tensor.
    public static func batch<S: Space>(_ observations: [S.Element], in space: S) -> Tensor {
        let size = space.flattenedCount
        return Tensor(shape: [observations.count, size]) { rows in
            for (row, observation) in observations.enumerated() {
                space.flatten(observation, into: UnsafeMutableBufferPointer(rebasing: rows[(row * size)..<((row + 1) * size)]))
            }
        }
    }
}
