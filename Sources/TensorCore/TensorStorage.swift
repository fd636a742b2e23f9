import FloatingPointMode

/// The heap memory behind a tensor's elements: one allocation holding the element count and
/// the `Float`s themselves.
///
/// Why not `[Float]`: creating an array looks its storage type up in the runtime's generic
/// metadata cache on every allocation, which cost more than the matrix-vector products of a
/// small network's forward pass. A non-generic final class has its metadata resolved once.
///
/// Storage is shared between tensor values; a tensor copies it before writing when another
/// value still refers to it (copy on write), so tensors keep value semantics.
final class TensorStorage: ManagedBuffer<Int, Float> {
    /// Storage for `count` elements, uninitialized: the caller writes every element before any
    /// is read.
    static func create(count: Int) -> TensorStorage {
        _ = MemoryPolicy.applied
        // Every operation allocates its result here first: the one place that sees every
        // thread the tensor core computes on, before it computes.
        DenormalMode.applyPolicy()
        let buffer = create(minimumCapacity: count) { _ in count }
        return unsafeDowncast(buffer, to: TensorStorage.self)
    }

    /// Storage holding a copy of `elements`.
    static func create(copying elements: UnsafeBufferPointer<Float>) -> TensorStorage {
        let storage = create(count: elements.count)
        storage.withUnsafeMutablePointerToElements { target in
            if let source = elements.baseAddress { target.initialize(from: source, count: elements.count) }
        }
        return storage
    }

    /// The number of elements.
    var count: Int { header }

    /// A new storage with the same elements.
    func copy() -> TensorStorage {
        withUnsafeBufferPointer { TensorStorage.create(copying: $0) }
    }

    /// Reads the elements.
    @inline(__always)
    func withUnsafeBufferPointer<Result>(_ body: (UnsafeBufferPointer<Float>) throws -> Result) rethrows -> Result {
        try withUnsafeMutablePointerToElements { try body(UnsafeBufferPointer(start: $0, count: header)) }
    }

    /// Writes the elements in place; the caller has made sure no other tensor shares this storage.
    @inline(__always)
    func withUnsafeMutableBufferPointer<Result>(_ body: (UnsafeMutableBufferPointer<Float>) throws -> Result) rethrows -> Result {
        try withUnsafeMutablePointerToElements { try body(UnsafeMutableBufferPointer(start: $0, count: header)) }
    }
}
