/// One way an environment breaks the ``Environment`` contract, found by ``EnvironmentChecker``.
public struct EnvironmentProblem: Equatable, Sendable, CustomStringConvertible {
    /// What kind of break it is.
    public enum Kind: String, CaseIterable, Sendable {
        /// Making the environment failed (the factory threw).
        case creationFailed
        /// A space is inconsistent: a sample it does not contain, a bad element numbering, an
        /// empty flattening.
        case invalidSpace
        /// `reset` or `step` returned an observation outside the observation space.
        case observationOutsideSpace
        /// `step` returned a reward that is NaN or infinite.
        case invalidReward
        /// `reset(seed:)` with the same seed gave different first observations.
        case nondeterministicReset
        /// The same seed and the same actions gave different steps.
        case nondeterministicStep
        /// `step` before the first `reset` did not throw.
        case stepBeforeResetAccepted
        /// `step` after the episode ended (terminated or truncated) did not throw.
        case stepAfterEndAccepted
        /// `step` with an action outside the action space did not throw.
        case invalidActionAccepted
        /// `step` threw, as it should, but not the ``EnvironmentError`` the contract names.
        case wrongError
        /// `step` threw for an action in the action space during an episode.
        case validActionRejected
    }

    /// What kind of break it is.
    public var kind: Kind
    /// What happened, in one line.
    public var message: String

    public init(_ kind: Kind, _ message: String) {
        self.kind = kind
        self.message = message
    }

    public var description: String { "\(kind.rawValue): \(message)" }
}

/// What ``EnvironmentChecker`` found about one environment.
public struct EnvironmentCheckReport: Sendable, CustomStringConvertible {
    /// The contract breaks, at most one per kind (the first found).
    public var problems: [EnvironmentProblem] = []
    /// Checks that could not run and why (for example, no episode ended within the step
    /// budget, so stepping after the end was not tried).
    public var notes: [String] = []

    public init(problems: [EnvironmentProblem] = [], notes: [String] = []) {
        self.problems = problems
        self.notes = notes
    }

    /// Whether no problem was found.
    public var passed: Bool { problems.isEmpty }

    /// The kinds of the problems found.
    public var kinds: Set<EnvironmentProblem.Kind> { Set(problems.map(\.kind)) }

    public var description: String {
        if problems.isEmpty && notes.isEmpty { return "no problems found" }
        return (problems.map(\.description) + notes.map { "note: \($0)" }).joined(separator: "\n")
    }
}
