import RLCore

/// The error `step` throws for a discrete action it must refuse: the episode not started or
/// over, or an action outside `0 ..< actionCount`.
///
/// Kept out of line (not inlinable) so that the environments' inlined `step` stays small and
/// builds no string unless it fails.
@usableFromInline
func stepRefusal(environment: String, action: Int, actionCount: Int, needsReset: Bool,
                 actionNames: [String]) -> EnvironmentError {
    if needsReset {
        return .resetNeeded(environment: environment)
    }
    let names = actionNames.enumerated().map { "\($0.offset) = \($0.element)" }.joined(separator: ", ")
    return .invalidAction("\(environment): action \(action) is not in the action space Discrete(\(actionCount)) (\(names))")
}
