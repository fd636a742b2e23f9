import SeededRandom

/// A set of valid observations or actions, as Gymnasium's `gymnasium.spaces.Space`.
///
/// Besides membership and seeded sampling, every space tells agents how to read its elements
/// without knowing their type, the way Gymnasium's `spaces.utils` does:
///
/// - *Flattening* (``flattenedCount``, ``flatten(_:into:)``) turns an element into a vector of
///   `Float` for a neural network: a ``Box`` gives its scalars, a ``Discrete`` a one-hot vector.
/// - *Indexing* (``elementCount``, ``index(of:)``, ``element(atIndex:)``) numbers the elements
///   of a finite space 0..<n, for tables and for choosing among actions.
///
/// So an agent written once against `some Environment` trains on any environment whose spaces
/// it can read, and refuses the others with an error naming the space.
public protocol Space<Element>: CustomStringConvertible, Sendable {
    /// The type of the space's elements (`Int` for ``Discrete``, a vector for ``Box``).
    associatedtype Element

    /// Whether `element` belongs to the space.
    func contains(_ element: Element) -> Bool

    /// A random element; the same generator state gives the same element.
    func sample(using generator: inout SeededGenerator) -> Element

    /// The length of the vector ``flatten(_:into:)`` writes (Gymnasium's `flatdim`).
    var flattenedCount: Int { get }

    /// Writes `element` as ``flattenedCount`` floats into `buffer` (Gymnasium's `flatten`).
    ///
    /// - Precondition: `buffer.count >= flattenedCount` and the element belongs to the space.
    func flatten(_ element: Element, into buffer: UnsafeMutableBufferPointer<Float>)

    /// The element whose flattened form is `scalars` (Gymnasium's `unflatten`), or `nil` when
    /// the space cannot rebuild elements from floats or `scalars.count != flattenedCount`.
    ///
    /// A ``Box`` copies the scalars (without clipping them to its bounds); a ``Discrete`` reads
    /// a one-hot vector (the position of the largest scalar). Continuous-action agents and
    /// vector environments turn rows of floats into actions with it.
    func unflatten(_ scalars: UnsafeBufferPointer<Float>) -> Element?

    /// The number of elements of a finite space, or `nil` for a continuous one.
    var elementCount: Int? { get }

    /// The position 0..<``elementCount`` of an element of a finite space, or `nil`.
    func index(of element: Element) -> Int?

    /// The element at a position 0..<``elementCount`` of a finite space, or `nil`.
    func element(atIndex index: Int) -> Element?
}

extension Space {
    /// Spaces that cannot rebuild their elements from floats return `nil`.
    public func unflatten(_ scalars: UnsafeBufferPointer<Float>) -> Element? { nil }

    /// The element whose flattened form is `scalars`; see ``unflatten(_:)-(UnsafeBufferPointer<Float>)``.
    public func unflatten(_ scalars: [Float]) -> Element? {
        scalars.withUnsafeBufferPointer { unflatten($0) }
    }

    /// The element flattened into a new array; see ``flatten(_:into:)``.
    public func flattened(_ element: Element) -> [Float] {
        [Float](unsafeUninitializedCapacity: flattenedCount) { buffer, initialized in
            flatten(element, into: buffer)
            initialized = flattenedCount
        }
    }

    /// Whether the space is finite (its elements can be numbered).
    public var isFinite: Bool { elementCount != nil }
}

/// A space of `Float` vectors bounded per scalar, as Gymnasium's `Box`: the action spaces that
/// continuous-control agents act in.
///
/// Agents read the bounds to rescale their [-1, 1] outputs (`low + (a + 1) / 2 · (high − low)`)
/// and to clip actions before the environment sees them, as Stable-Baselines3 does.
public protocol ContinuousSpace: Space {
    /// The lower bound of each scalar (may be `-infinity`).
    var low: [Float] { get }
    /// The upper bound of each scalar (may be `+infinity`).
    var high: [Float] { get }
    /// The shape of an element (`[n]` for a vector).
    var shape: [Int] { get }
}
