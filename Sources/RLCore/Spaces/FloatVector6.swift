/// A vector of six `Float`s that lives on the stack: the element of `Box<FloatVector6>`, a
/// box of shape `[6]` (Acrobot's observation: the cosines and sines of two angles and two
/// angular velocities).
///
/// Swift has SIMD vectors of 2, 3, 4, 8 and 16 scalars but none of 6; this type fills the gap,
/// so an environment with six-number observations allocates nothing per step. The scalars are
/// kept in the first six lanes of a `SIMD8<Float>` whose last two lanes stay 0.
public struct FloatVector6: FloatVector, Hashable, CustomStringConvertible {
    /// Lanes 0 to 5 hold the scalars; lanes 6 and 7 are always 0.
    @usableFromInline var storage: SIMD8<Float>

    /// The vector of the six scalars, in order.
    @inlinable
    public init(_ first: Float, _ second: Float, _ third: Float, _ fourth: Float, _ fifth: Float, _ sixth: Float) {
        storage = SIMD8(first, second, third, fourth, fifth, sixth, 0, 0)
    }

    /// Six scalars, the `index`-th being `scalar(index)`.
    ///
    /// - Precondition: `count == 6`.
    public init(count: Int, scalar: (Int) -> Float) {
        // Cannot fail from input: spaces unflatten only rows of their own width (6), checked first.
        precondition(count == 6, "FloatVector6 holds 6 scalars, not \(count)")
        storage = SIMD8(scalar(0), scalar(1), scalar(2), scalar(3), scalar(4), scalar(5), 0, 0)
    }

    public static var fixedScalarCount: Int? { 6 }
    public var scalarCount: Int { 6 }

    /// The scalar at `index`, 0 to 5.
    ///
    /// - Precondition: `index` is in 0..<6.
    @inlinable
    public subscript(index: Int) -> Float {
        get {
            // Cannot fail from input: indices come from loops over the 6 scalars.
            precondition(index >= 0 && index < 6, "FloatVector6 index \(index) is not in 0..<6")
            return storage[index]
        }
        set {
            // Cannot fail from input: indices come from loops over the 6 scalars.
            precondition(index >= 0 && index < 6, "FloatVector6 index \(index) is not in 0..<6")
            storage[index] = newValue
        }
    }

    /// The scalars as a new array.
    public var scalars: [Float] { (0..<6).map { storage[$0] } }

    /// `[a, b, c, d, e, f]`.
    public var description: String {
        "[" + scalars.map { "\($0)" }.joined(separator: ", ") + "]"
    }
}
