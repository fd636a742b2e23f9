import RLCore
import RLEnvironments
import Testing

@Suite("Blackjack against Gymnasium's recorded games")
struct BlackjackTests {
    @Test("every recorded game replays with its cards: observations, rewards, ends and final hands",
          arguments: ["sab", "natural", "plain"])
    func recordedGames(variant: String) throws {
        let file = try Fixtures.blackjack.get()
        let recorded = try #require(file.variants[variant])
        var game = try Blackjack(usesSuttonBartoRules: recorded.kwargs.sab, paysNaturalBonus: recorded.kwargs.natural)
        #expect(Blackjack.deck == file.deck)
        for episode in recorded.episodes {
            try game.setUpcomingCards(episode.dealerHand + episode.playerHand + episode.draws)
            let first = game.reset(seed: UInt64(episode.seed))
            #expect([first.x, first.y, first.z] == episode.initialObservation, "seed \(episode.seed)")
            #expect(game.dealerHand == episode.dealerHand && game.playerHand == episode.playerHand)
            for (number, step) in episode.steps.enumerated() {
                let result = try game.step(step.action)
                let label = "\(variant) seed \(episode.seed) step \(number + 1)"
                #expect([result.observation.x, result.observation.y, result.observation.z] == step.observation, "\(label)")
                #expect(result.reward == step.reward, "\(label)")
                #expect(result.terminated == step.terminated && !result.truncated, "\(label)")
                #expect(game.observationSpace.contains(result.observation))
            }
            #expect(game.playerHand == episode.finalPlayerHand, "\(variant) seed \(episode.seed)")
            #expect(game.dealerHand == episode.finalDealerHand, "\(variant) seed \(episode.seed)")
        }
    }

    @Test("the recorded games cover naturals, 1.5 payouts, busts and usable aces")
    func coverage() throws {
        let natural = try #require(try Fixtures.blackjack.get().variants["natural"])
        #expect(natural.episodes.contains { $0.steps.last?.reward == 1.5 })
        #expect(natural.episodes.contains { $0.steps.contains { $0.observation[2] == 1 } })
        #expect(natural.episodes.contains { $0.steps.last?.reward == -1 && $0.steps.last?.action == 1 })
    }

    @Test("spaces and registration are Gymnasium's: Tuple(Discrete(32), Discrete(11), Discrete(2)), Discrete(2), sab by default")
    func spacesAndRegistration() throws {
        let file = try Fixtures.blackjack.get()
        let registration = try EnvironmentRegistry.standard.registration(named: "blackjack")
        #expect(registration.id == file.env.id && registration.maxEpisodeSteps == nil && registration.rewardThreshold == nil)
        let game = try #require(try registration.make() as? Blackjack)
        #expect(game.usesSuttonBartoRules && !game.paysNaturalBonus)
        #expect("\(game.observationSpace)" == "Tuple(Discrete(32), Discrete(11), Discrete(2))")
        #expect(game.observationSpace.elementCount == 704 && game.observationSpace.flattenedCount == 45)
        let plain = try #require(try registration.make(options: ["sab": "false"]) as? Blackjack)
        #expect(!plain.usesSuttonBartoRules && !plain.paysNaturalBonus)
        let bonus = try #require(try registration.make(options: ["sab": "false", "natural": "true"]) as? Blackjack)
        #expect(bonus.paysNaturalBonus)
    }

    @Test("sab with natural, and bad cards, are refused with one clear line")
    func badInput() throws {
        #expect(throws: EnvironmentError.invalidOption(
            "Blackjack-v1: option natural needs sab=false (under Sutton and Barto's rules a natural pays 1), got 'true'")) {
            try EnvironmentRegistry.standard.make("blackjack", options: ["natural": "true"])
        }
        #expect(throws: EnvironmentError.self) { try Blackjack(usesSuttonBartoRules: true, paysNaturalBonus: true) }
        var game = try Blackjack()
        #expect(throws: EnvironmentError.invalidOption("Blackjack: a card is 1 (ace) to 10, got 11")) {
            try game.setUpcomingCards([3, 11])
        }
        _ = game.reset(seed: 1)
        #expect(throws: EnvironmentError.self) { try game.step(2) }
    }

    @Test("random deals are repeatable by seed and draw each of the 13 ranks equally often")
    func randomDeals() throws {
        var game = try Blackjack(), other = try Blackjack()
        var counts = [Int: Int]()
        _ = game.reset(seed: 9)
        _ = other.reset(seed: 9)
        for _ in 0..<20_000 {
            #expect(game.reset() == other.reset())
            for card in game.playerHand + game.dealerHand { counts[card, default: 0] += 1 }
        }
        let total = Double(counts.values.reduce(0, +))
        #expect(abs(Double(counts[10] ?? 0) / total - 4.0 / 13) < 0.01)
        #expect(abs(Double(counts[1] ?? 0) / total - 1.0 / 13) < 0.01)
    }

    @Test("the text shows the dealer's hidden card only once the player sticks")
    func text() throws {
        var game = try Blackjack()
        try game.setUpcomingCards([3, 7, 10, 8, 7])
        _ = game.reset(seed: 0)
        #expect(game.renderText() == "dealer  3 ??\nplayer  10 8  = 18\n")
        _ = try game.step(0)
        #expect(game.renderText() == "dealer  3 7 7  = 17\nplayer  10 8  = 18\n")
        #expect(game.episodeSucceeded == true)
    }
}
