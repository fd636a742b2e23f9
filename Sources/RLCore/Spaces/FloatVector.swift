/// A vector of `Float`: the element type of a ``Box``.
///
/// Fixed-size SIMD vectors (`SIMD2<Float>` ... `SIMD16<Float>`) live on the stack, so an
/// environment returning one allocates nothing per step (CartPole returns `SIMD4<Float>`);
/// `Float` itself is a vector of one scalar (`Box<Float>`: Pendulum's torque); `[Float]`
/// serves any length.
public protocol FloatVector: Sendable, Equatable {
    /// The number of scalars every vector of this type has, or `nil` when it varies (`[Float]`).
    static var fixedScalarCount: Int? { get }

    /// The number of scalars.
    var scalarCount: Int { get }

    /// The scalar at `index`, 0..<``scalarCount``.
    subscript(index: Int) -> Float { get set }

    /// Creates a vector of `count` scalars, the `index`-th being `scalar(index)`.
    ///
    /// - Precondition: `count` equals ``fixedScalarCount`` when that is not `nil`.
    init(count: Int, scalar: (Int) -> Float)
}

extension Array: FloatVector where Element == Float {
    public static var fixedScalarCount: Int? { nil }
    public var scalarCount: Int { count }
    public init(count: Int, scalar: (Int) -> Float) {
        self = (0..<count).map(scalar)
    }
}

extension Float: FloatVector {
    public static var fixedScalarCount: Int? { 1 }
    public var scalarCount: Int { 1 }

    /// The number itself; `index` must be 0.
    public subscript(index: Int) -> Float {
        get { self }
        set { self = newValue }
    }

    /// The number `scalar(0)`; `count` must be 1.
    public init(count: Int, scalar: (Int) -> Float) {
        // Cannot fail from input: `unflatten` checks the count before building a vector.
        precondition(count == 1, "Float holds 1 scalar, not \(count)")
        self = scalar(0)
    }
}

/// The shared conformance of the SIMD vector types.
public protocol SIMDFloatVector: FloatVector, SIMD where Scalar == Float {}

extension SIMDFloatVector {
    public static var fixedScalarCount: Int? { Self.scalarCount }
    public init(count: Int, scalar: (Int) -> Float) {
        // Cannot fail from input: `unflatten` checks the count before building a vector.
        precondition(count == Self.scalarCount, "\(Self.self) holds \(Self.scalarCount) scalars, not \(count)")
        self.init()
        for index in 0..<count { self[index] = scalar(index) }
    }
}

extension SIMD2: FloatVector, SIMDFloatVector where Scalar == Float {}
extension SIMD3: FloatVector, SIMDFloatVector where Scalar == Float {}
extension SIMD4: FloatVector, SIMDFloatVector where Scalar == Float {}
extension SIMD8: FloatVector, SIMDFloatVector where Scalar == Float {}
extension SIMD16: FloatVector, SIMDFloatVector where Scalar == Float {}
