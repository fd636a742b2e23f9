// swift-tools-version:6.0
//
// The package's targets, bottom to top (dependencies point one way):
//
//   COpenBLAS, CSDL2          system libraries (OpenBLAS's cblas.h, SDL2's SDL.h)
//   CTensorSupport            what the tensor core needs from C (mallopt, a vector square root)
//   SeededRandom              the seeded generator everything random draws from
//   TensorCore                tensors, autodiff, layers, losses, optimizers, safetensors
//   RLCore                    spaces, the environment protocol, wrappers, registry, checker
//   RLEnvironments            FrozenLake, CartPole, CliffWalking, GridWorld   (Environments/)
//   RLAgents                  Random, Q-table, Q-network, DQN, REINFORCE     (Agents/)
//   RL                        the umbrella a library user imports (no SDL)
//   RLViewer                  the SDL window (used by `rl`, not by `RL`)
//   RLTensorBoard             TensorBoard event files and the callback that writes them
//                             (its own product, so `RL` users do not link swift-protobuf)
//   rl                        the command-line tool
import PackageDescription

let package = Package(
    name: "swift-rl",
    platforms: [.macOS(.v15)],
    products: [
        .library(name: "RL", targets: ["RL"]),
        .library(name: "RLViewer", targets: ["RLViewer"]),
        .library(name: "RLTensorBoard", targets: ["RLTensorBoard"]),
        .executable(name: "rl", targets: ["rl"]),
    ],
    dependencies: [
        .package(url: "https://github.com/apple/swift-argument-parser", from: "1.8.2"),
        .package(url: "https://github.com/apple/swift-protobuf", from: "1.39.0"),
    ],
    targets: [
        // MARK: - System libraries
        .systemLibrary(
            name: "COpenBLAS",
            pkgConfig: "openblas",
            providers: [.apt(["libopenblas-dev"]), .brew(["openblas"])]
        ),
        .systemLibrary(name: "CTensorSupport"),
        .systemLibrary(
            name: "CSDL2",
            pkgConfig: "sdl2",
            providers: [.apt(["libsdl2-dev"]), .brew(["sdl2"])]
        ),

        // MARK: - Libraries
        .target(name: "SeededRandom"),
        .target(name: "TensorCore", dependencies: ["COpenBLAS", "CTensorSupport", "SeededRandom"]),
        .target(name: "RLCore", dependencies: ["SeededRandom"]),
        .target(name: "RLEnvironments", dependencies: ["RLCore"], path: "Environments"),
        .target(name: "RLAgents", dependencies: ["RLCore", "TensorCore"], path: "Agents"),
        .target(name: "RL", dependencies: ["SeededRandom", "TensorCore", "RLCore", "RLEnvironments", "RLAgents"]),
        .target(name: "RLViewer", dependencies: ["RLCore", "CSDL2"]),
        // The .proto files and their generator script stay beside the committed generated code.
        .target(
            name: "RLTensorBoard",
            dependencies: ["RLAgents", .product(name: "SwiftProtobuf", package: "swift-protobuf")],
            exclude: ["Protobuf/proto"]
        ),

        // MARK: - The command
        .executableTarget(
            name: "rl",
            dependencies: [
                "RL", "RLViewer", "RLTensorBoard",
                .product(name: "ArgumentParser", package: "swift-argument-parser"),
            ]
        ),

        // MARK: - Tests
        .testTarget(name: "SeededRandomTests", dependencies: ["SeededRandom"]),
        .testTarget(name: "TensorCoreTests", dependencies: ["TensorCore"]),
        .testTarget(name: "RLCoreTests", dependencies: ["RLCore"]),
        .testTarget(name: "EnvironmentTests", dependencies: ["RLEnvironments"]),
        .testTarget(name: "AgentTests", dependencies: ["RL"]),
        .testTarget(name: "ViewerTests", dependencies: ["RLViewer", "RLEnvironments"]),
        .testTarget(name: "TensorBoardTests", dependencies: ["RLTensorBoard", "RL"]),
        .testTarget(name: "CommandTests", dependencies: ["rl", "RL", "RLTensorBoard"]),
    ]
)
