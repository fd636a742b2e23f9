/// A result the example refuses: an environment that breaks the contract, an agent that did
/// not learn, a checkpoint that does not reload the same. The example prints it and exits
/// with status 1, so CI fails.
struct ExampleFailure: Error, CustomStringConvertible {
    /// What went wrong, in one line.
    let description: String

    init(_ description: String) {
        self.description = description
    }
}
