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
        /// A vector of the environment has buffers of the wrong size or layout, or could not
        /// be made.
        case vectorShape
        /// A vector reset with seed `s` does not start copy `i` as a single environment reset
        /// with `s + i` (or, reset with `nil` afterwards, as one continuing its stream).
        case vectorSeeding
        /// A vector's steps, autoreset or episode records differ from single environments
        /// given the same actions under the autoreset rule: typically copies that share state
        /// (one random generator, one instance handed out several times, global variables).
        case vectorAutoreset
        /// A vector split across threads gives different results than on one thread.
        case vectorThreading
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

    /// Adds a problem of `kind`, unless one of that kind was found already.
    mutating func add(_ kind: EnvironmentProblem.Kind, _ message: @autoclosure () -> String) {
        guard !kinds.contains(kind) else { return }
        problems.append(EnvironmentProblem(kind, message()))
    }

    /// Adds a note, unless it is there already.
    mutating func note(_ message: String) {
        if !notes.contains(message) { notes.append(message) }
    }

    public var description: String {
        if problems.isEmpty && notes.isEmpty { return "no problems found" }
        return (problems.map(\.description) + notes.map { "note: \($0)" }).joined(separator: "\n")
    }
}
