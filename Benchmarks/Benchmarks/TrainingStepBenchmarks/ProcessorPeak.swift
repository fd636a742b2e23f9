import PeakFloatingPoint

/// The single-precision peak of one core of this machine, measured once with a loop of fused
/// multiply-adds on the widest vectors it has (see PeakFloatingPoint.c): what the "% of peak"
/// figures divide by.
enum ProcessorPeak {
    /// The best of 1,000 runs of 1 ms, in floating-point operations per second, and the
    /// instruction set that reached it. Short runs, many of them: on a shared machine some run
    /// without being interrupted, and the best of those is the processor's rate (on the 2-core
    /// development VM, loaded by other builds, the best of 5 runs of 0.1 s came out at half of
    /// it, and the best of 200 runs of 5 ms once at 55%).
    static let measured: (flopsPerSecond: Double, instructionSet: String) = measure(seconds: 0.001, repetitions: 1_000)

    /// Measures the peak: the best of `repetitions` runs of about `seconds` each.
    static func measure(seconds: Double, repetitions: Int) -> (flopsPerSecond: Double, instructionSet: String) {
        var instructionSet: UnsafePointer<CChar>?
        let flops = peak_single_precision_flops(seconds, Int32(repetitions), &instructionSet)
        return (flops, instructionSet.map { String(cString: $0) } ?? "unknown")
    }
}
