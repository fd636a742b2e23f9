import Testing
@testable import TensorCore

/// The kernel policy's decisions for the processors it was written for, its precedence, and
/// what the loaded library reports.
@Suite("BLAS kernel policy")
struct BLASKernelPolicyTests {
    /// Intel Xeon "Emerald Rapids", which Debian's OpenBLAS 0.3.21 does not know (it runs its
    /// Prescott kernel there).
    static let emeraldRapids = ProcessorFeatures(
        isX86_64: true, vendor: "GenuineIntel", family: 6, model: 207,
        hasAVX2: true, hasFMA: true, hasAVX512: true, hasAVX512BF16: true)
    /// AMD EPYC Zen 4, the development machine (OpenBLAS picks Cooperlake there).
    static let zen4 = ProcessorFeatures(
        isX86_64: true, vendor: "AuthenticAMD", family: 25, model: 17,
        hasAVX2: true, hasFMA: true, hasAVX512: true, hasAVX512BF16: true)
    /// An Intel desktop processor with AVX2 and no AVX-512 (Alder Lake).
    static let alderLake = ProcessorFeatures(
        isX86_64: true, vendor: "GenuineIntel", family: 6, model: 151, hasAVX2: true, hasFMA: true, hasAVX512: false)
    /// An Intel processor with AVX and no AVX2 (Sandy Bridge).
    static let sandyBridge = ProcessorFeatures(
        isX86_64: true, vendor: "GenuineIntel", family: 6, model: 42, hasAVX2: false, hasFMA: false, hasAVX512: false)
    /// An arm64 machine: no x86 features at all.
    static let arm = ProcessorFeatures(isX86_64: false, vendor: "", family: 0, model: 0, hasAVX2: false, hasFMA: false, hasAVX512: false)

    static func request(_ policy: String?, coreType: String? = nil, on processor: ProcessorFeatures) throws -> BLASKernelChoice.Request {
        try BLASKernelChoice(policyVariable: policy, coreTypeVariable: coreType, processor: processor).request
    }

    @Test func fastestTakesSkylakeXOnIntelWithAVX512AndHaswellOnOtherAVX2Processors() throws {
        #expect(try Self.request("fastest", on: Self.emeraldRapids) == .kernel("SkylakeX"))
        #expect(try Self.request("fastest", on: Self.zen4) == .kernel("Haswell"))
        #expect(try Self.request("fastest", on: Self.alderLake) == .kernel("Haswell"))
    }

    @Test func reproducibleTakesHaswellOnEveryAVX2Processor() throws {
        for processor in [Self.emeraldRapids, Self.zen4, Self.alderLake] {
            #expect(try Self.request("reproducible", on: processor) == .kernel("Haswell"))
        }
    }

    @Test func processorsWithoutAVX2GetOpenBLASsOwnDetection() throws {
        for policy in ["fastest", "reproducible"] {
            #expect(try Self.request(policy, on: Self.sandyBridge) == .ownDetection)
            #expect(try Self.request(policy, on: Self.arm) == .ownDetection)
        }
        #expect(try Self.request("openblas", on: Self.zen4) == .unchanged)
    }

    @Test func precedenceIsPolicyVariableThenCoreTypeThenDefault() throws {
        let setting = try BLASKernelChoice(policyVariable: "Reproducible", coreTypeVariable: "SkylakeX", processor: Self.zen4)
        #expect(setting.source == .policy(.reproducible, isDefault: false))
        #expect(setting.request == .kernel("Haswell"))
        #expect(setting.explanation == "RL_BLAS_KERNEL=reproducible")

        let user = try BLASKernelChoice(policyVariable: nil, coreTypeVariable: "SkylakeX", processor: Self.zen4)
        #expect(user.source == .userCoreType("SkylakeX"))
        #expect(user.request == .unchanged)
        #expect(user.explanation == "OPENBLAS_CORETYPE=SkylakeX, set by the user")

        let fallback = try BLASKernelChoice(policyVariable: "", coreTypeVariable: "", processor: Self.emeraldRapids)
        #expect(fallback.source == .policy(.fastest, isDefault: true))
        #expect(fallback.request == .kernel("SkylakeX"))
        #expect(fallback.explanation == "the default policy, fastest")
    }

    @Test func anUnknownPolicyIsAClearError() {
        #expect(throws: BLASError.invalidSetting("RL_BLAS_KERNEL must be one of fastest, reproducible, openblas, got 'quick'")) {
            try BLASKernelChoice(policyVariable: "quick", coreTypeVariable: nil, processor: Self.zen4)
        }
    }

    @Test func kernelClassesAreNamedAsOpenBLASNamesThem() throws {
        func library(kernel: String) throws -> BLASLibrary {
            BLASLibrary(
                name: "OpenBLAS", version: "0.3.21", path: "", configuration: nil, kernel: kernel,
                choice: try BLASKernelChoice(policyVariable: nil, coreTypeVariable: kernel, processor: Self.zen4),
                processor: Self.zen4, threadCount: 1, wasLoadedBefore: false)
        }
        for kernel in ["Prescott", "Nehalem", "Sandybridge", "Barcelona", "Core2"] {
            #expect(try library(kernel: kernel).runsPreAVX2Kernel)
        }
        for kernel in ["Haswell", "Zen", "SkylakeX", "Cooperlake"] {
            #expect(try !library(kernel: kernel).runsPreAVX2Kernel)
        }
        #expect(try library(kernel: "Haswell").runsReproducibleKernel)
        #expect(try !library(kernel: "SkylakeX").runsReproducibleKernel)
    }

    /// What this process loaded: one thread, a kernel OpenBLAS names, and on a processor with
    /// AVX2 and FMA not a pre-AVX2 one unless the person running the tests asked for it.
    @Test func theLoadedLibraryDescribesItself() throws {
        let library = try BLAS.library()
        #expect(library.threadCount == 1)
        #if os(Linux)
        #expect(library.name == "OpenBLAS")
        #expect(library.version != nil)
        #expect(library.kernel != nil)
        #expect(!library.wasLoadedBefore)
        if library.processor.hasAVX2 && library.processor.hasFMA, case .policy = library.choice.source {
            #expect(!library.runsPreAVX2Kernel, "\(library.summary)")
            if case .kernel(let requested) = library.choice.request {
                #expect(library.kernel == requested)
            }
        }
        #endif
    }
}
