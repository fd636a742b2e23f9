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
    public var playerHand: [Int] { player }
    /// The dealer's cards; the second stays hidden until the player sticks.
    public var dealerHand: [Int] { dealer }
    /// The reward of the last step (0 before the first).
    public var lastReward: Double { reward }

    @usableFromInline var player: [Int] = []
    @usableFromInline var dealer: [Int] = []
    @usableFromInline var reward = 0.0
    @usableFromInline var isOver = false
    @usableFromInline var needsReset = true
    @usableFromInline var generator: SeededGenerator
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
        player.reserveCapacity(24)
        dealer.reserveCapacity(24)
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
        return Self.deck[generator.uniformInt(below: Self.deck.count)]
    }

    /// Whether the hand holds an ace that can count 11 without going over 21.
    @inlinable
    static func hasUsableAce(_ hand: [Int]) -> Bool {
        hand.contains(1) && total(hand) + 10 <= 21
    }

    @inlinable
    static func total(_ hand: [Int]) -> Int {
        var sum = 0
        for card in hand { sum += card }
        return sum
    }

    /// The hand's value: the sum, with a usable ace counted 11.
    @inlinable
    public static func value(of hand: [Int]) -> Int {
        hasUsableAce(hand) ? total(hand) + 10 : total(hand)
    }

    /// The score: the value, or 0 when bust.
    @inlinable
    static func score(_ hand: [Int]) -> Int {
        let value = value(of: hand)
        return value > 21 ? 0 : value
    }

    /// Whether the hand is a natural: exactly an ace and a ten-card.
    @inlinable
    static func isNatural(_ hand: [Int]) -> Bool {
        hand.count == 2 && hand.contains(1) && hand.contains(10)
    }

    /// The observation: (player's value, dealer's face-up card, usable ace).
    @inlinable
    var observation: SIMD3<Int> {
        SIMD3(Self.value(of: player), dealer[0], Self.hasUsableAce(player) ? 1 : 0)
    }

    // MARK: - Environment

    public mutating func reset(seed: UInt64?) -> SIMD3<Int> {
        if let seed { generator = SeededGenerator(seed: seed) }
        // Emptied in place: the hands keep their storage, so episodes allocate nothing.
        dealer.removeAll(keepingCapacity: true)
        player.removeAll(keepingCapacity: true)
        dealer.append(drawCard())
        dealer.append(drawCard())
        player.append(drawCard())
        player.append(drawCard())
        reward = 0
        isOver = false
        needsReset = false
        return observation
    }

    @inlinable
    public mutating func step(_ action: Int) throws -> StepResult<SIMD3<Int>> {
        guard !needsReset, action == 0 || action == 1 else { throw refusal(of: action) }
        if action == 1 {
            player.append(drawCard())
            let bust = Self.value(of: player) > 21
            reward = bust ? -1 : 0
            isOver = bust
        } else {
            while Self.value(of: dealer) < 17 { dealer.append(drawCard()) }
            let (playerScore, dealerScore) = (Self.score(player), Self.score(dealer))
            reward = playerScore > dealerScore ? 1 : playerScore < dealerScore ? -1 : 0
            if usesSuttonBartoRules && Self.isNatural(player) && !Self.isNatural(dealer) {
                reward = 1
            } else if !usesSuttonBartoRules && paysNaturalBonus && Self.isNatural(player) && reward == 1 {
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
        guard !player.isEmpty, !dealer.isEmpty else { return "(no hand dealt yet)\n" }
        let dealerCards = revealsDealer
            ? dealer.map(Self.face).joined(separator: " ") + "  = \(Self.value(of: dealer))"
            : Self.face(dealer[0]) + " ??"
        var playerLine = player.map(Self.face).joined(separator: " ") + "  = \(Self.value(of: player))"
        if Self.hasUsableAce(player) { playerLine += " (usable ace)" }
        if Self.value(of: player) > 21 { playerLine += " bust" }
        return "dealer  \(dealerCards)\nplayer  \(playerLine)\n"
    }

    /// Whether the dealer's hidden card is shown: once the player has stuck.
    var revealsDealer: Bool { isOver && Self.value(of: player) <= 21 }

    /// A 600x500 green table: the dealer's cards at the top (the second face down, blue, until
    /// the player sticks), the player's at the bottom, each a white card with its face in
    /// the corner, and each hand's value beside its label.
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
                    let color = card == 1 ? Color(red: 190, green: 20, blue: 20) : .black
                    shapes.append(.text(Self.face(card), at: Point(x: rectangle.x + 8, y: rectangle.y + 8), color: color))
                    shapes.append(.text(Self.face(card), at: Point(x: rectangle.x + cardWidth - 24, y: rectangle.y + cardHeight - 22),
                                        color: color))
                }
            }
        }
        if !dealer.isEmpty && !player.isEmpty {
            let hidden = !revealsDealer
            hand(dealer, label: hidden ? "Dealer shows \(dealer[0] == 1 ? "an ace" : "\(dealer[0])")" : "Dealer: \(Self.value(of: dealer))",
                 top: 30, hideSecond: hidden)
            var playerLabel = "Player: \(Self.value(of: player))"
            if Self.hasUsableAce(player) { playerLabel += " (usable ace)" }
            if Self.value(of: player) > 21 { playerLabel += " bust" }
            hand(player, label: playerLabel, top: 260, hideSecond: false)
            if isOver {
                let verdict = reward > 0 ? "You win \(reward == 1.5 ? "1.5" : "1")" : reward < 0 ? "You lose" : "Draw"
                shapes.append(.text(verdict, at: Point(x: 30, y: 440), color: Color(red: 250, green: 220, blue: 90)))
            }
        }
        return Drawing(width: 600, height: 500, background: table, shapes: shapes)
    }
}
