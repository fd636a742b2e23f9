/// The BLAS library the tensor core loaded, and the kernel it runs: what `rl --version` prints.
public struct BLASLibrary: Sendable {
    /// `"OpenBLAS"`, `"Accelerate"`, or `"BLAS"` for another CBLAS library given by path.
    public let name: String
    /// The library's version (`"0.3.21"`), when it says.
    public let version: String?
    /// The file it was loaded from.
    public let path: String
    /// OpenBLAS's build description (`"OpenBLAS 0.3.21 NO_LAPACKE DYNAMIC_ARCH NO_AFFINITY
    /// Haswell MAX_THREADS=64"`), when the library is OpenBLAS.
    public let configuration: String?
    /// The kernel OpenBLAS runs (`"Haswell"`, `"SkylakeX"`, ...), as OpenBLAS reports it.
    public let kernel: String?
    /// What the tensor core asked for, and why.
    public let choice: BLASKernelChoice
    /// The processor the choice was made for.
    public let processor: ProcessorFeatures
    /// The number of threads a product uses: 1 (see ``BLAS``).
    public let threadCount: Int
    /// Whether the program had OpenBLAS loaded already (linked to it directly): the kernel is
    /// then OpenBLAS's own choice, whatever the policy says.
    public let wasLoadedBefore: Bool

    /// Whether the kernel is the one ``BLASKernelPolicy/reproducible`` selects on every x86-64
    /// processor with AVX2 (Haswell), so that a seed trains the same run as on any such machine
    /// with that setting.
    public var runsReproducibleKernel: Bool { kernel == BLASKernelPolicy.reproducibleKernel }

    /// Whether the kernel predates AVX2 (Prescott, Nehalem, Sandybridge, ...), which wastes a
    /// processor that has AVX2 and FMA.
    public var runsPreAVX2Kernel: Bool {
        guard let kernel else { return false }
        return !Self.avx2Kernels.contains(kernel.lowercased())
    }

    /// OpenBLAS's x86-64 kernels that use AVX2 and FMA or AVX-512.
    static let avx2Kernels: Set<String> = ["haswell", "zen", "skylakex", "cooperlake", "sapphirerapids"]

    /// The name and version: `OpenBLAS 0.3.21`.
    public var nameAndVersion: String {
        [name, version].compactMap { $0 }.joined(separator: " ")
    }

    /// The kernel, who chose it and the threads: `Haswell (the default policy, fastest), 1 thread`.
    public var kernelDescription: String {
        let because = wasLoadedBefore ? "OpenBLAS's own choice: the program loaded it before the tensor core" : choice.explanation
        let threads = threadCount == 1 ? "1 thread" : "\(threadCount) threads"
        return "\(kernel ?? "chosen by the library") (\(because)), \(threads)"
    }

    /// One line: `OpenBLAS 0.3.21, kernel Haswell (the default policy, fastest), 1 thread`.
    public var summary: String {
        "\(nameAndVersion), kernel \(kernelDescription)"
    }
}
