/// The pace of frames: the environment's frames per second (Gymnasium's `render_fps`) times a
/// speed the person doubles with `+` and halves with `−`, from 1/16x to 64x.
public struct FramePacer: Equatable, Sendable {
    /// The environment's own pace.
    public let framesPerSecond: Int
    /// The speed as a power of two: 0 is the environment's pace, 1 twice as fast, −1 half.
    public private(set) var speedExponent = 0
    /// The speeds the person can choose, as powers of two.
    public static let speedExponents = -4...6

    /// Paces `framesPerSecond` frames a second at first.
    ///
    /// - Throws: ``ViewerError/unsupportedEnvironment(_:)`` for fewer than 1 frame a second.
    public init(framesPerSecond: Int) throws {
        guard framesPerSecond >= 1 else {
            throw ViewerError.unsupportedEnvironment("the environment asks for \(framesPerSecond) frames per second; a viewer needs at least 1")
        }
        self.framesPerSecond = framesPerSecond
    }

    /// The factor on the environment's pace.
    public var speed: Double {
        speedExponent >= 0 ? Double(1 << speedExponent) : 1 / Double(1 << -speedExponent)
    }

    /// The time between two frames at the current speed.
    public var frameInterval: Duration {
        .seconds(1 / (Double(framesPerSecond) * speed))
    }

    /// How long the last frame of an episode stays before the next episode starts: half a
    /// second at the environment's pace (shorter when faster), and at least one frame.
    public var endOfEpisodePause: Duration {
        max(frameInterval, .seconds(0.5 / speed))
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
