import SeededRandom

/// The integers `start ..< start + count`: the space of FrozenLake's states and of most actions
/// (Gymnasium's `Discrete(n, start)`).
///
/// Flattened, an element is a one-hot vector of length `count`; indexed, it is `element − start`.
public struct Discrete: Space, Hashable, Codable {
    /// The number of elements (≥ 1).
    public let count: Int
    /// The smallest element (default 0).
    public let start: Int

    /// Creates the space `start ..< start + count`.
    ///
    /// - Precondition: `count ≥ 1`.
    public init(_ count: Int, start: Int = 0) {
        // Cannot fail from input: counts come from code or from maps, which have at least one cell.
        precondition(count >= 1, "Discrete needs at least one element, got \(count)")
        self.count = count
        self.start = start
    }

    @inlinable
    public func contains(_ element: Int) -> Bool {
        element >= start && element < start + count
    }

    public func sample(using generator: inout SeededGenerator) -> Int {
        start + generator.uniformInt(below: count)
    }

    public var flattenedCount: Int { count }

    @inlinable
    public func flatten(_ element: Int, into buffer: UnsafeMutableBufferPointer<Float>) {
        for index in 0..<count { buffer[index] = 0 }
        buffer[element - start] = 1
    }

    /// The element at the position of the largest scalar of a one-hot vector (the first on
    /// ties); `nil` when the count differs from the space's.
    public func unflatten(_ scalars: UnsafeBufferPointer<Float>) -> Int? {
        guard scalars.count == count else { return nil }
        var best = 0
        for index in 1..<count where scalars[index] > scalars[best] { best = index }
        return start + best
    }

    public var elementCount: Int? { count }

    @inlinable
    public func index(of element: Int) -> Int? {
        contains(element) ? element - start : nil
    }

    @inlinable
    public func element(atIndex index: Int) -> Int? {
        index >= 0 && index < count ? start + index : nil
    }

    public var description: String {
        start == 0 ? "Discrete(\(count))" : "Discrete(\(count), start: \(start))"
    }
}
