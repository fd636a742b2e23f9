import RLCore
import SeededRandom

/// Beating the dealer at blackjack, drawing from an infinite deck — Gymnasium's `Blackjack-v1`
/// (toy text, Sutton and Barto's example 5.1), with the same rules and rewards.
///
/// ## Description
///
/// The player and the dealer each get two cards; one of the dealer's is face up. The player
/// hits (takes a card) until they stick or go over 21 (bust). Then the dealer draws until
/// their sum is 17 or more; whoever is closer to 21 without going over wins. Cards come from
/// an infinite deck (with replacement): an ace counts 1 or 11, faces count 10.
///
/// ## Action space
///
/// `Discrete(2)`: 0 = stick, 1 = hit.
///
/// ## Observation space
///
/// `DiscreteTuple<SIMD3<Int>>`, Gymnasium's `Tuple(Discrete(32), Discrete(11), Discrete(2))`:
/// the player's sum (an ace counting 11 when that stays at most 21), the dealer's face-up card
/// (1 = ace, up to 10), and whether the player holds a usable ace (1) or not (0). A Q-table
/// reads it as one of 704 states.
///
/// ## Rewards
///
/// +1 for a win, -1 for a loss, 0 for a draw. With ``usesSuttonBartoRules``, a natural (an ace
/// and a ten-card as the first two cards) wins +1 unless the dealer also has one (a draw).
/// With ``paysNaturalBonus``, a winning natural pays +1.5.
///
/// ## Starting state
///
/// Two cards each, drawn in Gymnasium's order: the dealer's two, then the player's two.
///
/// ## Episode end
///
/// Terminates when the player sticks (after the dealer draws) or busts. Gymnasium registers
/// no time limit and no reward threshold. ``episodeSucceeded`` is whether the player won.
///
/// ## Arguments
///
/// - `usesSuttonBartoRules` (registry option `sab`, Gymnasium's `sab`): Sutton and Barto's
///   rules for naturals, as above. Gymnasium's class defaults to false but `Blackjack-v1` is
///   registered with `sab=True`; here the default is true as registered.
/// - `paysNaturalBonus` (registry option `natural`, Gymnasium's `natural`): 1.5 for a winning
///   natural; default false. Gymnasium ignores it under `sab`; here asking for both is an error.
///
/// The cards are drawn from a ``SeededGenerator``, not NumPy's stream: a seed gives the same
/// hands on every machine, but not Gymnasium's. ``setUpcomingCards(_:)`` scripts the next
/// cards, to replay recorded games.
///
/// ## Version history
///
/// - v1: naturals handled correctly (Gymnasium's current version); v0: the initial version.
///
/// Renders as two lines of cards (the dealer's hidden card as `??` until the player sticks),
/// and as a green table with the hands as cards, at 4 frames per second.
public struct Blackjack: Environment, ActionNaming, KeyboardPlayable {
    /// The cards of the infinite deck, each equally likely: ace (1), 2 to 9, and four ten-cards.
    public static let deck = [1, 2, 3, 4, 5, 6, 7, 8, 9, 10, 10, 10, 10]

    /// Whether Sutton and Barto's rule for naturals applies.
    public let usesSuttonBartoRules: Bool
    /// Whether a winning natural pays 1.5.
    public let paysNaturalBonus: Bool

    public let observationSpace = DiscreteTuple<SIMD3<Int>>(Discrete(32), Discrete(11), Discrete(2))
    public let actionSpace = Discrete(2)
    public var framesPerSecond: Int { 4 }
    public var actionNames: [String] { ["Stick", "Hit"] }
    /// `s` sticks, `h` hits.
    public var actionKeys: [Character?] { ["s", "h"] }

    /// The player's cards (1 = ace, 10 for any ten-card).
    public var playerHand: [Int] { player.cards }
    /// The dealer's cards; the second stays hidden until the player sticks.
    public var dealerHand: [Int] { dealer.cards }
    /// The reward of the last step (0 before the first).
    public var lastReward: Double { reward }

