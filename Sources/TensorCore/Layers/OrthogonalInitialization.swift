import CBLASLoader

extension Tensor {
    /// A `[rows, columns]` matrix of orthonormal rows (when rows ≤ columns) or columns (otherwise),
    /// times `gain`: orthogonal initialisation (Saxe et al. 2014, "Exact solutions to the
    /// nonlinear dynamics of learning in deep linear neural networks"), as PyTorch's
    /// `nn.init.orthogonal_` draws it.
    ///
    /// A matrix of standard normal draws is factored A = QR by LAPACK (`sgeqrf`, `sorgqr` of the
    /// loaded OpenBLAS), and Q's columns are multiplied by the signs of R's diagonal, which makes
    /// Q uniformly distributed over the orthogonal matrices. The taller of the matrix and its
    /// transpose is factored, so W Wᵀ = gain² I when rows ≤ columns and Wᵀ W = gain² I otherwise.
    ///
    /// - Throws: ``TensorError/invalidArgument(_:)`` unless `shape` is two sizes ≥ 1 and `gain`
    ///   is finite; ``BLASError`` when the BLAS library cannot be loaded or has no LAPACK.
    public static func randomOrthogonal(
        _ shape: [Int], gain: Float = 1, using generator: inout some RandomNumberGenerator
    ) throws -> Tensor {
        guard shape.count == 2, shape[0] >= 1, shape[1] >= 1 else {
            throw TensorError.invalidArgument("an orthogonal matrix needs a shape [rows, columns] of sizes ≥ 1, got \(describe(shape: shape))")
        }
        guard gain.isFinite else { throw TensorError.invalidArgument("the orthogonal gain must be finite, got \(gain)") }
        guard shape[0] <= Int(Int32.max) && shape[1] <= Int(Int32.max) else {
            throw TensorError.invalidArgument("LAPACK takes sizes below 2³¹, got \(describe(shape: shape))")
        }
        try BLAS.ensureLoaded()
        guard blas_has_lapack() else {
            throw BLASError.unavailable("the BLAS library has no LAPACK (sgeqrf, sorgqr), which orthogonal initialisation needs")
        }
        let (rows, columns) = (shape[0], shape[1])
        let draws = randomNormal(shape, using: &generator).scalars
        // The tall matrix A (m ≥ n) in column-major order: W itself when it is tall (stored
        // transposed), else Wᵀ, whose column-major order is W's row-major one.
        let isTall = rows >= columns
        let (m, n) = isTall ? (rows, columns) : (columns, rows)
        var matrix = [Float](repeating: 0, count: m * n)
        if isTall {
            for row in 0..<rows { for column in 0..<columns { matrix[column * m + row] = draws[row * columns + column] } }
        } else {
            matrix = draws
        }
        var signs = [Float](repeating: 1, count: n)
        let info = blas_orthonormalize(Int32(m), Int32(n), &matrix, &signs)
        guard info == 0 else {
            throw BLASError.unavailable("LAPACK's QR factorisation failed (code \(info))")
        }
        return Tensor(shape: shape, initializingWith: { output in
            if isTall {
                for row in 0..<rows {
                    for column in 0..<columns { output[row * columns + column] = gain * signs[column] * matrix[column * m + row] }
                }
            } else {
                // Wᵀ = Q: W's row i is Q's column i.
                for row in 0..<rows {
                    for column in 0..<columns { output[row * columns + column] = gain * signs[row] * matrix[row * m + column] }
                }
            }
        })
    }
}
