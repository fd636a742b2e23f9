import SeededRandom

/// An element of an ``AnySpace``: a value of the wrapped space's element type, whatever it is.
public struct AnyElement: CustomStringConvertible {
    /// The element itself (an `Int` for `Discrete`, the vector type of a `Box`, …).
    public let value: Any

    /// Wraps an element.
    public init(_ value: Any) {
        self.value = value
    }

    /// The element as `type`, or `nil` when it is of another type.
    public func `as`<Value>(_ type: Value.Type) -> Value? {
        value as? Value
    }

    public var description: String { "\(value)" }
}

/// Any space, its element type erased: the spaces of an ``AnyEnvironment``.
///
/// Everything forwards to the wrapped space; an element of another type than the wrapped
/// space's is not contained, cannot be flattened (the buffer is zeroed) and has no index.
public struct AnySpace: Space {
    /// The space inside.
    public let base: any Space

    /// Wraps `base` (an `AnySpace` is not wrapped twice).
    public init(_ base: any Space) {
        self.base = (base as? AnySpace)?.base ?? base
    }

    public func contains(_ element: AnyElement) -> Bool {
        func contains<S: Space>(_ space: S) -> Bool {
            guard let typed = element.value as? S.Element else { return false }
            return space.contains(typed)
        }
        return contains(base)
    }

    public func sample(using generator: inout SeededGenerator) -> AnyElement {
        AnyElement(base.sample(using: &generator))
    }

    public var flattenedCount: Int { base.flattenedCount }

    public func flatten(_ element: AnyElement, into buffer: UnsafeMutableBufferPointer<Float>) {
        func flatten<S: Space>(_ space: S) {
            guard let typed = element.value as? S.Element else {
                for index in 0..<space.flattenedCount { buffer[index] = 0 }
                return
            }
            space.flatten(typed, into: buffer)
        }
        flatten(base)
    }

    public func unflatten(_ scalars: UnsafeBufferPointer<Float>) -> AnyElement? {
        base.unflatten(scalars).map(AnyElement.init)
    }

    public var elementCount: Int? { base.elementCount }

    public func index(of element: AnyElement) -> Int? {
        func index<S: Space>(_ space: S) -> Int? {
            guard let typed = element.value as? S.Element else { return nil }
            return space.index(of: typed)
        }
        return index(base)
    }

    public func element(atIndex index: Int) -> AnyElement? {
        base.element(atIndex: index).map(AnyElement.init)
    }

    public var description: String { base.description }
}

extension AnySpace: ContinuousSpace {
    /// The wrapped space's lower bounds when it is continuous, else none.
    public var low: [Float] { (base as? any ContinuousSpace)?.low ?? [] }
    /// The wrapped space's upper bounds when it is continuous, else none.
    public var high: [Float] { (base as? any ContinuousSpace)?.high ?? [] }
    /// The wrapped space's shape when it is continuous, else none.
    public var shape: [Int] { (base as? any ContinuousSpace)?.shape ?? [] }
}
