import SeededRandom

/// An n-dimensional array of `Float` in contiguous row-major storage, with reverse-mode
/// automatic differentiation.
///
/// A tensor is a value: copying one never lets a change to the copy show through the original.
/// Tensors computed from a ``Parameter`` remember how they were computed, so that
/// ``backward()`` can send gradients back to the parameters; tensors made from plain numbers do
/// not, and cost nothing extra.
///
/// ```swift
/// let x = try Tensor(shape: [2, 3], scalars: [1, 2, 3, 4, 5, 6])
/// let y = try (x * 2 + 1).sum()            // 48
/// ```
///
/// Shapes follow NumPy: rank 0 is a scalar (`shape == []`), the last axis varies fastest, and
/// element-wise operations broadcast (see ``broadcastShape(_:_:)``). Operations that can be
/// called with shapes that do not fit `throw` a ``TensorError`` that names the shapes.
public struct Tensor {
    /// The size of each axis, outermost first. `[]` for a scalar.
    public internal(set) var shape: [Int]

    /// The elements (shared between copies until one of them is written).
    var storage: TensorStorage

    /// How this value was computed, when a gradient can flow through it; `nil` for constants.
    var node: GradientNode?

    /// Creates a tensor from parts already known to agree (`storage.count` is the shape's product).
    init(uncheckedShape shape: [Int], storage: TensorStorage, node: GradientNode? = nil) {
        self.shape = shape
        self.storage = storage
        self.node = node
    }

    /// Creates a tensor from an array already known to fit the shape.
    init(uncheckedShape shape: [Int], scalars: [Float]) {
        self.init(uncheckedShape: shape, storage: scalars.withUnsafeBufferPointer(TensorStorage.create(copying:)))
    }

    /// Creates a tensor whose `count` elements `initializer` writes into uninitialized memory
    /// (every element must be written).
    @inline(__always)
    init(uncheckedShape shape: [Int], count: Int, initializingWith initializer: (UnsafeMutableBufferPointer<Float>) throws -> Void) rethrows {
        let storage = TensorStorage.create(count: count)
        try storage.withUnsafeMutableBufferPointer(initializer)
        self.init(uncheckedShape: shape, storage: storage)
    }

    /// The elements in row-major order (the last axis varies fastest), as a new array.
    ///
    /// Use ``withUnsafeScalars(_:)`` to read them without copying.
    public var scalars: [Float] {
        storage.withUnsafeBufferPointer { Array($0) }
    }

    /// Calls `body` with the elements in row-major order, without copying them.
    ///
    /// The buffer is valid only during the call.
    public func withUnsafeScalars<Result>(_ body: (UnsafeBufferPointer<Float>) throws -> Result) rethrows -> Result {
        try storage.withUnsafeBufferPointer(body)
    }

    /// Gives `body` the elements to change in place, first copying them if another tensor
    /// shares them.
    mutating func withUnsafeMutableScalars<Result>(_ body: (UnsafeMutableBufferPointer<Float>) throws -> Result) rethrows -> Result {
        if !isKnownUniquelyReferenced(&storage) { storage = storage.copy() }
        return try storage.withUnsafeMutableBufferPointer(body)
    }

    // MARK: - Creating tensors

    /// Creates a tensor of the given shape from its elements in row-major order.
    ///
    /// - Throws: ``TensorError/invalidArgument(_:)`` when a dimension is negative or
    ///   `scalars.count` is not the product of the dimensions.
    public init(shape: [Int], scalars: [Float]) throws {
        let count = try Tensor.elementCount(of: shape)
        guard count == scalars.count else {
            throw TensorError.invalidArgument(
                "shape \(describe(shape: shape)) holds \(count) elements but \(scalars.count) were given")
        }
        self.init(uncheckedShape: shape, scalars: scalars)
    }

    /// Creates a tensor of the given shape whose elements `body` writes, in row-major order,
    /// straight into the tensor's storage (no intermediate array).
    ///
    /// `body` receives uninitialized memory and must write every element.
    ///
    /// - Precondition: no dimension is negative.
    public init(shape: [Int], initializingWith body: (UnsafeMutableBufferPointer<Float>) throws -> Void) rethrows {
        try self.init(uncheckedShape: shape, count: Tensor.checkedElementCount(of: shape), initializingWith: body)
    }

    /// Creates a rank-0 tensor holding one number.
    public init(_ scalar: Float) {
        self.init(uncheckedShape: [], scalars: [scalar])
    }

    /// Creates a rank-1 tensor (a vector) from its elements.
    public init(_ vector: [Float]) {
        self.init(uncheckedShape: [vector.count], scalars: vector)
    }

    /// Creates a rank-2 tensor (a matrix) from its rows.
    ///
    /// - Throws: ``TensorError/invalidArgument(_:)`` when the rows differ in length.
    public init(_ rows: [[Float]]) throws {
        let columns = rows.first?.count ?? 0
        if let ragged = rows.firstIndex(where: { $0.count != columns }) {
            throw TensorError.invalidArgument(
                "row \(ragged) has \(rows[ragged].count) elements but row 0 has \(columns)")
        }
        self.init(uncheckedShape: [rows.count, columns], scalars: rows.flatMap { $0 })
    }

    /// A tensor of the given shape with every element equal to `value`.
    ///
    /// - Precondition: no dimension is negative.
    public init(repeating value: Float, shape: [Int]) {
        let count = Tensor.checkedElementCount(of: shape)
        self.init(uncheckedShape: shape, count: count) { $0.initialize(repeating: value) }
    }