    /// A hand kept on the stack, with its running total, so that stepping allocates nothing
    /// and reads a hand's value in constant time.
    @usableFromInline
    struct Hand: Sendable, Codable {
        /// The cards, four bits each, the first in the lowest bits: 16 in `faces`, then 16 in
        /// `moreFaces` (a hand never holds more than 22).
        @usableFromInline var faces: UInt64 = 0
        @usableFromInline var moreFaces: UInt64 = 0
        @usableFromInline var count = 0
        /// The sum with aces counted 1.
        @usableFromInline var total = 0
        /// 1 when the hand holds an ace, else 0 (an integer, so the value needs no branch).
        @usableFromInline var ace = 0

        @inlinable init() {}

        @inlinable @inline(__always)
        mutating func add(_ card: Int) {
            if count < 16 {
                faces |= UInt64(card) << (4 * UInt64(count))
            } else if count < 32 {
                moreFaces |= UInt64(card) << (4 * UInt64(count - 16))
            }
            count += 1
            total += card
            ace |= card == 1 ? 1 : 0
        }

        /// 1 when an ace can count 11 without going over 21, else 0.
        @inlinable var usableAce: Int { ace & (total <= 11 ? 1 : 0) }
        /// Whether an ace can count 11 without going over 21.
        @inlinable var hasUsableAce: Bool { usableAce == 1 }
        /// The value: the sum, with a usable ace counted 11.
        @inlinable var value: Int { total + 10 * usableAce }
        /// The value, or 0 when bust.
        @inlinable var score: Int { value > 21 ? 0 : value }
        /// Exactly an ace and a ten-card.
        @inlinable var isNatural: Bool { count == 2 && ace == 1 && total == 11 }
        /// The first card (0 before any).
        @inlinable var firstCard: Int { Int(faces & 0xF) }
        /// The cards as numbers.
        var cards: [Int] {
            (0..<Swift.min(count, 32)).map { index -> Int in
                let word: UInt64 = index < 16 ? faces : moreFaces
                let shift = UInt64(4 * (index % 16))
                return Int((word >> shift) & 0xF)
            }
        }
    }

    @usableFromInline var player = Hand()
    @usableFromInline var dealer = Hand()
    @usableFromInline var reward = 0.0
    @usableFromInline var isOver = false
    @usableFromInline var needsReset = true
    @usableFromInline var generator: SeededGenerator
    /// 32 random bits left over from the generator's last draw, with bit 32 set; 0 when none.
    @usableFromInline var spareRandomBits: UInt64 = 0
    @usableFromInline var upcomingCards: [Int] = []
    @usableFromInline var nextUpcomingCard = 0

    /// Creates the game; call `reset` before stepping.
    ///
    /// - Parameters:
    ///   - usesSuttonBartoRules: Sutton and Barto's rule for naturals (default `true`, as `Blackjack-v1` is registered).
    ///   - paysNaturalBonus: 1.5 for a winning natural (default `false`).
    /// - Throws: ``EnvironmentError/invalidOption(_:)`` when both are true (Gymnasium would
    ///   silently ignore the bonus).
    public init(usesSuttonBartoRules: Bool = true, paysNaturalBonus: Bool = false) throws {
        guard !(usesSuttonBartoRules && paysNaturalBonus) else {
            throw EnvironmentError.invalidOption(
                "Blackjack: the natural bonus does not apply under Sutton and Barto's rules (sab); turn one of them off")
        }
        self.usesSuttonBartoRules = usesSuttonBartoRules
        self.paysNaturalBonus = paysNaturalBonus
        generator = .seededFromSystem()
    }

    // MARK: - Cards

    /// Scripts the next cards drawn, in order: `reset` takes the dealer's two then the
    /// player's two, a hit takes one, and a stick the dealer's draws. Once they run out, cards
    /// are drawn at random again. Scripting replaces any cards not yet drawn.
    ///
    /// - Throws: ``EnvironmentError/invalidOption(_:)`` for a card outside 1...10.
    public mutating func setUpcomingCards(_ cards: [Int]) throws {
        if let bad = cards.first(where: { !(1...10).contains($0) }) {
            throw EnvironmentError.invalidOption("Blackjack: a card is 1 (ace) to 10, got \(bad)")
        }
        upcomingCards = cards
        nextUpcomingCard = 0
    }

