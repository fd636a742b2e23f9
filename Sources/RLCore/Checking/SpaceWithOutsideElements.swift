/// A space that can name values of its element type that it does not contain, so that
/// ``EnvironmentChecker`` can test how an environment treats actions outside its action
/// space. Conform your own spaces to have that check run on them.
///
/// The values come in two kinds (see the ``Environment`` contract):
///
/// - ``outsideElements``: values every environment must refuse with
///   ``EnvironmentError/invalidAction(_:)`` (an integer outside a ``Discrete`` range; a vector
///   with a NaN or an infinity, or of the wrong length, for a ``Box``);
/// - ``clippableElements``: finite values just past a ``Box``'s bounds, which an environment
///   may refuse the same way or accept and clip, as Gymnasium's Pendulum and
///   MountainCarContinuous do.
public protocol SpaceWithOutsideElements: Space {
    /// Values of type ``Space/Element`` that are not in the space and that `step` must refuse
    /// (empty when every value of the type belongs to it).
    var outsideElements: [Element] { get }

    /// Values of type ``Space/Element`` that are not in the space but that `step` may accept,
    /// clipping them into it (default: none).
    var clippableElements: [Element] { get }
}

extension SpaceWithOutsideElements {
    public var clippableElements: [Element] { [] }
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
    /// Vectors of NaNs, of +infinity and of -infinity (each when the box does not contain it),
    /// and (for `[Float]`) a vector of the wrong length.
    public var outsideElements: [Vector] {
        let count = low.count
        var elements = [Vector(count: count) { _ in .nan }]
        for infinity in [Float.infinity, -.infinity] {
            let vector = Vector(count: count) { _ in infinity }
            if !contains(vector) { elements.append(vector) }
        }
        if Vector.fixedScalarCount == nil {
            elements.append(Vector(count: count + 1) { _ in 0 })
        }
        return elements
    }

    /// Vectors two `Float` steps past the first finite upper bound and the first finite lower
    /// bound (the other scalars inside their bounds).
    public var clippableElements: [Vector] {
        let count = low.count
        var elements: [Vector] = []
        if let index = high.indices.first(where: { high[$0] < .greatestFiniteMagnitude }) {
            elements.append(Vector(count: count) { $0 == index ? high[index].nextUp.nextUp : low[$0].isFinite ? low[$0] : 0 })
        }
        if let index = low.indices.first(where: { low[$0] > -.greatestFiniteMagnitude }) {
            elements.append(Vector(count: count) { $0 == index ? low[index].nextDown.nextDown : high[$0].isFinite ? high[$0] : 0 })
        }
        return elements
    }
}
