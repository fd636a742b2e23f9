import CBLASLoader
import Foundation

/// The suite's door to BLAS: loading the library, the kernel and thread policies, and the
/// single-precision matrix products.
///
/// **Loaded at first use, after choosing the kernel.** OpenBLAS picks its kernel once, as it is
/// loaded. The tensor core does not link it: the first matrix product reads the kernel policy
/// (``BLASKernelPolicy``, from `RL_BLAS_KERNEL` and `OPENBLAS_CORETYPE`) and loads
/// `libopenblas.so.0` with `dlopen` while the environment OpenBLAS reads holds the chosen
/// `OPENBLAS_CORETYPE` (a copy swapped in for the load: the process's own environment is never
/// changed, which `setenv` could not do safely beside other threads). `RL_BLAS_LIBRARY` names
/// another library file to load instead (any CBLAS library; the kernel policy applies to
/// OpenBLAS only). On Apple platforms the products go to Accelerate instead, and there is no
/// kernel to choose. A program that links OpenBLAS itself has it loaded before the tensor core
/// runs: its own choice then stands, and ``BLASLibrary/wasLoadedBefore`` says so. Any other
/// OpenBLAS function the suite needs must be looked up by the loader too: linking OpenBLAS
/// would load it before the policy could choose.
///
/// **Threads: always one.** The tensor core sets OpenBLAS to a single thread before its first
/// product, whatever the machine or `OPENBLAS_NUM_THREADS` says, and offers no way to change it:
///
/// - Reproducibility. OpenBLAS 0.3.21 does not sum in the same order on two threads as on one:
///   a 64 x 256 by 256 x 256 product differs in the last bits in about 3,300 of its 16,384
///   elements (measured here), and training amplifies such differences into different runs.
///   With the count fixed, a seed gives the same run on a 2-core laptop and a 64-core server
///   running the same kernel.
/// - Speed. Reinforcement-learning networks are small; a second thread saves at most a third
///   of the time of the largest product of a DQN step and costs a hand-off on every tiny one,
///   and the other core is better spent on the environment or a second run.
///
/// A single thread also means every product runs on the calling thread, where the tensor core
/// has flushed subnormal floats (`DenormalMode`).
public enum BLAS {
    /// The environment variable naming a BLAS library file to load instead of the system's
    /// OpenBLAS: `RL_BLAS_LIBRARY`.
    public static let libraryVariable = "RL_BLAS_LIBRARY"

    /// The library in use, loading it first if no product has yet.
    ///
    /// - Throws: ``BLASError/unavailable(_:)`` when no library can be loaded,
    ///   ``BLASError/invalidSetting(_:)`` when `RL_BLAS_KERNEL` names no policy.
    public static func library() throws -> BLASLibrary {
        try loading.get()
    }

    /// Throws the loading error, if any: called by every public operation that leads to a
    /// product (`matmul`, `affine`, `Linear`), so that ``multiply(_:transposingA:_:transposingB:into:rows:columns:inner:alpha:beta:)``
    /// only ever runs on a loaded library.
    @inline(__always)
    static func ensureLoaded() throws {
        if case .failure(let error) = loading { throw error }
    }

    /// The library, or why there is none: loaded once, for the whole process.
    private static let loading = load()

    /// Chooses the kernel, loads the library and sets it to one thread.
    private static func load() -> Result<BLASLibrary, BLASError> {
        let environment = ProcessInfo.processInfo.environment
        let processor = ProcessorFeatures.current
        let choice: BLASKernelChoice
        do {
            choice = try BLASKernelChoice.fromEnvironment(environment, processor: processor)
        } catch {
            return .failure(error as? BLASError ?? .invalidSetting("\(error)"))
        }
        let libraryPath = environment[libraryVariable].flatMap { $0.isEmpty ? nil : $0 }
        var reason = [CChar](repeating: 0, count: 2048)
        let loaded: Bool
        switch choice.request {
        case .kernel(let kernel): loaded = blas_load(libraryPath, blas_core_type_set, kernel, &reason, reason.count)
        case .ownDetection: loaded = blas_load(libraryPath, blas_core_type_remove, nil, &reason, reason.count)
        case .unchanged: loaded = blas_load(libraryPath, blas_core_type_keep, nil, &reason, reason.count)
        }
        guard loaded else {
            let what = libraryPath.map { "the BLAS library \($0) (\(libraryVariable))" } ?? "OpenBLAS"
            let remedy = libraryPath == nil
                ? "install it (Debian and Ubuntu: apt-get install libopenblas0; Fedora: dnf install openblas) or set \(libraryVariable) to its path"
                : "check the path in \(libraryVariable)"
            let text = String(decoding: reason.prefix { $0 != 0 }.map { UInt8(bitPattern: $0) }, as: UTF8.self)
            return .failure(.unavailable("\(what) could not be loaded (\(text)): \(remedy)"))
        }
        blas_set_thread_count(1)
        return .success(describeLoadedLibrary(choice: choice, processor: processor))
    }

    /// What the loaded library says about itself.
    private static func describeLoadedLibrary(choice: BLASKernelChoice, processor: ProcessorFeatures) -> BLASLibrary {
        let configuration = blas_configuration().map { String(cString: $0) }
        let words = configuration?.split(separator: " ") ?? []
        let isOpenBLAS = words.first == "OpenBLAS"
        #if canImport(Darwin)
        let name = "Accelerate"
        #else
        let name = isOpenBLAS ? "OpenBLAS" : "BLAS"
        #endif
        return BLASLibrary(
            name: name,
            version: isOpenBLAS && words.count > 1 ? String(words[1]) : nil,
            path: String(cString: blas_library_path()),
            configuration: configuration,
            kernel: blas_kernel_name().map { String(cString: $0) },
            choice: choice, processor: processor,
            threadCount: Int(blas_thread_count()),
            wasLoadedBefore: blas_was_loaded_before())
    }

    /// C = alpha · op(A) · op(B) + beta · C for row-major matrices, through `cblas_sgemm`.
    ///
    /// `op(X)` is X or its transpose; `rows` x `columns` is C's shape and `inner` the shared
    /// dimension. Leading dimensions are the stored row lengths. Shapes are the caller's duty:
    /// the public `matmul` checks them before it gets here, after ``ensureLoaded()``.
    static func multiply(
        _ a: UnsafePointer<Float>, transposingA: Bool,
        _ b: UnsafePointer<Float>, transposingB: Bool,
        into c: UnsafeMutablePointer<Float>,
        rows: Int, columns: Int, inner: Int,
        alpha: Float = 1, beta: Float = 0
    ) {
        let leadingA = transposingA ? rows : inner
        let leadingB = transposingB ? inner : columns
        if rows == 1 {
            // A single row times a matrix is a matrix-vector product; sgemv skips sgemm's
            // packing and is several times faster for one observation. A 1 x inner matrix is
            // contiguous whether or not it is stored transposed.
            blas_sgemv(
                !transposingB,
                Int32(transposingB ? columns : inner), Int32(transposingB ? inner : columns),
                alpha, b, Int32(leadingB), a, beta, c)
            return
        }
        blas_sgemm(
            transposingA, transposingB,
            Int32(rows), Int32(columns), Int32(inner),
            alpha, a, Int32(leadingA), b, Int32(leadingB), beta, c, Int32(columns))
    }
}
