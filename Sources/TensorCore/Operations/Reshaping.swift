extension Tensor {
    /// The same elements in a new shape (row-major order is kept; no copy is made).
    ///
    /// One dimension may be −1: it is inferred from the element count. The gradient is
    /// reshaped back.
    ///
    /// - Throws: ``TensorError/invalidArgument(_:)`` when the element counts differ, more than
    ///   one dimension is −1, or a dimension is otherwise negative.
    public func reshaped(to newShape: [Int]) throws -> Tensor {
        var resolved = newShape
        let inferred = newShape.indices.filter { newShape[$0] == -1 }
        guard inferred.count <= 1 else {
            throw TensorError.invalidArgument("reshaped(to: \(newShape)): only one dimension can be -1")
        }
        if let axis = inferred.first {
            let known = newShape.enumerated().filter { $0.offset != axis }.map(\.element)
            let product = try Tensor.elementCount(of: known)
            guard product > 0, scalarCount % product == 0 else {
                throw TensorError.invalidArgument(
                    "cannot reshape \(scalarCount) elements of shape \(describe(shape: shape)) to \(newShape)")
            }
            resolved[axis] = scalarCount / product
        }
        guard try Tensor.elementCount(of: resolved) == scalarCount else {
            throw TensorError.invalidArgument(
                "cannot reshape \(scalarCount) elements of shape \(describe(shape: shape)) to \(describe(shape: resolved))")
        }
        let result = Tensor(uncheckedShape: resolved, storage: storage)
        guard Tensor.needsGradient(self) else { return result }
        let inputShape = shape
        return result.recorded(from: self) { gradient in
            Tensor(uncheckedShape: inputShape, storage: gradient.storage)
        }
    }

    /// The tensor with its axes reordered: axis `i` of the result is axis `permutation[i]` of
    /// this tensor. Without a permutation the axes are reversed (a matrix's transpose).
    ///
    /// The elements are copied into the new row-major order; the gradient is transposed back.
    ///
    /// - Throws: ``TensorError/invalidArgument(_:)`` when `permutation` is not a permutation of
    ///   the axes.
    public func transposed(_ permutation: [Int]? = nil) throws -> Tensor {
        let order = permutation ?? Array((0..<rank).reversed())
        guard order.count == rank, Set(order) == Set(0..<rank) else {
            throw TensorError.invalidArgument(
                "transposed(\(order)) is not a permutation of the \(rank) axes of shape \(describe(shape: shape))")
        }
        let result = permuted(order)
        guard Tensor.needsGradient(self) else { return result }
        var inverse = [Int](repeating: 0, count: rank)
        for (position, axis) in order.enumerated() { inverse[axis] = position }
        return result.recorded(from: self) { gradient in
            gradient.permuted(inverse)
        }
    }

    /// The elements copied into the axis order `order` (already validated).
    private func permuted(_ order: [Int]) -> Tensor {
        let newShape = order.map { shape[$0] }
        if rank == 2 && order == [1, 0] {
            let (rows, columns) = (shape[0], shape[1])
            return Tensor(uncheckedShape: newShape, count: scalarCount) { output in
                storage.withUnsafeBufferPointer { input in
                    for row in 0..<rows {
                        for column in 0..<columns { output[column * rows + row] = input[row * columns + column] }
                    }
                }
            }
        }
        var strides = [Int](repeating: 1, count: rank)
        for axis in stride(from: rank - 2, through: 0, by: -1) { strides[axis] = strides[axis + 1] * shape[axis + 1] }
        let sourceStrides = order.map { strides[$0] }
        var position = [Int](repeating: 0, count: rank)
        var source = 0
        var result = [Float]()
        result.reserveCapacity(scalarCount)
        let scalars = self.scalars
        for _ in 0..<scalarCount {
            result.append(scalars[source])
            var axis = rank - 1
            while axis >= 0 {
                position[axis] += 1
                source += sourceStrides[axis]
                if position[axis] < newShape[axis] { break }
                source -= sourceStrides[axis] * newShape[axis]
                position[axis] = 0
                axis -= 1
            }
        }
        return Tensor(uncheckedShape: newShape, scalars: result)
    }
}
