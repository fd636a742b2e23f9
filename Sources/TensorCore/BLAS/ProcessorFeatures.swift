import CBLASLoader

/// What the processor can run: the facts the BLAS kernel policy decides on.
///
/// Read with `cpuid` on x86-64 (``current``); on other architectures every feature is `false`
/// and the vendor is empty. A feature counts only when the operating system also saves the
/// registers it uses, as OpenBLAS itself checks.
public struct ProcessorFeatures: Sendable, Equatable {
    /// Whether this is an x86-64 processor (the other fields are read only there).
    public var isX86_64: Bool
    /// The vendor: `"GenuineIntel"`, `"AuthenticAMD"`, ...
    public var vendor: String
    /// The brand string, such as `"AMD EPYC 9R14 96-Core Processor"` (some VMs show less).
    public var brand: String
    /// The family, as Linux's `/proc/cpuinfo` shows it (25 for AMD Zen 3 and Zen 4).
    public var family: Int
    /// The model within the family, as `/proc/cpuinfo` shows it (207 for Intel Emerald Rapids).
    public var model: Int
    /// AVX2, usable.
    public var hasAVX2: Bool
    /// FMA3 (fused multiply-add on 256-bit vectors), usable.
    public var hasFMA: Bool
    /// AVX-512 with the subsets OpenBLAS's SkylakeX kernels use (F, CD, BW, DQ, VL), usable.
    public var hasAVX512: Bool
    /// AVX-512 BF16 (the addition of OpenBLAS's Cooperlake kernels).
    public var hasAVX512BF16: Bool

    /// Describes a processor (for tests of the policy, and for `current`).
    public init(
        isX86_64: Bool, vendor: String, brand: String = "", family: Int, model: Int,
        hasAVX2: Bool, hasFMA: Bool, hasAVX512: Bool, hasAVX512BF16: Bool = false
    ) {
        self.isX86_64 = isX86_64
        self.vendor = vendor
        self.brand = brand
        self.family = family
        self.model = model
        self.hasAVX2 = hasAVX2
        self.hasFMA = hasFMA
        self.hasAVX512 = hasAVX512
        self.hasAVX512BF16 = hasAVX512BF16
    }

    /// The processor this program runs on.
    public static let current: ProcessorFeatures = {
        var features = processor_features_read()
        let vendor = withUnsafeBytes(of: &features.vendor) { String(decoding: $0.prefix { $0 != 0 }, as: UTF8.self) }
        let brand = withUnsafeBytes(of: &features.brand) { String(decoding: $0.prefix { $0 != 0 }, as: UTF8.self) }
        return ProcessorFeatures(
            isX86_64: features.is_x86_64, vendor: vendor,
            brand: brand.split(separator: " ", omittingEmptySubsequences: true).joined(separator: " "),
            family: Int(features.family), model: Int(features.model),
            hasAVX2: features.avx2, hasFMA: features.fma, hasAVX512: features.avx512,
            hasAVX512BF16: features.avx512_bf16)
    }()

    /// Whether this is an Intel processor.
    public var isIntel: Bool { vendor == "GenuineIntel" }

    /// One line for people: `AMD EPYC (AuthenticAMD family 25 model 17): AVX2 FMA AVX-512 AVX512-BF16`.
    public var summary: String {
        guard isX86_64 else { return "not x86-64" }
        let features = [(hasAVX2, "AVX2"), (hasFMA, "FMA"), (hasAVX512, "AVX-512"), (hasAVX512BF16, "AVX512-BF16")]
            .filter(\.0).map(\.1)
        let name = (brand.isEmpty ? "" : brand + " ") + "(\(vendor) family \(family) model \(model))"
        return name + ": " + (features.isEmpty ? "no AVX2" : features.joined(separator: " "))
    }
}