    /// A tensor of zeros.
    public static func zeros(_ shape: [Int]) -> Tensor {
        Tensor(repeating: 0, shape: shape)
    }

    /// A tensor of ones.
    public static func ones(_ shape: [Int]) -> Tensor {
        Tensor(repeating: 1, shape: shape)
    }

    /// A tensor of independent normal draws, N(`mean`, `standardDeviation`²).
    public static func randomNormal(
        _ shape: [Int], mean: Float = 0, standardDeviation: Float = 1,
        using generator: inout some RandomNumberGenerator
    ) -> Tensor {
        Tensor(uncheckedShape: shape, count: checkedElementCount(of: shape)) { elements in
            for index in elements.indices {
                elements[index] = generator.normal(mean: mean, standardDeviation: standardDeviation)
            }
        }
    }

    /// A tensor of independent uniform draws in [`lower`, `upper`).
    public static func randomUniform(
        _ shape: [Int], lower: Float = 0, upper: Float = 1,
        using generator: inout some RandomNumberGenerator
    ) -> Tensor {
        Tensor(uncheckedShape: shape, count: checkedElementCount(of: shape)) { elements in
            for index in elements.indices {
                elements[index] = generator.uniform(lower, upper)
            }
        }
    }

    // MARK: - Properties

    /// The number of axes: 0 for a scalar, 1 for a vector, 2 for a matrix.
    public var rank: Int { shape.count }

    /// The number of elements (the product of the dimensions; 1 for a scalar).
    public var scalarCount: Int { storage.count }

    /// The single element of a one-element tensor (any rank), or `nil` when there are more.
    public var scalar: Float? {
        storage.count == 1 ? storage.withUnsafeBufferPointer { $0[0] } : nil
    }

    /// Whether gradients flow back through this tensor (it was computed from a ``Parameter``).
    public var requiresGradient: Bool { node != nil }

    /// The same values with no gradient history: a constant, as PyTorch's `detach()`.
    public func detached() -> Tensor {
        Tensor(uncheckedShape: shape, storage: storage)
    }

    /// The same values, through which no gradient flows (JAX's `stop_gradient`; the same as
    /// ``detached()``): targets, advantages and old log-probabilities in policy losses.
    public func stoppingGradient() -> Tensor {
        detached()
    }

    // MARK: - Indexing

    /// The element at the given position, one index per axis.
    ///
    /// - Precondition: one index per axis, each within its dimension (as for `Array`).
    public subscript(_ indices: Int...) -> Float {
        let offset = flatIndex(indices)
        return storage.withUnsafeBufferPointer { $0[offset] }
    }

    /// The row-major offset of a position, one index per axis.
    ///
    /// - Precondition: one index per axis, each within its dimension.
    public func flatIndex(_ indices: [Int]) -> Int {
        // Cannot fail from input: as for Array, a bad index is the caller's programming error;
        // files and options never index tensors.
        precondition(
            indices.count == rank,
            "a tensor of shape \(describe(shape: shape)) needs \(rank) indices, got \(indices.count)")
        var offset = 0
        for (axis, index) in indices.enumerated() {
            // Cannot fail from input (see above).
            precondition(
                index >= 0 && index < shape[axis],
                "index \(index) is out of range for axis \(axis) of shape \(describe(shape: shape))")
            offset = offset * shape[axis] + index
        }
        return offset
    }

    // MARK: - Shape arithmetic

    /// The product of the dimensions, or an error naming a negative one.
    static func elementCount(of shape: [Int]) throws -> Int {
        var count = 1
        for dimension in shape {
            guard dimension >= 0 else {
                throw TensorError.invalidArgument("shape \(describe(shape: shape)) has a negative dimension")
            }
            count *= dimension
        }
        return count
    }

    /// The product of the dimensions; stops the program on a negative one (a programming error).
    static func checkedElementCount(of shape: [Int]) -> Int {
        // Cannot fail from input: shapes read from files are checked by the safetensors reader.
        precondition(shape.allSatisfy { $0 >= 0 }, "shape \(describe(shape: shape)) has a negative dimension")
        return shape.reduce(1, *)
    }
}

// MARK: - Equality and printing

extension Tensor: Equatable {
    /// Two tensors are equal when their shapes and elements are; gradient history is ignored.
    public static func == (lhs: Tensor, rhs: Tensor) -> Bool {
        guard lhs.shape == rhs.shape else { return false }
        return lhs.withUnsafeScalars { left in rhs.withUnsafeScalars { right in left.elementsEqual(right) } }
    }
}

extension Tensor: CustomStringConvertible {
    /// The elements nested by axis, as NumPy prints them, followed by the shape.
    public var description: String {
        let scalars = self.scalars
        func render(axis: Int, offset: Int) -> String {
            if axis == rank { return "\(scalars[offset])" }
            let stride = shape[(axis + 1)...].reduce(1, *)
            let parts = (0..<shape[axis]).map { render(axis: axis + 1, offset: offset + $0 * stride) }
            return "[" + parts.joined(separator: ", ") + "]"
        }
        if scalarCount > 1_000 {
            return "Tensor(shape: \(describe(shape: shape)), \(scalarCount) elements)"
        }
        return "Tensor(\(render(axis: 0, offset: 0)), shape: \(describe(shape: shape)))"
    }
}
