import COpenBLAS

/// The suite's door to OpenBLAS: thread policy and the single-precision matrix products.
///
/// **Threads: always one.** The tensor core sets OpenBLAS to a single thread before its first
/// product, whatever the machine or `OPENBLAS_NUM_THREADS` says, and offers no way to change it:
///
/// - Reproducibility. OpenBLAS 0.3.21 does not sum in the same order on two threads as on one:
///   a 64 x 256 by 256 x 256 product differs in the last bits in about 3,300 of its 16,384
///   elements (measured here), and training amplifies such differences into different runs.
///   With the count fixed, a seed gives the same run on a 2-core laptop and a 64-core server.
/// - Speed. Reinforcement-learning networks are small; a second thread saves at most a third
///   of the time of the largest product of a DQN step and costs a hand-off on every tiny one,
///   and the other core is better spent on the environment or a second run.
public enum BLAS {
    /// The number of threads OpenBLAS uses for a product: always 1 (see above).
    public static var threadCount: Int {
        _ = configured
        return Int(openblas_get_num_threads())
    }

    /// Applies the thread policy once, before the first product.
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
