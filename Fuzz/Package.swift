// swift-tools-version:6.0
//
// libFuzzer targets for the parsers that read files people give: checkpoints (safetensors and
// their metadata, down to the agent they make) and maps (FrozenLake and grid worlds). A package
// of its own, because a fuzz target has no `main` (libFuzzer brings it): the root package's
// `swift build` and `swift test` never see these targets. Built and run by hand, as
// Fuzz/README.md says:
//
//   swift build --package-path Fuzz -c release -Xswiftc -sanitize=fuzzer,address -Xswiftc -use-ld=lld
//   Fuzz/.build/release/FuzzCheckpoint -max_total_time=600 /tmp/fuzz/checkpoint Fuzz/Corpus/checkpoint
import PackageDescription

let package = Package(
    name: "swift-rl-fuzz",
    platforms: [.macOS(.v15)],
    dependencies: [
        .package(name: "swift-rl", path: ".."),
    ],
    targets: [
        .target(name: "CFuzzerDriver"),
        .executableTarget(name: "FuzzCheckpoint", dependencies: ["CFuzzerDriver", .product(name: "RL", package: "swift-rl")]),
        .executableTarget(name: "FuzzMap", dependencies: ["CFuzzerDriver", .product(name: "RL", package: "swift-rl")]),
    ]
)
