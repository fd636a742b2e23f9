/// Which OpenBLAS kernel the tensor core asks for: the fastest one for this processor, or the
/// one that gives the same products on every x86-64 processor with AVX2.
///
/// OpenBLAS has a family of kernels per instruction set and picks one when it is loaded. Its
/// own choice can be poor (Debian's OpenBLAS 0.3.21 runs its SSE3 "Prescott" kernel on Intel's
/// Emerald Rapids Xeons, which it does not know: 16 GFLOP/s where its SkylakeX kernel reaches
/// 80), and different kernels sum in different orders, so the same seed trains a different run
/// on a machine that gets another kernel. The tensor core therefore chooses the kernel itself,
/// before OpenBLAS is loaded (see ``BLAS``):
///
/// - ``fastest`` (the default): SkylakeX on Intel processors with AVX-512, Haswell on every other
///   x86-64 processor with AVX2 and FMA. On AMD's Zen 4 the Haswell kernel is faster than the
///   AVX-512 ones OpenBLAS picks itself (single thread, this suite's development machine:
///   99 GFLOP/s against 93 for a 64x256 by 256x256 product, 97 against 71 for 64x1024 by
///   1024x1024), because Zen 4 executes AVX-512 in two 256-bit halves.
/// - ``reproducible``: Haswell on every x86-64 processor with AVX2 and FMA, Intel and AMD alike,
///   so a seed trains the same run on all of them, metric for metric. On Intel processors with
///   AVX-512 this gives up speed on large products (an Emerald Rapids Xeon: 53 GFLOP/s against
///   SkylakeX's 80 for 64x256 by 256x256).
/// - ``openBLAS``: OpenBLAS's own choice, exactly as if it were linked (it still reads
///   `OPENBLAS_CORETYPE`). For comparisons.
///
/// Processors without AVX2 and FMA (and other architectures) get OpenBLAS's own choice under
/// every policy. **Precedence**: `RL_BLAS_KERNEL`, when set, decides; otherwise a user's
/// `OPENBLAS_CORETYPE` decides (it names a kernel, such as `Haswell` or `SkylakeX`); otherwise
/// the default policy, ``fastest``. ``BLASLibrary`` reports what was chosen and why.
public enum BLASKernelPolicy: String, CaseIterable, Sendable {
    /// The fastest kernel measured for the processor (the default).
    case fastest
    /// The same kernel, Haswell, on every x86-64 processor with AVX2 and FMA.
    case reproducible
    /// OpenBLAS's own choice, as if it were linked.
    case openBLAS = "openblas"

    /// The environment variable that names a policy: `RL_BLAS_KERNEL` (`fastest`,
    /// `reproducible` or `openblas`).
    public static let environmentVariable = "RL_BLAS_KERNEL"

    /// The policy used when `RL_BLAS_KERNEL` and `OPENBLAS_CORETYPE` are both unset.
    public static let defaultPolicy = BLASKernelPolicy.fastest

    /// The kernel every x86-64 processor with AVX2 and FMA runs under ``reproducible``.
    public static let reproducibleKernel = "Haswell"

    /// The OpenBLAS kernel this policy asks for on `processor`, or `nil` to let OpenBLAS choose.
    public func kernel(for processor: ProcessorFeatures) -> String? {
        guard processor.isX86_64, processor.hasAVX2, processor.hasFMA else { return nil }
        switch self {
        case .fastest: return processor.isIntel && processor.hasAVX512 ? "SkylakeX" : Self.reproducibleKernel
        case .reproducible: return Self.reproducibleKernel
        case .openBLAS: return nil
        }
    }

    /// Reads a policy name as `RL_BLAS_KERNEL` holds it (any letter case).
    ///
    /// - Throws: ``BLASError/invalidSetting(_:)`` naming the valid values.
    public init(settingValue value: String) throws {
        guard let policy = BLASKernelPolicy(rawValue: value.lowercased()) else {
            let names = Self.allCases.map(\.rawValue).joined(separator: ", ")
            throw BLASError.invalidSetting("\(Self.environmentVariable) must be one of \(names), got '\(value)'")
        }
        self = policy
    }
}
