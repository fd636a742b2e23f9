import CTensorSupport

/// How the tensor core asks the C allocator to treat its buffers, applied once before the
/// first tensor is allocated.
///
/// A training step frees and reallocates the same large buffers (activations, gradients) every
/// iteration. With glibc's default adaptive thresholds, buffers of a few hundred kilobytes are
/// handed back to the kernel when freed and page-faulted in again when reallocated: about a
/// fifth of a DQN step on a 256-wide network went to page faults (measured with `perf`). On
/// glibc, this policy keeps freed memory up to 64 MB for reuse and serves buffers below 16 MB
/// from the heap instead of fresh mappings. Larger buffers (a replay buffer) are still mapped
/// and unmapped on their own. Other C libraries are left alone.
///
/// The settings are process-wide: a program embedding the suite keeps up to 64 MB of freed
/// heap that glibc would otherwise have returned.
enum MemoryPolicy {
    /// Applies the policy the first time it is read.
    static let applied: Void = {
        #if os(Linux)
        mallopt(M_MMAP_THRESHOLD, 16 << 20)
        mallopt(M_TRIM_THRESHOLD, 64 << 20)
        #endif
    }()
}
