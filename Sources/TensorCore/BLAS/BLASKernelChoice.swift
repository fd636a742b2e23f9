/// The kernel the tensor core asks OpenBLAS for, and why: the outcome of the precedence
/// `RL_BLAS_KERNEL` > `OPENBLAS_CORETYPE` > the default policy (see ``BLASKernelPolicy``).
public struct BLASKernelChoice: Sendable, Equatable {
    /// Who decided.
    public enum Source: Sendable, Equatable {
        /// A policy: named in `RL_BLAS_KERNEL` (`isDefault` false), or the default.
        case policy(BLASKernelPolicy, isDefault: Bool)
        /// The user's `OPENBLAS_CORETYPE`, holding this kernel name.
        case userCoreType(String)
    }

    /// What OpenBLAS is told while it loads.
    public enum Request: Sendable, Equatable {
        /// `OPENBLAS_CORETYPE` set to this kernel name.
        case kernel(String)
        /// `OPENBLAS_CORETYPE` removed: OpenBLAS detects the processor itself.
        case ownDetection
        /// `OPENBLAS_CORETYPE` left as the user has it (set or not).
        case unchanged
    }

    /// Who decided.
    public let source: Source
    /// What OpenBLAS is told.
    public let request: Request

    /// Decides from the two environment variables' values (`nil` or empty: unset) and the
    /// processor.
    ///
    /// - Throws: ``BLASError/invalidSetting(_:)`` when `policyVariable` names no policy.
    public init(policyVariable: String?, coreTypeVariable: String?, processor: ProcessorFeatures) throws {
        if let value = policyVariable, !value.isEmpty {
            self = .following(try BLASKernelPolicy(settingValue: value), isDefault: false, on: processor)
        } else if let kernel = coreTypeVariable, !kernel.isEmpty {
            self.init(source: .userCoreType(kernel), request: .unchanged)
        } else {
            self = .following(BLASKernelPolicy.defaultPolicy, isDefault: true, on: processor)
        }
    }

    private init(source: Source, request: Request) {
        self.source = source
        self.request = request
    }

    /// What `policy` asks for on `processor`.
    private static func following(_ policy: BLASKernelPolicy, isDefault: Bool, on processor: ProcessorFeatures) -> BLASKernelChoice {
        let request: Request
        if policy == .openBLAS {
            request = .unchanged
        } else if let kernel = policy.kernel(for: processor) {
            request = .kernel(kernel)
        } else {
            request = .ownDetection
        }
        return BLASKernelChoice(source: .policy(policy, isDefault: isDefault), request: request)
    }

    /// The choice as of this process's environment and processor.
    static func fromEnvironment(_ environment: [String: String], processor: ProcessorFeatures) throws -> BLASKernelChoice {
        try BLASKernelChoice(
            policyVariable: environment[BLASKernelPolicy.environmentVariable],
            coreTypeVariable: environment["OPENBLAS_CORETYPE"], processor: processor)
    }

    /// Who decided, for people: `the default policy, fastest`, `RL_BLAS_KERNEL=reproducible`,
    /// `OPENBLAS_CORETYPE=SkylakeX, set by the user`.
    public var explanation: String {
        switch source {
        case .policy(let policy, isDefault: true): "the default policy, \(policy.rawValue)"
        case .policy(let policy, isDefault: false): "\(BLASKernelPolicy.environmentVariable)=\(policy.rawValue)"
        case .userCoreType(let kernel): "OPENBLAS_CORETYPE=\(kernel), set by the user"
        }
    }
}
