/// The shape that tensors of shapes `lhs` and `rhs` broadcast to, by NumPy's rules.
///
/// Shapes are aligned at their last axis; each pair of dimensions must be equal or one of them
/// must be 1, and the result takes the larger. A missing leading axis counts as 1. So
/// `[64, 256]` and `[256]` give `[64, 256]`, `[64, 1]` and `[1, 2]` give `[64, 2]`.
///
/// - Throws: ``TensorError/shapeMismatch(_:)`` naming both shapes when they do not broadcast.
public func broadcastShape(_ lhs: [Int], _ rhs: [Int]) throws -> [Int] {
    if lhs == rhs { return lhs }
    let rank = max(lhs.count, rhs.count)
    var result = [Int](repeating: 1, count: rank)
    for offset in 1...rank {
        let left = offset <= lhs.count ? lhs[lhs.count - offset] : 1
        let right = offset <= rhs.count ? rhs[rhs.count - offset] : 1
        guard left == right || left == 1 || right == 1 else {
            throw TensorError.shapeMismatch(
                "shapes \(describe(shape: lhs)) and \(describe(shape: rhs)) do not broadcast "
                    + "(axis \(rank - offset): \(left) vs \(right))")
        }
        result[rank - offset] = left == 1 ? right : left
    }
    return result
}

extension Tensor {
    // MARK: - Element-wise kernels

    /// A new tensor of the same shape with `transform` applied to every element.
    ///
    /// Always inlined, so `transform` compiles into the loop (no call per element).
    @inline(__always)
    func mapped(_ transform: (Float) -> Float) -> Tensor {
        let count = scalarCount
        return Tensor(uncheckedShape: shape, count: count) { output in
            storage.withUnsafeBufferPointer { input in
                for index in 0..<count {
                    output[index] = transform(input[index])
                }
            }
        }
    }

    /// A new tensor combining `lhs` and `rhs` element by element after broadcasting them.
    ///
    /// Always inlined, so `combine` compiles into the loops. The common patterns (equal
    /// shapes, a scalar on either side, a row or a column broadcast across a matrix) run as
    /// one contiguous inner loop per row.
    @inline(__always)
    static func combining(
        _ lhs: Tensor, _ rhs: Tensor, _ combine: (Float, Float) -> Float
    ) throws -> Tensor {
        let shape = try broadcastShape(lhs.shape, rhs.shape)
        let count = shape.reduce(1, *)
        return Tensor(uncheckedShape: shape, count: count) { output in
            lhs.storage.withUnsafeBufferPointer { left in
                rhs.storage.withUnsafeBufferPointer { right in
                    if left.count == count && right.count == count {
                        for index in 0..<count { output[index] = combine(left[index], right[index]) }
                    } else if right.count == 1 {
                        let value = right[0]
                        for index in 0..<count { output[index] = combine(left[index], value) }
                    } else if left.count == 1 {
                        let value = left[0]
                        for index in 0..<count { output[index] = combine(value, right[index]) }
                    } else {
                        combineBroadcasting(
                            left, lhs.shape, right, rhs.shape, into: output, shape: shape, combine)
                    }
                }
            }
        }
    }

    /// The general broadcasting loop: walks the output's outer positions with an odometer and
    /// runs the innermost axis as a contiguous loop (stride 1 or 0 on each side).
    @inline(__always)
    private static func combineBroadcasting(
        _ left: UnsafeBufferPointer<Float>, _ leftShape: [Int],
        _ right: UnsafeBufferPointer<Float>, _ rightShape: [Int],
        into output: UnsafeMutableBufferPointer<Float>, shape: [Int],
        _ combine: (Float, Float) -> Float
    ) {
        let rank = shape.count
        let leftStrides = broadcastStrides(of: leftShape, to: shape)
        let rightStrides = broadcastStrides(of: rightShape, to: shape)
        let inner = shape[rank - 1]
        let leftInner = leftStrides[rank - 1]
        let rightInner = rightStrides[rank - 1]
        var position = [Int](repeating: 0, count: rank)
        var leftOffset = 0
        var rightOffset = 0
        var outputOffset = 0
        let total = output.count
        while outputOffset < total {
            switch (leftInner, rightInner) {
            case (1, 1):
                for index in 0..<inner {
                    output[outputOffset + index] = combine(left[leftOffset + index], right[rightOffset + index])
                }
            case (1, _):
                let value = right[rightOffset]
                for index in 0..<inner {
                    output[outputOffset + index] = combine(left[leftOffset + index], value)
                }
            case (_, 1):
                let value = left[leftOffset]
                for index in 0..<inner {
                    output[outputOffset + index] = combine(value, right[rightOffset + index])
                }
            default:
                let value = combine(left[leftOffset], right[rightOffset])
                for index in 0..<inner { output[outputOffset + index] = value }
            }
            outputOffset += inner
            // Advance the odometer over the outer axes.
            var axis = rank - 2
            while axis >= 0 {
                position[axis] += 1
                leftOffset += leftStrides[axis]
                rightOffset += rightStrides[axis]
                if position[axis] < shape[axis] { break }
                leftOffset -= leftStrides[axis] * shape[axis]
                rightOffset -= rightStrides[axis] * shape[axis]
                position[axis] = 0
                axis -= 1
            }
        }
    }

    /// Row-major strides of `shape` seen as `target` (already broadcast-compatible): 0 along
    /// the axes that are broadcast, including the missing leading ones.
    static func broadcastStrides(of shape: [Int], to target: [Int]) -> [Int] {
        var strides = [Int](repeating: 0, count: target.count)
        var stride = 1
        for offset in 1...Swift.max(target.count, 1) where offset <= shape.count {
            let dimension = shape[shape.count - offset]
            if dimension != 1 { strides[target.count - offset] = stride }
            stride *= dimension
        }
        return strides
    }

    // MARK: - Undoing a broadcast

    /// This gradient summed down to `target`, the shape of an input that was broadcast to this
    /// tensor's shape: the backward rule of every broadcasting operation.
    func summed(toShape target: [Int]) throws -> Tensor {
        if shape == target { return self }
        let leading = rank - target.count
        var axes = Array(0..<leading)
        for (axis, dimension) in target.enumerated() where dimension == 1 && shape[leading + axis] != 1 {
            axes.append(leading + axis)
        }
        return try sum(alongAxes: axes).reshaped(to: target)
    }

    /// Adds `other` (same shape) to this tensor's elements in place; for gradient accumulation.
    mutating func addInPlace(_ other: Tensor) {
        // Cannot fail from input: gradients are accumulated only into nodes of the same shape (autodiff's own invariant).
        precondition(other.shape == shape, "gradient accumulation needs equal shapes")
        withUnsafeMutableScalars { target in
            other.storage.withUnsafeBufferPointer { source in
                // Cannot fail: tensor storage always has an address, even for no elements.
                addVectors(source.baseAddress!, into: target.baseAddress!, count: target.count)
            }
        }
    }
}
