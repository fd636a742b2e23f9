/// A tensor's elements seen as `outer` x `length` x `inner` around one axis: the layout every
/// operation along an axis (sums, maxima, softmax, gather, concatenation) iterates.
///
/// Element (o, k, i) is at offset `(o · length + k) · inner + i`.
struct AxisLayout {
    /// The product of the dimensions before the axis.
    let outer: Int
    /// The axis's own dimension.
    let length: Int
    /// The product of the dimensions after the axis (1 for the last axis).
    let inner: Int

    init(shape: [Int], axis: Int) {
        outer = shape[..<axis].reduce(1, *)
        length = shape[axis]
        inner = shape[(axis + 1)...].reduce(1, *)
    }
}

extension Tensor {
    /// `axis` made non-negative (−1 is the last axis).
    ///
    /// - Throws: ``TensorError/invalidArgument(_:)`` naming `operation` when the axis does not exist.
    func normalizedAxis(_ axis: Int, for operation: String) throws -> Int {
        let normalized = axis < 0 ? axis + rank : axis
        guard normalized >= 0 && normalized < rank else {
            throw TensorError.invalidArgument(
                "\(operation): axis \(axis) does not exist in a tensor of shape \(describe(shape: shape))")
        }
        return normalized
    }

    /// This tensor repeated along its size-1 (or missing leading) axes to fill `target`.
    ///
    /// Used by backward rules to spread a reduced gradient over the input it came from; the
    /// shapes are known to broadcast.
    func broadcasted(to target: [Int]) -> Tensor {
        if shape == target { return self }
        let strides = Tensor.broadcastStrides(of: shape, to: target)
        let count = target.reduce(1, *)
        var position = [Int](repeating: 0, count: target.count)
        var source = 0
        var result = [Float]()
        result.reserveCapacity(count)
        let scalars = self.scalars
        for _ in 0..<count {
            result.append(scalars[source])
            // Advance the odometer, last axis fastest.
            var axis = target.count - 1
            while axis >= 0 {
                position[axis] += 1
                source += strides[axis]
                if position[axis] < target[axis] { break }
                source -= strides[axis] * target[axis]
                position[axis] = 0
                axis -= 1
            }
        }
        return Tensor(uncheckedShape: target, scalars: result)
    }
}