    /// The next card: a scripted one while there are any, else a random one from the deck.
    @inlinable
    mutating func drawCard() -> Int {
        if nextUpcomingCard < upcomingCards.count {
            nextUpcomingCard += 1
            return upcomingCards[nextUpcomingCard - 1]
        }
        // deck[i] is i + 1 up to 10: computed rather than read from the array.
        return Swift.min(uniformDeckIndex() + 1, 10)
    }

    /// A uniform index into the 13-card deck from 32 random bits (Lemire's multiply-and-reject),
    /// so that one 64-bit draw of the generator deals two cards.
    @inlinable @inline(__always)
    mutating func uniformDeckIndex() -> Int {
        while true {
            if spareRandomBits == 0 {
                // The low half now, the high half (kept with a marker bit) next time.
                let word = generator.next()
                spareRandomBits = (word >> 32) | (1 << 32)
                let product = (word & 0xFFFF_FFFF) &* 13
                // 2³² mod 13 = 9: products whose low half is below 9 would bias the result.
                if product & 0xFFFF_FFFF >= 9 { return Int(product >> 32) }
            } else {
                let product = (spareRandomBits & 0xFFFF_FFFF) &* 13
                spareRandomBits = 0
                if product & 0xFFFF_FFFF >= 9 { return Int(product >> 32) }
            }
        }
    }

    /// The value of a hand of cards (1 = ace): their sum, with an ace counted 11 when that
    /// stays at most 21 (Gymnasium's `sum_hand`).
    public static func value(of cards: [Int]) -> Int {
        var hand = Hand()
        for card in cards { hand.add(card) }
        return hand.value
    }

    /// The observation: (player's value, dealer's face-up card, usable ace).
    @inlinable
    var observation: SIMD3<Int> {
        SIMD3(player.value, dealer.firstCard, player.usableAce)
    }

    // MARK: - Environment

    public mutating func reset(seed: UInt64?) -> SIMD3<Int> {
        if let seed {
            generator = SeededGenerator(seed: seed)
            spareRandomBits = 0
        }
        dealer = Hand()
        player = Hand()
        dealer.add(drawCard())
        dealer.add(drawCard())
        player.add(drawCard())
        player.add(drawCard())
        reward = 0
        isOver = false
        needsReset = false
        return observation
    }

    @inlinable
    public mutating func step(_ action: Int) throws -> StepResult<SIMD3<Int>> {
        guard !needsReset, action == 0 || action == 1 else { throw refusal(of: action) }
        if action == 1 {
            player.add(drawCard())
            let bust = player.value > 21
            reward = bust ? -1 : 0
            isOver = bust
        } else {
            while dealer.value < 17 { dealer.add(drawCard()) }
            let (playerScore, dealerScore) = (player.score, dealer.score)
            reward = playerScore > dealerScore ? 1 : playerScore < dealerScore ? -1 : 0
            if usesSuttonBartoRules && player.isNatural && !dealer.isNatural {
                reward = 1
            } else if !usesSuttonBartoRules && paysNaturalBonus && player.isNatural && reward == 1 {
                reward = 1.5
            }
            isOver = true
        }
        needsReset = isOver
        return StepResult(observation: observation, reward: reward, terminated: isOver)
    }

    @usableFromInline
    func refusal(of action: Int) -> EnvironmentError {
        stepRefusal(environment: "Blackjack", action: action, actionCount: 2, needsReset: needsReset, actionNames: actionNames)
    }

    /// Whether the player won the hand: read it when an episode ends.
    public var episodeSucceeded: Bool? { reward > 0 }

    // MARK: - Rendering

    /// The card's face: `A` for an ace, else its value.
    static func face(_ card: Int) -> String { card == 1 ? "A" : "\(card)" }

