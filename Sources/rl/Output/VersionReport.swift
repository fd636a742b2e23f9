import RL

/// What `rl --version` prints: the version, then the BLAS library and kernel the tensor core
/// runs on, the processor, and the denormal policy (what decides speed and, between machines,
/// whether a seed gives the same run).
enum VersionReport {
    /// The suite's version.
    static let version = "0.1.0"

    /// The report. Loads BLAS if nothing has yet; when it cannot be loaded, the BLAS line says
    /// why instead.
    static var text: String {
        var lines = LabeledLines("rl \(version)")
        do {
            let library = try BLAS.library()
            lines.add("BLAS", library.nameAndVersion + ", " + library.path)
            lines.add("kernel", library.kernelDescription)
            lines.add("processor", library.processor.summary)
            lines.add("runs", library.runsReproducibleKernel
                ? "the same for a seed as on any x86-64 processor with AVX2 under \(BLASKernelPolicy.environmentVariable)=reproducible"
                : "the same for a seed as on machines with this kernel; \(BLASKernelPolicy.environmentVariable)=reproducible gives the same runs on any x86-64 processor with AVX2")
        } catch {
            lines.add("BLAS", "unavailable: \(error)")
            lines.add("processor", ProcessorFeatures.current.summary)
        }
        lines.add("denormals", DenormalMode.isSupported
            ? (DenormalMode.isAutomatic ? "flushed to zero on every thread that computes (FTZ and DAZ)" : "kept (flushing turned off)")
            : "kept (this processor has no flush-to-zero setting)")
        return lines.text
    }
}
