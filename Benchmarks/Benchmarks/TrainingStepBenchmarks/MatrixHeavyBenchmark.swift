import Benchmark
import RL

/// A unit of training work to measure: made before the measurement starts, run once per
/// iteration.
struct TrainingWorkload {
    /// The floating-point operations of its matrix products per run (see
    /// ``MultilayerPerceptronWork``).
    let flops: Double
    /// One run: a training step, an update.
    let run: () throws -> Void
}

/// The figures printed beside the wall clock of matrix-heavy benchmarks.
enum MatrixMetrics {
    /// The rate the matrix products reached, in GFLOP/s (10⁹ floating-point operations a second).
    static let gigaflops = BenchmarkMetric.custom("GFLOP/s", polarity: .prefersLarger, useScalingFactor: false)
    /// That rate as a percentage of the processor's measured single-core peak (``ProcessorPeak``).
    static let percentOfPeak = BenchmarkMetric.custom("% of peak", polarity: .prefersLarger, useScalingFactor: false)
}

/// Registers a benchmark of `make`'s workload: wall clock and allocations per run, and beside
/// them the GFLOP/s its matrix products reached and their share of the processor's peak.
///
/// Each iteration is timed on its own (two clock reads, tens of nanoseconds, against runs of
/// hundreds of microseconds) so that the GFLOP/s figures have percentiles like the wall clock.
func matrixHeavyBenchmark(_ name: String, make: @escaping () throws -> TrainingWorkload) {
    Benchmark(
        name,
        configuration: .init(
            metrics: [.wallClock, .mallocCountTotal, MatrixMetrics.gigaflops, MatrixMetrics.percentOfPeak],
            timeUnits: .microseconds, maxDuration: .seconds(5), maxIterations: 1_000_000)
    ) { benchmark in
        let workload = try make()
        let peak = ProcessorPeak.measured.flopsPerSecond
        benchmark.startMeasurement()
        for _ in benchmark.scaledIterations {
            let start = ContinuousClock.now
            try workload.run()
            let elapsed = ContinuousClock.now - start
            let seconds = Double(elapsed.components.seconds) + Double(elapsed.components.attoseconds) * 1e-18
            let rate = workload.flops / seconds
            benchmark.measurement(MatrixMetrics.gigaflops, Int((rate / 1e9).rounded()))
            benchmark.measurement(MatrixMetrics.percentOfPeak, Int((100 * rate / peak).rounded()))
        }
    }
}

/// Registers the peak itself as a benchmark, so that it is printed with the others (each
/// iteration is the best of 100 runs of 1 ms of the FMA loop), and names in it the BLAS kernel
/// the other benchmarks run on.
func processorPeakBenchmark() {
    let kernel = (try? BLAS.library()).map { "\($0.name) kernel \($0.kernel ?? "unknown")" } ?? "no BLAS library"
    Benchmark(
        "Processor peak, one core (FMA loop, \(ProcessorPeak.measured.instructionSet), single precision); \(kernel)",
        configuration: .init(metrics: [MatrixMetrics.gigaflops], maxDuration: .seconds(2), maxIterations: 10)
    ) { benchmark in
        for _ in benchmark.scaledIterations {
            let rate = ProcessorPeak.measure(seconds: 0.001, repetitions: 100).flopsPerSecond
            benchmark.measurement(MatrixMetrics.gigaflops, Int((rate / 1e9).rounded()))
        }
    }
}
