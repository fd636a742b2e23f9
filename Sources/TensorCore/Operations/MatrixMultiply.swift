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
    ///   inner dimensions differ; the message gives both shapes.
    public func matmul(_ other: Tensor) throws -> Tensor {
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
    /// - Throws: ``TensorError/shapeMismatch(_:)`` naming the shapes when they do not fit.
    public static func affine(_ input: Tensor, weight: Tensor, bias: Tensor?) throws -> Tensor {
        guard weight.rank == 2, input.rank == 1 || input.rank == 2,
              input.shape[input.rank - 1] == weight.shape[1]
        else {
            throw TensorError.shapeMismatch(
                "a layer with weight \(describe(shape: weight.shape)) needs input [batch, \(weight.rank == 2 ? weight.shape[1] : 0)] "
                    + "or [\(weight.rank == 2 ? weight.shape[1] : 0)], got \(describe(shape: input.shape))")
        }
        let (outputCount, inputCount) = (weight.shape[0], weight.shape[1])
        if let bias, bias.shape != [outputCount] {
            throw TensorError.shapeMismatch(
                "a layer with weight \(describe(shape: weight.shape)) needs bias [\(outputCount)], got \(describe(shape: bias.shape))")
        }
        let rows = input.rank == 2 ? input.shape[0] : 1
        // A single example's result has the bias's shape; sharing that array saves an allocation
        // on the path that picks every action.
        let resultShape = input.rank == 2 ? [rows, outputCount] : (bias?.shape ?? [outputCount])
        let count = rows * outputCount
        let result = Tensor(uncheckedShape: resultShape, count: count) { output in
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
            if count > 0 && inputCount > 0 {
                input.storage.withUnsafeBufferPointer { x in
                    weight.storage.withUnsafeBufferPointer { w in
                        BLAS.multiply(
                            x.baseAddress!, transposingA: false, w.baseAddress!, transposingB: true,
                            into: output.baseAddress!, rows: rows, columns: outputCount, inner: inputCount,
                            beta: 1)
                    }
                }
            }
        }
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

    /// op(a)·op(b) for matrices whose shapes are known to fit, through OpenBLAS.
    static func product(_ a: Tensor, transposed transposingA: Bool, _ b: Tensor, transposed transposingB: Bool) -> Tensor {
        let rows = transposingA ? a.shape[1] : a.shape[0]
        let inner = transposingA ? a.shape[0] : a.shape[1]
        let columns = transposingB ? b.shape[0] : b.shape[1]
        let count = rows * columns
        return Tensor(uncheckedShape: [rows, columns], count: count) { output in
            if inner == 0 {
                output.initialize(repeating: 0)
            } else if count > 0 {
                a.storage.withUnsafeBufferPointer { left in
                    b.storage.withUnsafeBufferPointer { right in
                        BLAS.multiply(
                            left.baseAddress!, transposingA: transposingA, right.baseAddress!, transposingB: transposingB,
                            into: output.baseAddress!, rows: rows, columns: columns, inner: inner)
                    }
                }
            }
        }
    }
}
