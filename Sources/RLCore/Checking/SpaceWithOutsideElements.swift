/// A space that can name values of its element type that it does not contain, so that
/// ``EnvironmentChecker`` can test that an environment rejects actions outside its action
/// space. Conform your own spaces to have that check run on them.
public protocol SpaceWithOutsideElements: Space {
    /// Values of type ``Space/Element`` that are not in the space (empty when every value of
    /// the type belongs to it).
    var outsideElements: [Element] { get }
}

extension Discrete: SpaceWithOutsideElements {
    /// The integers just below and just above the range (when they exist as `Int`s).
    public var outsideElements: [Int] {
        var elements: [Int] = []
        if start > Int.min { elements.append(start - 1) }
        let (end, overflow) = start.addingReportingOverflow(count)
        if !overflow { elements.append(end) }
        return elements
    }
}

extension Box: SpaceWithOutsideElements {
    /// A vector of NaNs, vectors just outside a finite bound, and (for `[Float]`) a vector
    /// of the wrong length.
    public var outsideElements: [Vector] {
        let count = low.count
        var elements = [Vector(count: count) { _ in .nan }]
        if let index = high.indices.first(where: { high[$0] < .greatestFiniteMagnitude }) {
            elements.append(Vector(count: count) { $0 == index ? high[index].nextUp.nextUp : low[$0].isFinite ? low[$0] : 0 })
        }
        if let index = low.indices.first(where: { low[$0] > -.greatestFiniteMagnitude }) {
            elements.append(Vector(count: count) { $0 == index ? low[index].nextDown.nextDown : high[$0].isFinite ? high[$0] : 0 })
        }
        if Vector.fixedScalarCount == nil {
            elements.append(Vector(count: count + 1) { _ in 0 })
        }
        return elements
    }
}
