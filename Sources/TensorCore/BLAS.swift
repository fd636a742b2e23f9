import COpenBLAS

/// The suite's door to OpenBLAS: thread policy and the single-precision matrix products.
///
/// **Threads.** The tensor core runs OpenBLAS on one thread by default. Reinforcement-learning
/// networks are small (a 64 x 256 by 256 x 256 product is about 4 million multiply-adds), and
/// for them a second thread buys little and costs a hand-off on every call; single-threaded
/// matrix products also leave the other core to the environment and the rest of the process.
/// OpenBLAS partitions a product by blocks of the *output*, so every element is summed in the
/// same order whatever the thread count: a seed gives the same run with one thread or many.
/// Raise the count with `BLAS.threadCount = n` for large batches.
public enum BLAS {
    /// The number of threads OpenBLAS may use for one matrix product (default 1).
    ///
    /// Setting it affects the whole process. Values below 1 are treated as 1.
    public static var threadCount: Int {
        get {
            _ = configured
            return Int(openblas_get_num_threads())
        }
        set {
            _ = configured
            openblas_set_num_threads(Int32(max(1, newValue)))
        }
    }

    /// Applies the default thread policy once, before the first product.
    static let configured: Void = {
        openblas_set_num_threads(1)
    }()

    /// C = alpha · op(A) · op(B) + beta · C for row-major matrices, through `cblas_sgemm`.
    ///
    /// `op(X)` is X or its transpose; `rows` x `columns` is C's shape and `inner` the shared
    /// dimension. Leading dimensions are the stored row lengths. Shapes are the caller's duty:
    /// the public `matmul` checks them before it gets here.
    static func multiply(
        _ a: UnsafePointer<Float>, transposingA: Bool,
        _ b: UnsafePointer<Float>, transposingB: Bool,
        into c: UnsafeMutablePointer<Float>,
        rows: Int, columns: Int, inner: Int,
        alpha: Float = 1, beta: Float = 0
    ) {
        _ = configured
        let leadingA = transposingA ? rows : inner
        let leadingB = transposingB ? inner : columns
        if rows == 1 {
            // A single row times a matrix is a matrix-vector product; sgemv skips sgemm's
            // packing and is several times faster for one observation. A 1 x inner matrix is
            // contiguous whether or not it is stored transposed.
            cblas_sgemv(
                CblasRowMajor, transposingB ? CblasNoTrans : CblasTrans,
                Int32(transposingB ? columns : inner), Int32(transposingB ? inner : columns),
                alpha, b, Int32(leadingB), a, 1, beta, c, 1)
            return
        }
        cblas_sgemm(
            CblasRowMajor,
            transposingA ? CblasTrans : CblasNoTrans,
            transposingB ? CblasTrans : CblasNoTrans,
            Int32(rows), Int32(columns), Int32(inner),
            alpha, a, Int32(leadingA), b, Int32(leadingB), beta, c, Int32(columns))
    }
}
