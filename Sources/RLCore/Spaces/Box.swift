import Foundation
import SeededRandom

/// A box in ℝⁿ, [low, high] per dimension (bounds may be infinite): the space of CartPole's
/// observations (Gymnasium's `Box(low, high, shape, float32)`).
///
/// Elements are ``FloatVector``s: `Box<SIMD4<Float>>` for a fixed 4-vector, `Box<[Float]>` for
/// any length. Flattened, an element is its scalars; a box is not finite.
public struct Box<Vector: FloatVector>: ContinuousSpace, Equatable {
    /// The lower bound of each scalar (may be `-infinity`).
    public let low: [Float]
    /// The upper bound of each scalar (may be `+infinity`).
    public let high: [Float]
    /// The shape of an element (the product is the number of scalars), `[n]` for a vector.
    public let shape: [Int]

    /// Creates a box with a bound per scalar.
    ///
    /// - Parameter shape: the element's shape; default `[low.count]`.
    /// - Precondition: `low` and `high` have one bound per scalar of `shape`, `low ≤ high`
    ///   everywhere, and `Vector` can hold that many scalars.
    public init(low: [Float], high: [Float], shape: [Int]? = nil) {
        let shape = shape ?? [low.count]
        let count = shape.reduce(1, *)
        // Cannot fail from input: spaces are built by environments' code, not read from files; a wrong Box is a programming error.
        precondition(low.count == count && high.count == count,
                      "Box bounds need \(count) values for shape \(shape), got \(low.count) and \(high.count)")
        precondition(zip(low, high).allSatisfy { $0 <= $1 }, "Box needs low <= high everywhere, got \(low) and \(high)")
        if let fixed = Vector.fixedScalarCount {
            // Cannot fail from input (see above).
            precondition(fixed == count, "Box<\(Vector.self)> holds \(fixed) scalars, but shape \(shape) has \(count)")
        }
        self.low = low
        self.high = high
        self.shape = shape
    }

    /// Creates a box with the same bounds for every scalar of a fixed-size vector
    /// (`Box<SIMD2<Float>>(low: -1, high: 1)`).
    ///
    /// - Precondition: `Vector` has a fixed number of scalars (not `[Float]`; give a shape).
    public init(low: Float, high: Float) {
        guard let count = Vector.fixedScalarCount else {
            // Cannot fail from input: the vector type is chosen in code (a programming error, caught by the first test).
            preconditionFailure("Box<\(Vector.self)>(low:high:) needs a shape; use init(low:high:shape:)")
        }
        self.init(low: low, high: high, shape: [count])
    }

    /// Creates a box with the same bounds for every scalar.
    public init(low: Float, high: Float, shape: [Int]) {
        let count = shape.reduce(1, *)
        self.init(low: Array(repeating: low, count: count), high: Array(repeating: high, count: count), shape: shape)
    }

    public func contains(_ element: Vector) -> Bool {
        guard element.scalarCount == low.count else { return false }
        for index in 0..<low.count {
            let value = element[index]
            // NaN fails both comparisons and so is never contained.
            guard value >= low[index] && value <= high[index] else { return false }
        }
        return true
    }

    /// A random element, drawn per scalar as Gymnasium does: uniform on a bounded interval,
    /// standard normal when unbounded on both sides, and low + Exp(1) or high − Exp(1) when
    /// bounded on one side.
    public func sample(using generator: inout SeededGenerator) -> Vector {
        Vector(count: low.count) { index in
            let (lower, upper) = (low[index], high[index])
            switch (lower.isFinite, upper.isFinite) {
            case (true, true):
                if lower == upper { return lower }
                // A width beyond Float's range (bounds near ±Float.greatestFiniteMagnitude, as
                // CartPole's velocity bounds are) overflows in Float; draw in Double instead.
                guard (upper - lower).isFinite else {
                    return Float(generator.uniform(Double(lower), Double(upper)))
                }
                return Swift.min(generator.uniform(lower, upper), upper)
            case (false, false): return generator.normal(mean: Float(0), standardDeviation: 1)
            case (true, false): return lower + Float(-Foundation.log(1 - generator.uniformDouble()))
            case (false, true): return upper - Float(-Foundation.log(1 - generator.uniformDouble()))
            }
        }
    }

    public var flattenedCount: Int { low.count }

    @inlinable
    public func flatten(_ element: Vector, into buffer: UnsafeMutableBufferPointer<Float>) {
        for index in 0..<low.count { buffer[index] = element[index] }
    }

    /// The vector of `scalars`, unclipped; `nil` when the count differs from the box's.
    public func unflatten(_ scalars: UnsafeBufferPointer<Float>) -> Vector? {
        guard scalars.count == low.count else { return nil }
        return Vector(count: low.count) { scalars[$0] }
    }

    public var elementCount: Int? { nil }
    public func index(of element: Vector) -> Int? { nil }
    public func element(atIndex index: Int) -> Vector? { nil }

    public var description: String {
        func list(_ values: [Float]) -> String {
            "[" + values.map { $0.isInfinite ? ($0 > 0 ? "inf" : "-inf") : "\($0)" }.joined(separator: ", ") + "]"
        }
        let shapeText = "[" + shape.map(String.init).joined(separator: ", ") + "]"
        return "Box(low: \(list(low)), high: \(list(high)), shape: \(shapeText))"
    }
}
