// Matrix products on OpenBLAS, and the fused affine map that `Linear` uses.
//
//   C = A·B            ∂L/∂A = G·Bᵀ     ∂L/∂B = Aᵀ·G
//   Y = X·Wᵀ + b       ∂L/∂X = G·W      ∂L/∂W = Gᵀ·X     ∂L/∂b = Σ_rows G
//
// where G is the gradient of the result. Every product, forward or backward, is one sgemm
// (or sgemv for a single row) call reading the operands where they lie, transposed in place.

extension Tensor {
    /// The matrix product of this `[m, k]` matrix and a `[k, n]` matrix: a `[m, n]` matrix.
    ///
    /// - Throws: ``TensorError/shapeMismatch(_:)`` when either operand is not a matrix or the
    ///   inner dimensions differ; the message gives both shapes. ``BLASError`` when no BLAS
    ///   library can be loaded (the first product loads it).
    public func matmul(_ other: Tensor) throws -> Tensor {
        try BLAS.ensureLoaded()
        guard rank == 2, other.rank == 2, shape[1] == other.shape[0] else {
            throw TensorError.shapeMismatch(
                "matmul needs [m, k] x [k, n] matrices, got \(describe(shape: shape)) x \(describe(shape: other.shape))")
        }
        let result = Tensor.product(self, transposed: false, other, transposed: false)
        guard Tensor.needsGradient(self, other) else { return result }
        let (left, right) = (detached(), other.detached())
        let (leftNeeds, rightNeeds) = (node != nil, other.node != nil)
        return result.recorded(from: self, other) { gradient in
            (leftNeeds ? Tensor.product(gradient, transposed: false, right, transposed: true) : nil,
             rightNeeds ? Tensor.product(left, transposed: true, gradient, transposed: false) : nil)
        }
    }

    /// The affine map `input · weightᵀ + bias` of a fully connected layer, as one operation.
    ///
    /// - Parameters:
    ///   - input: `[batch, inputCount]`, or `[inputCount]` for a single example (the result is
    ///     then `[outputCount]`).
    ///   - weight: `[outputCount, inputCount]` (PyTorch's layout).
    ///   - bias: `[outputCount]`, or `nil` for none.
    /// - Throws: ``TensorError/shapeMismatch(_:)`` naming the shapes when they do not fit;
    ///   ``BLASError`` when no BLAS library can be loaded (the first product loads it).
    public static func affine(_ input: Tensor, weight: Tensor, bias: Tensor?) throws -> Tensor {
        try BLAS.ensureLoaded()
        try checkAffineShapes(input: input.shape, weight: weight.shape, bias: bias?.shape)
        let (outputCount, inputCount) = (weight.shape[0], weight.shape[1])
        let rows = input.rank == 2 ? input.shape[0] : 1
        let result = affineValue(input, weight: weight.storage, outputCount: outputCount, bias: bias.map { ($0.storage, $0.shape) })
        guard needsGradient(input, weight) || (bias.map(needsGradient) ?? false) else { return result }
        let biasTensor = bias ?? Tensor.zeros([0])
        let (x, w) = (input.detached(), weight.detached())
        let inputNeeds = input.node != nil
        let matrixShape = [rows, outputCount]
        return result.recorded(from: [input, weight, biasTensor]) { gradient in
            let g = Tensor(uncheckedShape: matrixShape, storage: gradient.storage)
            var inputGradient: Tensor?
            if inputNeeds {
                // ∂L/∂X = G·W
                inputGradient = product(g, transposed: false, w, transposed: false)
                // Cannot fail: set on the line above.
                inputGradient!.shape = x.shape
            }
            // ∂L/∂W = Gᵀ·X
            let xMatrix = Tensor(uncheckedShape: [rows, inputCount], storage: x.storage)
            let weightGradient = product(g, transposed: true, xMatrix, transposed: false)
            // ∂L/∂b = column sums of G
            let biasGradient = bias == nil
                ? nil : Tensor(uncheckedShape: [outputCount], storage: sumAlong(axis: 0, of: g.storage, shape: matrixShape))
            return [inputGradient, weightGradient, biasGradient]
        }
    }

