import SeededRandom

/// A tuple of ``Discrete`` spaces: Gymnasium's `Tuple(Discrete(n₀), Discrete(n₁), …)`, the
/// space of Blackjack's observations `(player sum, dealer card, usable ace)` =
/// `Tuple(Discrete(32), Discrete(11), Discrete(2))`.
///
/// An element is a SIMD vector of `Int` with one component per space (`SIMD3<Int>` for three),
/// so it lives on the stack: stepping allocates nothing.
///
/// - *Flattened*, an element is the concatenation of each component's one-hot vector, as
///   Gymnasium's `flatten` writes a `Tuple` of `Discrete`s (length n₀ + n₁ + …);
///   ``unflatten(_:)`` reads each segment back by its largest scalar.
/// - *Indexed*, the elements are numbered in row-major order, the first component the most
///   significant: `((x₀ − s₀) · n₁ + (x₁ − s₁)) · n₂ + (x₂ − s₂)`, 0 ..< n₀ · n₁ · n₂. So a
///   Q-table trains on it as on one `Discrete(n₀ · n₁ · n₂)` (Gymnasium has no numbering of
///   tuples; this one is this suite's).
public struct DiscreteTuple<Element: SIMD>: Space, Hashable where Element.Scalar == Int {
    /// The spaces of the components, in order.
    public let components: [Discrete]

    /// The tuple of `components`.
    ///
    /// - Precondition: one space per component of `Element` (three for `SIMD3<Int>`), and a
    ///   product of their counts that fits in an `Int`.
    public init(_ components: [Discrete]) {
        // Cannot fail from input: the built-in environments make their tuples with fixed sizes
        // (Blackjack's 32 × 11 × 2); only a programmer's own space can break it.
        precondition(components.count == Element.scalarCount,
                     "DiscreteTuple<\(Element.self)> needs \(Element.scalarCount) spaces, got \(components.count)")
        var product = 1
        for component in components {
            let (next, overflow) = product.multipliedReportingOverflow(by: component.count)
            // Cannot fail from input: as above, the component counts are the programmer's.
            precondition(!overflow, "DiscreteTuple has more elements than an Int can number")
            product = next
        }
        self.components = components
        self.product = product
    }

    /// The tuple of the spaces given in order: `DiscreteTuple<SIMD3<Int>>(Discrete(32), Discrete(11), Discrete(2))`.
    public init(_ components: Discrete...) {
        self.init(components)
    }

    /// n₀ · n₁ · …, the number of elements.
    private let product: Int

    public func contains(_ element: Element) -> Bool {
        for (position, component) in components.enumerated() where !component.contains(element[position]) {
            return false
        }
        return true
    }

    /// Each component drawn from its own space, first to last.
    public func sample(using generator: inout SeededGenerator) -> Element {
        var element = Element()
        for (position, component) in components.enumerated() {
            element[position] = component.sample(using: &generator)
        }
        return element
    }

    public var flattenedCount: Int { components.reduce(0) { $0 + $1.count } }

    /// The components' one-hot vectors, one after the other.
    public func flatten(_ element: Element, into buffer: UnsafeMutableBufferPointer<Float>) {
        var offset = 0
        for (position, component) in components.enumerated() {
            for index in 0..<component.count { buffer[offset + index] = 0 }
            buffer[offset + element[position] - component.start] = 1
            offset += component.count
        }
    }

    /// Each component from its segment of `scalars` (the position of its largest scalar, the
    /// first on ties); `nil` when the count differs from ``flattenedCount``.
    public func unflatten(_ scalars: UnsafeBufferPointer<Float>) -> Element? {
        guard scalars.count == flattenedCount else { return nil }
        var element = Element()
        var offset = 0
        for (position, component) in components.enumerated() {
            guard let value = component.unflatten(UnsafeBufferPointer(rebasing: scalars[offset..<(offset + component.count)])) else {
                return nil
            }
            element[position] = value
            offset += component.count
        }
        return element
    }

    public var elementCount: Int? { product }

    /// The element's position in row-major order (the first component the most significant).
    public func index(of element: Element) -> Int? {
        guard contains(element) else { return nil }
        var index = 0
        for (position, component) in components.enumerated() {
            index = index * component.count + (element[position] - component.start)
        }
        return index
    }

    public func element(atIndex index: Int) -> Element? {
        guard index >= 0 && index < product else { return nil }
        var element = Element()
        var rest = index
        for position in components.indices.reversed() {
            let component = components[position]
            element[position] = component.start + rest % component.count
            rest /= component.count
        }
        return element
    }

    /// `Tuple(Discrete(32), Discrete(11), Discrete(2))`, as Gymnasium prints it.
    public var description: String {
        "Tuple(" + components.map(\.description).joined(separator: ", ") + ")"
    }
}

extension DiscreteTuple: SpaceWithOutsideElements {
    /// For each component, the element with that component just below and just above its range
    /// (the others at their start).
    public var outsideElements: [Element] {
        var elements: [Element] = []
        for (position, component) in components.enumerated() {
            for outside in component.outsideElements {
                var element = Element()
                for (other, space) in components.enumerated() { element[other] = space.start }
                element[position] = outside
                elements.append(element)
            }
        }
        return elements
    }
}
