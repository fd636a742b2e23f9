/// The buffers a caller binds to a vector (`swiftrl_vector_bind`), by number; each is
/// row-major, row `i` for copy `i`, except the components of finite observations (see
/// ``ObservationLayout``). The sizes must match exactly.
///
/// | number | buffer | element | count |
/// |---|---|---|---|
/// | 0 | observations | `float32` (a `Box`) or `int64` (finite) | `copies × width`, or `components × copies` |
/// | 1 | rewards | `float32` | `copies` |
/// | 2 | terminated | `uint8` (0 or 1) | `copies` |
/// | 3 | truncated | `uint8` | `copies` |
/// | 4 | actions (read) | `int64` (finite: each action's position, its value minus `start`) or `float32` (a `Box`: rows) | `copies`, or `copies × width` |
/// | 5 | final observations (same-step mode) | as observations | as observations |
/// | 6 | has final observation | `uint8` | `copies` |
/// | 7 | episode returns (the running episodes) | `float64` | `copies` |
/// | 8 | episode lengths | `int64` | `copies` |
enum BufferKind: Int32, CaseIterable {
    case observations = 0
    case rewards = 1
    case terminated = 2
    case truncated = 3
    case actions = 4
    case finalObservations = 5
    case hasFinalObservation = 6
    case episodeReturns = 7
    case episodeLengths = 8

    /// The buffer's name in messages.
    var name: String {
        switch self {
        case .observations: "observations"
        case .rewards: "rewards"
        case .terminated: "terminated"
        case .truncated: "truncated"
        case .actions: "actions"
        case .finalObservations: "final observations"
        case .hasFinalObservation: "has-final-observation flags"
        case .episodeReturns: "episode returns"
        case .episodeLengths: "episode lengths"
        }
    }
}