    /// Checks the shapes of an affine map: weight `[out, in]`, input `[batch, in]` or `[in]`,
    /// bias `[out]` or none.
    ///
    /// - Throws: ``TensorError/shapeMismatch(_:)`` naming the shapes.
    static func checkAffineShapes(input: [Int], weight: [Int], bias: [Int]?) throws {
        guard weight.count == 2, input.count == 1 || input.count == 2, input[input.count - 1] == weight[1] else {
            let features = weight.count == 2 ? weight[1] : 0
            throw TensorError.shapeMismatch(
                "a layer with weight \(describe(shape: weight)) needs input [batch, \(features)] "
                    + "or [\(features)], got \(describe(shape: input))")
        }
        if let bias, bias != [weight[0]] {
            throw TensorError.shapeMismatch(
                "a layer with weight \(describe(shape: weight)) needs bias [\(weight[0])], got \(describe(shape: bias))")
        }
    }

    /// input · weightᵀ + bias for shapes already checked and a loaded BLAS, as a constant: the forward pass of
    /// ``affine(_:weight:bias:)`` and, without building parameter tensors, of `Linear` when no
    /// gradient is recorded.
    static func affineValue(
        _ input: Tensor, weight: TensorStorage, outputCount: Int, bias: (storage: TensorStorage, shape: [Int])?
    ) -> Tensor {
        let rows = input.rank == 2 ? input.shape[0] : 1
        let inputCount = input.shape[input.rank - 1]
        // A single example's result has the bias's shape; sharing that array saves an allocation
        // on the path that picks every action.
        let resultShape = input.rank == 2 ? [rows, outputCount] : (bias?.shape ?? [outputCount])
        let count = rows * outputCount
        return Tensor(uncheckedShape: resultShape, count: count) { output in
            if let bias {
                // Start every row at the bias, then let sgemm add the product (beta = 1).
                bias.storage.withUnsafeBufferPointer { row in
                    for start in stride(from: 0, to: count, by: outputCount) {
                        _ = UnsafeMutableBufferPointer(rebasing: output[start..<(start + outputCount)]).initialize(from: row)
                    }
                }
            } else {
                output.initialize(repeating: 0)
            }
            guard count > 0 && inputCount > 0 else { return }
            input.storage.withUnsafeBufferPointer { x in
                weight.withUnsafeBufferPointer { w in
                    BLAS.multiply(
                        // Cannot fail: tensor storage always has an address (and the guard above skips empty products).
                        x.baseAddress!, transposingA: false, w.baseAddress!, transposingB: true,
                        into: output.baseAddress!, rows: rows, columns: outputCount, inner: inputCount, beta: 1)
                }
            }
        }
    }

    /// op(a)·op(b) for matrices whose shapes are known to fit, through OpenBLAS.
    static func product(_ a: Tensor, transposed transposingA: Bool, _ b: Tensor, transposed transposingB: Bool) -> Tensor {
        let rows = transposingA ? a.shape[1] : a.shape[0]
        let inner = transposingA ? a.shape[0] : a.shape[1]
        let columns = transposingB ? b.shape[0] : b.shape[1]
        let count = rows * columns
        return Tensor(uncheckedShape: [rows, columns], count: count) { output in
            // Zero the output ourselves and let sgemm add to it (beta = 1): OpenBLAS's own
            // zeroing pass for beta = 0 is slower than memset (about 25 µs of a 256 x 256 product).
            output.initialize(repeating: 0)
            guard inner > 0 && count > 0 else { return }
            a.storage.withUnsafeBufferPointer { left in
                b.storage.withUnsafeBufferPointer { right in
                    BLAS.multiply(
                        // Cannot fail: tensor storage always has an address (and the guard above skips empty products).
                        left.baseAddress!, transposingA: transposingA, right.baseAddress!, transposingB: transposingB,
                        into: output.baseAddress!, rows: rows, columns: columns, inner: inner, beta: 1)
                }
            }
        }
    }
}
