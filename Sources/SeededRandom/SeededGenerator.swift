/// A fast, seedable random number generator: xoshiro256** by Blackman and Vigna (2018).
///
/// Every random draw in the suite (weight initialisation, exploration, replay sampling,
/// environment dynamics, space sampling) goes through a `SeededGenerator`, so a seed fixes a run
/// on every machine: the algorithm is pure integer arithmetic and the helpers in this module
/// convert its output to numbers without platform-dependent steps.
///
/// - The 256-bit state is filled from the 64-bit seed with SplitMix64, as the authors recommend,
///   so nearby seeds (0, 1, 2, ...) give unrelated streams.
/// - Period 2^256 − 1; passes BigCrush. Not cryptographically secure.
/// - It is a value type: copying it forks the stream (both copies produce the same numbers).
///
/// ```swift
/// var generator = SeededGenerator(seed: 42)
/// let roll = generator.uniformInt(below: 6)          // 0...5
/// let noise = generator.normal(mean: 0, standardDeviation: 1)
/// ```
public struct SeededGenerator: RandomNumberGenerator, Sendable, Hashable {
    @usableFromInline var s0: UInt64
    @usableFromInline var s1: UInt64
    @usableFromInline var s2: UInt64
    @usableFromInline var s3: UInt64

    /// Creates a generator whose stream is fixed by `seed`.
    public init(seed: UInt64) {
        var mixer = SplitMix64(state: seed)
        s0 = mixer.next()
        s1 = mixer.next()
        s2 = mixer.next()
        s3 = mixer.next()
    }

    /// A generator seeded from the system's entropy: what an environment uses until its first
    /// `reset(seed:)`, as Gymnasium seeds from the operating system. Runs made this way do not
    /// repeat; pass a seed where they should.
    public static func seededFromSystem() -> SeededGenerator {
        var system = SystemRandomNumberGenerator()
        return SeededGenerator(seed: system.next())
    }

    /// Creates the generator of one named stream of a seed: streams 0, 1, 2, ... of the same
    /// seed are unrelated to each other and to `SeededGenerator(seed:)`.
    ///
    /// Agents give each part of a run its own stream (weights, exploration, replay sampling),
    /// so that one part drawing more or fewer numbers leaves the others unchanged.
    public init(seed: UInt64, stream: UInt64) {
        var mixer = SplitMix64(state: seed ^ 0x5851_F42D_4C95_7F2D)
        let streamBase = mixer.next()
        self.init(seed: streamBase &+ stream &* 0xD1B5_4A32_D192_ED03)
    }

    /// The next 64 random bits.
    @inlinable
    public mutating func next() -> UInt64 {
        let result = rotateLeft(s1 &* 5, by: 7) &* 9
        let shifted = s1 << 17
        s2 ^= s0
        s3 ^= s1
        s1 ^= s2
        s0 ^= s3
        s2 ^= shifted
        s3 = rotateLeft(s3, by: 45)
        return result
    }

    /// A new generator whose stream is independent of this one's, drawn from this one.
    ///
    /// Use it to give parts of a run their own streams (environment, exploration, replay
    /// sampling) so that changing how often one part draws does not shift the others.
    public mutating func split() -> SeededGenerator {
        SeededGenerator(seed: next())
    }

    @inlinable
    func rotateLeft(_ value: UInt64, by amount: UInt64) -> UInt64 {
        (value << amount) | (value >> (64 &- amount))
    }
}

/// SplitMix64 (Steele, Lea and Flood 2014): turns one 64-bit seed into a well-mixed sequence.
///
/// Used to expand seeds into `SeededGenerator` state; also usable on its own.
public struct SplitMix64: RandomNumberGenerator, Sendable {
    /// The generator's whole state; every call to `next()` adds the golden-ratio increment.
    public var state: UInt64

    /// Creates the generator with `state` as its starting point.
    public init(state: UInt64) {
        self.state = state
    }

    /// The next 64 random bits.
    @inlinable
    public mutating func next() -> UInt64 {
        state &+= 0x9E37_79B9_7F4A_7C15
        var z = state
        z = (z ^ (z >> 30)) &* 0xBF58_476D_1CE4_E5B9
        z = (z ^ (z >> 27)) &* 0x94D0_49BB_1331_11EB
        return z ^ (z >> 31)
    }
}

extension SeededGenerator: Codable {
    private enum CodingKeys: String, CodingKey { case state }

    /// Restores a generator saved with `encode(to:)`: its 256-bit state as four hexadecimal
    /// words (text, so no JSON reader rounds them), exactly where it was.
    public init(from decoder: Decoder) throws {
        let container = try decoder.container(keyedBy: CodingKeys.self)
        let words = try container.decode([String].self, forKey: .state)
        let values = words.compactMap { UInt64($0, radix: 16) }
        guard values.count == 4, values.contains(where: { $0 != 0 }) else {
            throw DecodingError.dataCorruptedError(
                forKey: .state, in: container, debugDescription: "a generator state is four non-zero hexadecimal words")
        }
        (s0, s1, s2, s3) = (values[0], values[1], values[2], values[3])
    }

    public func encode(to encoder: Encoder) throws {
        var container = encoder.container(keyedBy: CodingKeys.self)
        try container.encode([s0, s1, s2, s3].map { String($0, radix: 16) }, forKey: .state)
    }
}
