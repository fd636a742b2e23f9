import CFloatingPointMode
import Synchronization

/// How the processor treats subnormal ("denormal") floats on the calling thread: flushed to
/// zero, or kept as IEEE 754 says.
///
/// Subnormals are the floats below `Float.leastNormalMagnitude` (about 1.2e-38). Training
/// produces them: Adam's moments and small gradients decay towards zero through that range.
/// Intel processors handle them in a microcode path many times slower than normal arithmetic;
/// measured on an Intel Xeon (Emerald Rapids), `rl train dqn cartpole --seed 0` took 3.46 s with
/// them and 1.37 s with them flushed, training the same run. Flushing changes only values that
/// are within 1.2e-38 of zero, so it makes no difference a network can learn from.
///
/// **The suite's policy: flushed, on every thread that computes, on every machine.** Flushing
/// is a setting of each thread's floating-point unit (x86-64: the FTZ and DAZ bits of MXCSR,
/// `0x8040`; arm64: FPCR's FZ bit), so it is applied where the work runs: the tensor core calls
/// ``applyPolicy()`` whenever it allocates a tensor and before every optimizer step, training
/// loops call it when they start, and worker threads (a vector environment's) call it before
/// their first step. The same setting everywhere keeps runs comparable between machines.
///
/// The setting stays on the thread afterwards, so other code running there also sees subnormals
/// flushed. A program that needs IEEE 754's gradual underflow sets ``isAutomatic`` to `false`
/// and calls ``keepSubnormals()`` on its threads.
public enum DenormalMode {
    /// Whether this processor has a flush-to-zero setting (x86-64 and arm64 do).
    public static var isSupported: Bool { floating_point_can_flush_to_zero() }

    /// Whether subnormal floats are flushed to zero on the calling thread, inputs and results.
    ///
    /// Always `false` where ``isSupported`` is `false`.
    public static var isFlushingToZero: Bool { floating_point_is_flushing_to_zero() }

    /// Flushes subnormal inputs and results to zero on the calling thread (x86-64: sets MXCSR's
    /// FTZ and DAZ bits; arm64: FPCR's FZ bit). Does nothing where ``isSupported`` is `false`.
    public static func flushToZero() {
        floating_point_set_flushing_to_zero(true)
    }

    /// Keeps subnormal floats on the calling thread, as IEEE 754 says (clears the bits that
    /// ``flushToZero()`` sets). The suite sets them again on its next tensor operation unless
    /// ``isAutomatic`` is `false`.
    public static func keepSubnormals() {
        floating_point_set_flushing_to_zero(false)
    }

    /// Whether the suite flushes subnormals on the threads it computes on (``applyPolicy()``):
    /// `true` by default. Process-wide; safe to change from any thread.
    public static var isAutomatic: Bool {
        get { automatic.load(ordering: .relaxed) }
        set { automatic.store(newValue, ordering: .relaxed) }
    }

    /// Applies the suite's policy to the calling thread: flushes subnormals when ``isAutomatic``
    /// is `true`, and leaves the thread alone otherwise.
    ///
    /// Cheap enough to call before every piece of work (a read of a control register, and a
    /// write only when the bits are not set yet): the tensor core calls it for every tensor it
    /// allocates. Call it at the start of any thread that runs environment or tensor math.
    @inline(__always)
    public static func applyPolicy() {
        if automatic.load(ordering: .relaxed) { floating_point_set_flushing_to_zero(true) }
    }

    private static let automatic = Atomic<Bool>(true)
}
