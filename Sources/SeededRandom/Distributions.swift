import Foundation

// The conversions below are written out instead of using the standard library's
// `Double.random(in:using:)` family so that the mapping from bits to numbers is part of this
// module's contract: a seed gives the same numbers whatever the toolchain version.

extension RandomNumberGenerator {
    /// A uniform `Double` in [0, 1), built from the top 53 bits of one draw.
    @inlinable
    public mutating func uniformDouble() -> Double {
        Double(next() >> 11) * 0x1.0p-53
    }

    /// A uniform `Float` in [0, 1), built from the top 24 bits of one draw.
    @inlinable
    public mutating func uniformFloat() -> Float {
        Float(next() >> 40) * 0x1.0p-24
    }

    /// A uniform `Double` in [`lower`, `upper`).
    @inlinable
    public mutating func uniform(_ lower: Double, _ upper: Double) -> Double {
        lower + (upper - lower) * uniformDouble()
    }

    /// A uniform `Float` in [`lower`, `upper`).
    @inlinable
    public mutating func uniform(_ lower: Float, _ upper: Float) -> Float {
        lower + (upper - lower) * uniformFloat()
    }

    /// A uniform integer in 0..<`bound`, without modulo bias (Lemire's multiply-and-reject).
    ///
    /// - Precondition: `bound > 0`.
    @inlinable
    public mutating func uniformInt(below bound: Int) -> Int {
        // Cannot fail from input: callers draw among counts they have checked (actions ≥ 1, a non-empty buffer).
        precondition(bound > 0, "uniformInt(below:) needs a positive bound, got \(bound)")
        let range = UInt64(bound)
        var product = next().multipliedFullWidth(by: range)
        if product.low < range {
            let threshold = (0 &- range) % range
            while product.low < threshold {
                product = next().multipliedFullWidth(by: range)
            }
        }
        return Int(product.high)
    }

    /// `true` with probability `probability` (clamped to [0, 1]).
    @inlinable
    public mutating func bernoulli(_ probability: Double) -> Bool {
        uniformDouble() < probability
    }

    /// A normally distributed `Double` (Box–Muller transform on two uniform draws).
    @inlinable
    public mutating func normal(mean: Double = 0, standardDeviation: Double = 1) -> Double {
        // 1 - u keeps the logarithm's argument in (0, 1].
        let u1 = 1 - uniformDouble()
        let u2 = uniformDouble()
        let radius = (-2 * Foundation.log(u1)).squareRoot()
        return mean + standardDeviation * radius * Foundation.cos(2 * Double.pi * u2)
    }

    /// A normally distributed `Float`; see `normal(mean:standardDeviation:)` for `Double`.
    @inlinable
    public mutating func normal(mean: Float = 0, standardDeviation: Float = 1) -> Float {
        Float(normal(mean: Double(mean), standardDeviation: Double(standardDeviation)))
    }

    /// Shuffles `elements` in place (Fisher–Yates) with draws from this generator.
    @inlinable
    public mutating func shuffle<C: MutableCollection & RandomAccessCollection>(_ elements: inout C) {
        var remaining = elements.count
        var index = elements.startIndex
        while remaining > 1 {
            let offset = uniformInt(below: remaining)
            let other = elements.index(index, offsetBy: offset)
            elements.swapAt(index, other)
            elements.formIndex(after: &index)
            remaining -= 1
        }
    }
}
