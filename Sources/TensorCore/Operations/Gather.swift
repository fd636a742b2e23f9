extension Tensor {
    /// One element along `axis` for each position of the other axes, chosen by `indices`:
    /// picks Q(s, a) out of a batch of Q-values.
    ///
    /// The result has this tensor's shape without `axis`, and `indices` lists the chosen
    /// index for each of its elements in row-major order. For Q-values of shape
    /// `[batch, actions]` and one action per row, `q.gathering(actions, alongAxis: 1)` has shape
    /// `[batch]` (PyTorch's `q.gather(1, a.unsqueeze(1)).squeeze(1)`).
    ///
    /// The gradient flows to the chosen elements only.
    ///
    /// - Throws: ``TensorError/invalidArgument(_:)`` when the axis does not exist or an index is
    ///   out of range; ``TensorError/shapeMismatch(_:)`` when `indices` has the wrong count.
    public func gathering(_ indices: [Int], alongAxis axis: Int) throws -> Tensor {
        let normalized = try normalizedAxis(axis, for: "gathering")
        let layout = AxisLayout(shape: shape, axis: normalized)
        var resultShape = shape
        resultShape.remove(at: normalized)
        let count = layout.outer * layout.inner
        guard indices.count == count else {
            throw TensorError.shapeMismatch(
                "gathering along axis \(axis) of shape \(describe(shape: shape)) needs \(count) indices, got \(indices.count)")
        }
        if let bad = indices.first(where: { $0 < 0 || $0 >= layout.length }) {
            throw TensorError.invalidArgument(
                "gathering: index \(bad) is out of range 0..<\(layout.length) for axis \(axis) of shape \(describe(shape: shape))")
        }
        // The flat position of each gathered element in the input.
        var positions = [Int](repeating: 0, count: count)
        for outer in 0..<layout.outer {
            for inner in 0..<layout.inner {
                let target = outer * layout.inner + inner
                positions[target] = (outer * layout.length + indices[target]) * layout.inner + inner
            }
        }
        let result = Tensor(uncheckedShape: resultShape, count: count) { values in
            storage.withUnsafeBufferPointer { input in
                for (target, source) in positions.enumerated() { values[target] = input[source] }
            }
        }
        guard Tensor.needsGradient(self) else { return result }
        let inputShape = shape
        let inputCount = scalarCount
        return result.recorded(from: self) { gradient in
            Tensor.scattering(gradient, to: positions, shape: inputShape, count: inputCount)
        }
    }

    /// A tensor of `shape` holding zeros, plus element `i` of `values` at position
    /// `positions[i]`: the backward rule of operations that select elements (gather, max).
    static func scattering(_ values: Tensor, to positions: [Int], shape: [Int], count: Int) -> Tensor {
        Tensor(uncheckedShape: shape, count: count) { output in
            output.initialize(repeating: 0)
            values.storage.withUnsafeBufferPointer { source in
                for (index, position) in positions.enumerated() { output[position] += source[index] }
            }
        }
    }
}
