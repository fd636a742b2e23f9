// swift-tools-version:6.0
//
// A package of your own that uses swift-rl as a library: it defines two environments, checks
// them, registers them, and trains the suite's agents on them.
//
//   swift run -c release CustomEnvironment     the full example (Sources/CustomEnvironment)
//   swift run -c release ReadmeExample         the README's example, word for word
//
// This example depends on the repository it lives in by path. Your package names it by URL:
//
//   .package(url: "https://github.com/OWNER/swift-rl", branch: "main"),
//
// The `name:` keeps the package's name `swift-rl` whatever the folder is called, so the
// products below find it in any checkout.
import PackageDescription

let package = Package(
    name: "CustomEnvironment",
    platforms: [.macOS(.v15)],
    dependencies: [
        .package(name: "swift-rl", path: "../.."),
    ],
    targets: [
        .executableTarget(
            name: "CustomEnvironment",
            dependencies: [.product(name: "RL", package: "swift-rl")]
        ),
        .executableTarget(
            name: "ReadmeExample",
            dependencies: [.product(name: "RL", package: "swift-rl")]
        ),
    ]
)
