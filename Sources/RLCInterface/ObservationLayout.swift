import RLCore

/// How a vector's observations are written into a caller's buffer, the form Gymnasium gives
/// them in:
///
/// - a ``Box``: the flattened rows as they are, `float32`, `copies × width`;
/// - a finite space: the element's components as `int64`, component-major (`components ×
///   copies`: all copies' first component, then all copies' second, …), so each component of
///   a Gymnasium `Tuple` is one contiguous array; a ``Discrete`` has one component, its value
///   (`start` + position).
enum ObservationLayout: Equatable {
    /// Flattened rows of `width` floats.
    case rows(width: Int)
    /// One `Int` per component and copy; `components` gives each component's start and count.
    case components([Discrete])

    /// The layout for observations of `space`, whose rows are `width` floats.
    init(space: any Space, width: Int) {
        let space = (space as? AnySpace)?.base ?? space
        if let discrete = space as? Discrete {
            self = .components([discrete])
        } else if let tuple = space as? any TupleOfDiscrete {
            self = .components(tuple.components)
        } else if let count = space.elementCount {
            self = .components([Discrete(max(1, count))])
        } else {
            self = .rows(width: width)
        }
    }

    /// The bytes of a buffer for `copies` observations.
    func byteCount(copies: Int) -> Int {
        switch self {
        case .rows(let width): copies * width * MemoryLayout<Float>.size
        case .components(let spaces): copies * spaces.count * MemoryLayout<Int>.size
        }
    }

    /// Writes the observations of `copies` copies into `destination`: the rows copied, or each
    /// position in `indices` (a finite space's) decoded into its components, row-major with the
    /// first component the most significant (``DiscreteTuple``'s numbering).
    @inline(__always)
    func write(rows: UnsafeBufferPointer<Float>, indices: UnsafeBufferPointer<Int>?, copies: Int,
               into destination: UnsafeMutableRawPointer) {
        switch self {
        case .rows:
            guard let source = rows.baseAddress else { return }
            destination.copyMemory(from: source, byteCount: rows.count * MemoryLayout<Float>.size)
        case .components(let spaces):
            guard let indices else { return }
            let output = destination.assumingMemoryBound(to: Int.self)
            if spaces.count == 1 {
                let start = spaces[0].start
                for copy in 0..<copies { output[copy] = indices[copy] &+ start }
                return
            }
            for copy in 0..<copies {
                var rest = indices[copy]
                for component in spaces.indices.reversed() {
                    let space = spaces[component]
                    output[component * copies + copy] = space.start &+ rest % space.count
                    rest /= space.count
                }
            }
        }
    }
}