    /// `dealer  3 ??` (all cards with their value once the player has stuck) and
    /// `player  10 8  = 18`, with `usable ace` when there is one.
    public func renderText() -> String {
        guard player.count > 0, dealer.count > 0 else { return "(no hand dealt yet)\n" }
        let dealerCards = revealsDealer
            ? dealer.cards.map(Self.face).joined(separator: " ") + "  = \(dealer.value)"
            : Self.face(dealer.cards[0]) + " ??"
        var playerLine = player.cards.map(Self.face).joined(separator: " ") + "  = \(player.value)"
        if player.hasUsableAce { playerLine += " (usable ace)" }
        if player.value > 21 { playerLine += " bust" }
        return "dealer  \(dealerCards)\nplayer  \(playerLine)\n"
    }

    /// Whether the dealer's hidden card is shown: once the player has stuck.
    var revealsDealer: Bool { isOver && player.value <= 21 }

    static let red = Color(red: 190, green: 20, blue: 20)

    /// A suit's symbol `size` pixels tall around `center`: 0 hearts and 1 diamonds in red, 2
    /// spades and 3 clubs in black.
    static func pip(suit: Int, center: Point, size: Double) -> [Drawing.Shape] {
        let half = size / 2
        func at(_ x: Double, _ y: Double) -> Point { Point(x: center.x + x * half, y: center.y + y * half) }
        switch suit {
        case 0:
            return [.circle(center: at(-0.45, -0.35), radius: 0.5 * half, color: red), .circle(center: at(0.45, -0.35), radius: 0.5 * half, color: red),
                    .polygon([at(-0.93, -0.2), at(0.93, -0.2), at(0, 1)], color: red)]
        case 1:
            return [.polygon([at(0, -1), at(0.7, 0), at(0, 1), at(-0.7, 0)], color: red)]
        case 2:
            return [.circle(center: at(-0.45, 0.2), radius: 0.5 * half, color: .black), .circle(center: at(0.45, 0.2), radius: 0.5 * half, color: .black),
                    .polygon([at(-0.93, 0.05), at(0.93, 0.05), at(0, -1)], color: .black),
                    .polygon([at(0, 0.3), at(0.35, 1), at(-0.35, 1)], color: .black)]
        default:
            return [.circle(center: at(0, -0.48), radius: 0.42 * half, color: .black), .circle(center: at(-0.48, 0.12), radius: 0.42 * half, color: .black),
                    .circle(center: at(0.48, 0.12), radius: 0.42 * half, color: .black), .circle(center: at(0, 0), radius: 0.3 * half, color: .black),
                    .polygon([at(0, 0.1), at(0.35, 1), at(-0.35, 1)], color: .black)]
        }
    }

