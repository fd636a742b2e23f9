// swift-tools-version:6.0
//
// The package's targets, bottom to top (dependencies point one way):
//
//   CSDL2                     system library (SDL2's SDL.h)
//   CGIFLib, CPNG             system libraries (giflib, libpng) the viewer records with
//   CBLASLoader               OpenBLAS loaded with dlopen after choosing its kernel; cpuid
//   CTensorSupport            what the tensor core needs from C (mallopt, a vector square root)
//   CNumberFormatting         printf's %.6g and %.3f without a va_list, for metrics rows
//   CFloatingPointMode        the thread's flush-to-zero bits (MXCSR, FPCR)
//   FloatingPointMode         DenormalMode: subnormals flushed on every thread that computes
//   SeededRandom              the seeded generator everything random draws from
//   TensorCore                tensors, autodiff, layers, losses, optimizers, safetensors
//   RLCore                    spaces, the environment protocol, wrappers, registry, checker
//   RLEnvironments            classic control, toy text, grid worlds         (Environments/)
//   RLAgents                  tabular, DQN, REINFORCE, SAC, TD3, ...         (Agents/)
//   RL                        the umbrella a library user imports (no SDL)
//   RLViewer                  the SDL window, GIF and PNG recording (used by `rl`, not by `RL`)
//   RLTensorBoard             TensorBoard event files and the callback that writes them
//                             (its own product, so `RL` users do not link swift-protobuf)
//   RLCInterface              the environments for other languages: a C interface in a shared
//                             library (no OpenBLAS, no SDL), which the Python package loads
//   rl                        the command-line tool
import PackageDescription

let package = Package(
    name: "swift-rl",
    platforms: [.macOS(.v15)],
    products: [
        .library(name: "RL", targets: ["RL"]),
        .library(name: "RLViewer", targets: ["RLViewer"]),
        .library(name: "RLTensorBoard", targets: ["RLTensorBoard"]),
        // Built with the Swift runtime linked in for Python/: see Python/build_library.sh.
        .library(name: "RLCInterface", type: .dynamic, targets: ["RLCInterface"]),
        .executable(name: "rl", targets: ["rl"]),
    ],
    dependencies: [
        .package(url: "https://github.com/apple/swift-argument-parser", from: "1.8.2"),
        .package(url: "https://github.com/jpsim/Yams", from: "6.2.2"),
        .package(url: "https://github.com/apple/swift-protobuf", from: "1.39.0"),
    ],
    targets: [
        // MARK: - System libraries
        .systemLibrary(name: "CTensorSupport"),
        .systemLibrary(name: "CNumberFormatting"),
        .systemLibrary(name: "CFloatingPointMode"),
        .systemLibrary(
            name: "CSDL2",
            pkgConfig: "sdl2",
            providers: [.apt(["libsdl2-dev"]), .brew(["sdl2"])]
        ),
        // giflib and libpng, for `rl watch --record FILE.gif` and PNG frames. The module maps
        // name the libraries too, for systems whose giflib has no pkg-config file.
        .systemLibrary(name: "CGIFLib", pkgConfig: "libgif", providers: [.apt(["libgif-dev"]), .brew(["giflib"])]),
        .systemLibrary(name: "CPNG", pkgConfig: "libpng", providers: [.apt(["libpng-dev"]), .brew(["libpng"])]),

        // MARK: - C code of our own
        // OpenBLAS is not linked: it is loaded at the first matrix product, after the kernel
        // policy has set OPENBLAS_CORETYPE (cblas.h from libopenblas-dev gives the declarations;
        // Apple platforms use Accelerate).
        .target(
            name: "CBLASLoader",
            linkerSettings: [
                .linkedLibrary("dl", .when(platforms: [.linux])),
                .linkedFramework("Accelerate", .when(platforms: [.macOS])),
            ]
        ),

        // MARK: - Libraries
        .target(name: "FloatingPointMode", dependencies: ["CFloatingPointMode"]),
        .target(name: "SeededRandom"),
        .target(name: "TensorCore", dependencies: ["CBLASLoader", "CTensorSupport", "FloatingPointMode", "SeededRandom"]),
        .target(name: "RLCore", dependencies: ["FloatingPointMode", "SeededRandom"]),
        .target(name: "RLEnvironments", dependencies: ["RLCore"], path: "Environments"),
        .target(name: "RLAgents", dependencies: ["CNumberFormatting", "FloatingPointMode", "RLCore", "TensorCore"], path: "Agents"),
        .target(name: "RL", dependencies: ["FloatingPointMode", "SeededRandom", "TensorCore", "RLCore", "RLEnvironments", "RLAgents"]),
        .target(name: "RLViewer", dependencies: ["RLCore", "CSDL2", "CGIFLib", "CPNG"]),
        // The .proto files and their generator script stay beside the committed generated code.
        .target(
            name: "RLTensorBoard",
            dependencies: ["RLAgents", .product(name: "SwiftProtobuf", package: "swift-protobuf")],
            exclude: ["Protobuf/proto"]
        ),

        // The C interface: environments only (no tensor core), so the library links neither
        // OpenBLAS nor SDL. include/swiftrl.h declares it for C callers.
        .target(name: "RLCInterface", dependencies: ["FloatingPointMode", "RLCore", "RLEnvironments"], exclude: ["include"]),

        // MARK: - The command
        .executableTarget(
            name: "rl",
            dependencies: [
                "RL", "RLViewer", "RLTensorBoard",
                .product(name: "ArgumentParser", package: "swift-argument-parser"),
                .product(name: "Yams", package: "Yams"),
            ]
        ),

        // MARK: - Tests
        .testTarget(name: "SeededRandomTests", dependencies: ["SeededRandom"]),
        .testTarget(name: "FloatingPointModeTests", dependencies: ["RL"]),
        .testTarget(name: "TensorCoreTests", dependencies: ["TensorCore"]),
        .testTarget(name: "RLCoreTests", dependencies: ["RLCore"]),
        .testTarget(name: "EnvironmentTests", dependencies: ["RLEnvironments"]),
        .testTarget(name: "AgentTests", dependencies: ["RL"]),
        .testTarget(name: "ViewerTests", dependencies: ["RLViewer", "RLEnvironments", "CGIFLib", "CPNG"]),
        .testTarget(name: "TensorBoardTests", dependencies: ["RLTensorBoard", "RL"]),
        .testTarget(name: "CommandTests", dependencies: ["rl", "RL", "RLTensorBoard", "CGIFLib"]),
    ]
)
