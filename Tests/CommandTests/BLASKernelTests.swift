import Foundation
import Testing

/// The kernel policy as a person meets it: `rl --version` reports the kernel and who chose it,
/// a user's `OPENBLAS_CORETYPE` wins over the default, and `RL_BLAS_KERNEL=reproducible` trains
/// the same run whatever kernel OpenBLAS would otherwise run (each `OPENBLAS_CORETYPE` value
/// stands for another machine's choice).
@Suite("BLAS kernel policy")
struct BLASKernelTests {
    /// The variables of the policy, all removed: what a new user has.
    static let unset: [String: String?] = ["RL_BLAS_KERNEL": nil, "OPENBLAS_CORETYPE": nil, "RL_BLAS_LIBRARY": nil]

    /// The value on the `label` line of `rl --version`.
    static func versionLine(_ label: String, environment: [String: String?]) throws -> String {
        let result = try RLProcess.run(["--version"], environment: environment)
        #expect(result.status == 0, "\(result.standardError)")
        let prefix = "  " + label + " "
        let line = try #require(result.standardOutput.split(separator: "\n").first { $0.hasPrefix(prefix) }, "\(result.standardOutput)")
        return line.dropFirst(prefix.count).trimmingCharacters(in: .whitespaces)
    }

    /// Whether Linux says this processor has AVX2 and FMA (read independently of the suite's
    /// own cpuid code).
    static var processorHasAVX2AndFMA: Bool {
        guard let cpuinfo = try? String(contentsOfFile: "/proc/cpuinfo", encoding: .utf8),
              let flags = cpuinfo.split(separator: "\n").first(where: { $0.hasPrefix("flags") }) else { return false }
        let names = Set(flags.split(separator: " ").map(String.init))
        return names.contains("avx2") && names.contains("fma")
    }

    @Test(.enabled(if: processorHasAVX2AndFMA, "needs a processor with AVX2 and FMA"))
    func theDefaultKernelIsNeverPrescottClassOnAnAVX2Processor() throws {
        let kernel = try Self.versionLine("kernel", environment: Self.unset)
        let name = String(kernel.prefix { $0 != " " })
        #expect(["Haswell", "SkylakeX"].contains(name), "\(kernel)")
        #expect(kernel.contains("(the default policy, fastest)"))
    }

    @Test func aUsersCoreTypeWinsAndIsReported() throws {
        var environment = Self.unset
        environment["OPENBLAS_CORETYPE"] = "Prescott"  // runs on every x86-64 processor
        let kernel = try Self.versionLine("kernel", environment: environment)
        #expect(kernel.hasPrefix("Prescott (OPENBLAS_CORETYPE=Prescott, set by the user)"), "\(kernel)")
    }

    @Test(.enabled(if: processorHasAVX2AndFMA, "the reproducible kernel needs AVX2 and FMA"))
    func theReproducibleSettingOverridesOpenBLASCoreTypeAndIsReported() throws {
        var environment = Self.unset
        environment["RL_BLAS_KERNEL"] = "reproducible"
        environment["OPENBLAS_CORETYPE"] = "Prescott"
        let kernel = try Self.versionLine("kernel", environment: environment)
        #expect(kernel.hasPrefix("Haswell (RL_BLAS_KERNEL=reproducible)"), "\(kernel)")
    }

    @Test func aBadPolicyOrLibraryIsOneClearLine() throws {
        let folder = try TemporaryFolder()
        var environment = Self.unset
        environment["RL_BLAS_KERNEL"] = "quickest"
        let policy = try RLProcess.run(["train", "dqn", "cartpole", "--steps", "50", "--learning-starts", "10", "--train-frequency", "1", "--quiet"],
                                       in: folder.url, environment: environment)
        #expect(policy.status == 1)
        #expect(policy.errorLines == ["rl: error: RL_BLAS_KERNEL must be one of fastest, reproducible, openblas, got 'quickest'"])

        environment = Self.unset
        environment["RL_BLAS_LIBRARY"] = folder.path("missing.so")
        let library = try RLProcess.run(["train", "dqn", "cartpole", "--steps", "50", "--learning-starts", "10", "--train-frequency", "1", "--quiet"],
                                        in: folder.url, environment: environment)
        #expect(library.status == 1)
        #expect(library.errorLines.count == 1)
        #expect(library.errorLines.first?.hasPrefix("rl: error: the BLAS library \(folder.path("missing.so")) (RL_BLAS_LIBRARY) could not be loaded") == true)
    }

    /// A short DQN run whose network is wide enough for different kernels' roundings to change
    /// the losses within its 800 steps (measured: they first differ near step 490). Returns
    /// metrics.csv without its wall-clock column.
    static func shortRun(_ environment: [String: String?], in folder: TemporaryFolder, name: String) throws -> RLProcess.Running {
        try RLProcess.start(
            ["train", "dqn", "cartpole", "--seed", "0", "--steps", "800", "--learning-starts", "200",
             "--train-frequency", "4", "--gradient-steps", "1", "--epsilon", "linear:1,0.05,800",
             "--hidden", "128,128", "--eval-episodes", "0", "--quiet", "--out", folder.path(name)],
            environment: environment)
    }

    static func metricsWithoutTimes(_ name: String, in folder: TemporaryFolder) throws -> [String] {
        try folder.text(name + "/metrics.csv").split(separator: "\n").map { row in
            row.split(separator: ",", omittingEmptySubsequences: false).dropLast().joined(separator: ",")
        }
    }

    @Test(.enabled(if: processorHasAVX2AndFMA, "the reproducible kernel needs AVX2 and FMA"))
    func theReproducibleSettingTrainsTheSameRunWhateverTheKernelVariableSays() throws {
        let folder = try TemporaryFolder()
        // Other machines' kernels: OpenBLAS's own choice here, the SSE3 kernel it falls back to
        // on processors it does not know, and the AVX kernel.
        let coreTypes: [String?] = [nil, "Prescott", "Sandybridge"]
        var runs: [(name: String, process: RLProcess.Running)] = []
        for (index, coreType) in coreTypes.enumerated() {
            var environment = Self.unset
            environment["RL_BLAS_KERNEL"] = "reproducible"
            environment["OPENBLAS_CORETYPE"] = coreType
            runs.append(("reproducible-\(index)", try Self.shortRun(environment, in: folder, name: "reproducible-\(index)")))
        }
        // The control: without the setting, the Prescott kernel trains another run, so the
        // comparison above can tell kernels apart.
        var prescott = Self.unset
        prescott["OPENBLAS_CORETYPE"] = "Prescott"
        runs.append(("prescott", try Self.shortRun(prescott, in: folder, name: "prescott")))
        for run in runs {
            let result = try run.process.finish()
            #expect(result.status == 0, "\(run.name): \(result.standardError)")
        }

        let reference = try Self.metricsWithoutTimes("reproducible-0", in: folder)
        #expect(reference.count > 20)
        #expect(reference.contains { !$0.hasSuffix(",") }, "the run must have learned (losses recorded)")
        for index in 1..<coreTypes.count {
            #expect(try Self.metricsWithoutTimes("reproducible-\(index)", in: folder) == reference,
                    "OPENBLAS_CORETYPE=\(coreTypes[index] ?? "unset")")
        }
        #expect(try Self.metricsWithoutTimes("prescott", in: folder) != reference)
    }
}
