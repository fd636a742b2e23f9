// swift-tools-version:6.1
//
// Speed measurements, kept out of the main package so that `swift test` never times anything.
// Run from this folder:  swift package benchmark   (add --target NAME for one suite)
import PackageDescription

let package = Package(
    name: "swift-rl-benchmarks",
    platforms: [.macOS(.v15)],
    dependencies: [
        .package(name: "swift-rl", path: ".."),
        .package(url: "https://github.com/ordo-one/benchmark", from: "1.38.1", traits: ["MallocInterposer"]),
    ],
    targets: [
        // The single-core peak the training steps' GFLOP/s are compared with (a C loop of
        // fused multiply-adds, compiled for AVX2 and AVX-512 through function attributes).
        .target(name: "PeakFloatingPoint", path: "Benchmarks/PeakFloatingPoint"),
        .executableTarget(
            name: "TrainingStepBenchmarks",
            dependencies: [
                "PeakFloatingPoint",
                .product(name: "RL", package: "swift-rl"),
                .product(name: "Benchmark", package: "benchmark"),
            ],
            path: "Benchmarks/TrainingStepBenchmarks",
            plugins: [.plugin(name: "BenchmarkPlugin", package: "benchmark")]
        ),
        .executableTarget(
            name: "TensorCoreBenchmarks",
            dependencies: [
                .product(name: "RL", package: "swift-rl"),
                .product(name: "Benchmark", package: "benchmark"),
            ],
            path: "Benchmarks/TensorCoreBenchmarks",
            plugins: [.plugin(name: "BenchmarkPlugin", package: "benchmark")]
        ),
        .executableTarget(
            name: "EnvironmentBenchmarks",
            dependencies: [
                .product(name: "RL", package: "swift-rl"),
                .product(name: "Benchmark", package: "benchmark"),
            ],
            path: "Benchmarks/EnvironmentBenchmarks",
            plugins: [.plugin(name: "BenchmarkPlugin", package: "benchmark")]
        ),
        .executableTarget(
            name: "VectorBenchmarks",
            dependencies: [
                .product(name: "RL", package: "swift-rl"),
                .product(name: "Benchmark", package: "benchmark"),
            ],
            path: "Benchmarks/VectorBenchmarks",
            plugins: [.plugin(name: "BenchmarkPlugin", package: "benchmark")]
        ),
    ]
)
