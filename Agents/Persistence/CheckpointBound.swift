/// While an agent is made from a checkpoint, the most values one of its tables or networks may
/// hold: the number of values the checkpoint's learned tensors hold.
///
/// Everything an agent learns is in its checkpoint, so a configuration that asks for a network
/// or table larger than the file's tensors is damaged (or crafted: a 20 KB file asking for
/// hidden layers of 100,000). ``NetworkShape`` and the tabular agents check their sizes against
/// this bound before they allocate anything, so what loading a checkpoint allocates stays
/// proportional to the file's size. Outside loading there is no bound (``valueCount`` is `nil`).
///
/// An agent of your own that builds, while being made, a network or table it does not save in
/// ``Agent/parameterTensors()`` must build it after loading, or its checkpoints are refused.
public enum CheckpointBound {
    /// The values in the checkpoint being loaded, or `nil` when no checkpoint is.
    @TaskLocal public static var valueCount: Int?

    /// Checks that `what`, holding `count` values, fits the checkpoint being loaded (if any).
    ///
    /// - Throws: ``AgentError/invalidCheckpoint(_:)`` saying how large it would be and how
    ///   much the checkpoint holds.
    public static func check(_ count: Int, for what: @autoclosure () -> String) throws {
        guard let valueCount, count > valueCount else { return }
        throw AgentError.invalidCheckpoint(
            "its configuration asks for \(what()) of \(count) values (\(MemorySize.text(bytes: MemorySize.bytes(ofFloats: count)))) "
                + "but its tensors hold only \(valueCount); the checkpoint is damaged")
    }
}
