import RLCore

/// A space as the C interface describes it in JSON, in Gymnasium's terms, so that a binding
/// builds the same space on its side:
///
/// | kind | JSON | Gymnasium |
/// |---|---|---|
/// | ``Discrete`` | `{"type": "Discrete", "n": 4, "start": 0}` | `Discrete(n, start=start)` |
/// | ``DiscreteTuple`` | `{"type": "Tuple", "spaces": [Discrete, …]}` | `Tuple((Discrete(…), …))` |
/// | ``Box`` | `{"type": "Box", "low": […], "high": […], "shape": [4], "dtype": "float32"}` | `Box(low, high, shape, float32)` |
///
/// Unbounded `Box` coordinates are the strings `"inf"` and `"-inf"` (JSON has no infinity).
/// Another finite space is described as the `Discrete` of its element positions.
struct SpaceDescription: Encodable, Equatable {
    var type: String
    var n: Int?
    var start: Int?
    var spaces: [SpaceDescription]?
    var low: [Float]?
    var high: [Float]?
    var shape: [Int]?
    var dtype: String?

    /// The description of `space`.
    ///
    /// - Throws: ``InterfaceError`` (`.failed`) for a space that is neither finite nor a box.
    init(_ space: any Space) throws {
        let space = (space as? AnySpace)?.base ?? space
        if let discrete = space as? Discrete {
            self.init(type: "Discrete", n: discrete.count, start: discrete.start)
        } else if let tuple = space as? any TupleOfDiscrete {
            self.init(type: "Tuple", spaces: tuple.components.map { SpaceDescription(type: "Discrete", n: $0.count, start: $0.start) })
        } else if let box = space as? any ContinuousSpace {
            self.init(type: "Box", low: box.low, high: box.high, shape: box.shape, dtype: "float32")
        } else if let count = space.elementCount {
            self.init(type: "Discrete", n: count, start: 0)
        } else {
            throw InterfaceError(.failed, "the space \(space) has no counterpart in Gymnasium that the interface knows")
        }
    }

    private init(type: String, n: Int? = nil, start: Int? = nil, spaces: [SpaceDescription]? = nil,
                 low: [Float]? = nil, high: [Float]? = nil, shape: [Int]? = nil, dtype: String? = nil) {
        self.type = type
        self.n = n
        self.start = start
        self.spaces = spaces
        self.low = low
        self.high = high
        self.shape = shape
        self.dtype = dtype
    }
}

/// A tuple of ``Discrete`` spaces whatever its element type (``DiscreteTuple`` of any width).
protocol TupleOfDiscrete {
    /// The spaces of the components, in order.
    var components: [Discrete] { get }
}

extension DiscreteTuple: TupleOfDiscrete {}
