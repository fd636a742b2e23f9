/// The pace of frames: the environment's frames per second (Gymnasium's `render_fps`) times a
/// speed the person doubles with `+` and halves with `−`, from 1/16x to 64x.
public struct FramePacer: Equatable, Sendable {
    /// The pace at speed 1x; `.infinity` for no waiting between frames at all.
    public let framesPerSecond: Double
    /// The speed as a power of two: 0 is the base pace, 1 twice as fast, −1 half.
    public private(set) var speedExponent = 0
    /// The speeds the person can choose, as powers of two.
    public static let speedExponents = -4...6

    /// The slowest and fastest paces at 1x: a frame every 100 seconds, a thousand a second
    /// (beyond them a frame's interval would not fit a `Duration`, or could not be shown).
    public static let paceRange = 0.01...1_000.0

    /// Paces `framesPerSecond` frames a second at first.
    ///
    /// - Throws: ``ViewerError/unsupportedEnvironment(_:)`` for a pace outside ``paceRange``
    ///   (infinity, as fast as possible, is allowed).
    public init(framesPerSecond: Double) throws {
        guard framesPerSecond == .infinity || Self.paceRange.contains(framesPerSecond) else {
            throw ViewerError.unsupportedEnvironment(
                "a pace of \(framesPerSecond) frames per second cannot be shown; it must be from 0.01 to 1000 (or unlimited)")
        }
        self.framesPerSecond = framesPerSecond
    }

    /// The factor on the base pace.
    public var speed: Double {
        speedExponent >= 0 ? Double(1 << speedExponent) : 1 / Double(1 << -speedExponent)
    }

    /// The time between two frames at the current speed (zero when there is no waiting).
    public var frameInterval: Duration {
        .seconds(1 / (framesPerSecond * speed))
    }

    /// How long the last frame of an episode stays before the next episode starts: half a
    /// second at 1x (shorter when faster), but no more than 25 frames and no less than one.
    public var endOfEpisodePause: Duration {
        max(frameInterval, min(.seconds(0.5 / speed), frameInterval * 25))
    }

    /// The speed for a title: `1x`, `4x`, `1/2x`.
    public var speedDescription: String {
        speedExponent >= 0 ? "\(1 << speedExponent)x" : "1/\(1 << -speedExponent)x"
    }

    /// Applies `+` (faster) or `−` (slower); returns whether the key was one of them. The
    /// speed stays within ``speedExponents``.
    public mutating func handle(_ key: ViewerKey) -> Bool {
        switch key {
        case .plus: speedExponent = min(speedExponent + 1, Self.speedExponents.upperBound)
        case .minus: speedExponent = max(speedExponent - 1, Self.speedExponents.lowerBound)
        default: return false
        }
        return true
    }
}