    /// A 600x500 green table: the dealer's cards at the top (the second face down, blue, until
    /// the player sticks), the player's at the bottom, each a white card with its face in two
    /// corners and a suit in the middle, and each hand's value beside its label.
    public func drawing() -> Drawing {
        let table = Color(red: 7, green: 99, blue: 36)
        let cardBack = Color(red: 40, green: 70, blue: 160)
        let (cardWidth, cardHeight) = (70.0, 100.0)
        var shapes: [Drawing.Shape] = []
        func hand(_ cards: [Int], label: String, top: Double, hideSecond: Bool) {
            shapes.append(.text(label, at: Point(x: 30, y: top), color: .white))
            // Long hands overlap so that they fit on the table.
            let spacing = Swift.min(cardWidth + 12, (600 - 60 - cardWidth) / Double(Swift.max(1, cards.count - 1)))
            for (index, card) in cards.enumerated() {
                let rectangle = Rectangle(x: 30 + Double(index) * spacing, y: top + 24, width: cardWidth, height: cardHeight)
                if hideSecond && index == 1 {
                    shapes.append(.rectangle(rectangle, color: cardBack))
                    shapes.append(.rectangle(rectangle, color: .white, filled: false))
                } else {
                    shapes.append(.rectangle(rectangle, color: .white))
                    shapes.append(.rectangle(rectangle, color: .black, filled: false))
                    let color = card == 1 ? Self.red : .black
                    shapes.append(.text(Self.face(card), at: Point(x: rectangle.x + 8, y: rectangle.y + 8), color: color))
                    shapes.append(.text(Self.face(card), at: Point(x: rectangle.x + cardWidth - 24, y: rectangle.y + cardHeight - 22),
                                        color: color))
                    // A suit in the middle: the infinite deck has none, so the card's place in
                    // the game picks one, the same every time the picture is drawn.
                    let suit = (index + (top > 100 ? 1 : 0) + card) % 4
                    shapes += Self.pip(suit: suit, center: Point(x: rectangle.x + cardWidth / 2, y: rectangle.y + cardHeight / 2), size: 26)
                }
            }
        }
        if dealer.count > 0 && player.count > 0 {
            let hidden = !revealsDealer
            let upCard = dealer.cards[0]
            hand(dealer.cards, label: hidden ? "Dealer shows \(upCard == 1 ? "an ace" : "\(upCard)")" : "Dealer: \(dealer.value)",
                 top: 30, hideSecond: hidden)
            var playerLabel = "Player: \(player.value)"
            if player.hasUsableAce { playerLabel += " (usable ace)" }
            if player.value > 21 { playerLabel += " bust" }
            hand(player.cards, label: playerLabel, top: 260, hideSecond: false)
            if isOver {
                let verdict = reward > 0 ? "You win \(reward == 1.5 ? "1.5" : "1")" : reward < 0 ? "You lose" : "Draw"
                shapes.append(.text(verdict, at: Point(x: 30, y: 440), color: Color(red: 250, green: 220, blue: 90)))
            }
        }
        return Drawing(width: 600, height: 500, background: table, shapes: shapes)
    }
}

// MARK: - Saving the state

extension Blackjack: StatefulEnvironment {
    /// The hands, the outcome so far, the random stream and its spare bits, and any scripted
    /// cards still to come.
    public var savedState: BlackjackSavedState {
        BlackjackSavedState(
            player: player, dealer: dealer, reward: reward, isOver: isOver, needsReset: needsReset, generator: generator,
            spareRandomBits: spareRandomBits, upcomingCards: upcomingCards, nextUpcomingCard: nextUpcomingCard)
    }

    public mutating func restore(_ saved: BlackjackSavedState) throws {
        guard saved.upcomingCards.allSatisfy({ (1...10).contains($0) }), (0...saved.upcomingCards.count).contains(saved.nextUpcomingCard),
              (0...22).contains(saved.player.count), (0...22).contains(saved.dealer.count) else {
            throw EnvironmentError.invalidOption("Blackjack: the saved state is malformed")
        }
        (player, dealer, reward, isOver, needsReset) = (saved.player, saved.dealer, saved.reward, saved.isOver, saved.needsReset)
        (generator, spareRandomBits) = (saved.generator, saved.spareRandomBits)
        (upcomingCards, nextUpcomingCard) = (saved.upcomingCards, saved.nextUpcomingCard)
    }
}

/// Blackjack's saved state.
public struct BlackjackSavedState: Codable {
    var player: Blackjack.Hand
    var dealer: Blackjack.Hand
    var reward: Double
    var isOver: Bool
    var needsReset: Bool
    var generator: SeededGenerator
    var spareRandomBits: UInt64
    var upcomingCards: [Int]
    var nextUpcomingCard: Int
}

extension Blackjack: EpisodeEndDescribing {
    /// How the hand went, once it is over: "won", "won with a natural", "a draw", "lost" or
    /// "lost: bust".
    public var episodeEnding: EpisodeEnding? {
        guard isOver else { return nil }
        if reward > 0 { return EpisodeEnding(words: reward == 1.5 ? "won with a natural" : "won", isSuccess: true) }
        if reward == 0 { return EpisodeEnding(words: "a draw", isSuccess: nil) }
        return EpisodeEnding(words: player.value > 21 ? "lost: bust" : "lost", isSuccess: false)
    }
}
