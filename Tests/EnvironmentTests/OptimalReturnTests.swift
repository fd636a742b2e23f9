import RLCore
import RLEnvironments
import SeededRandom
import Testing

/// The best expected returns of Blackjack-v1 and Taxi-v4, computed exactly: the references of
/// the Q-table's learning targets (README, `.ci/check-targets`).
@Suite("Optimal returns of Blackjack and Taxi")
struct OptimalReturnTests {
    // MARK: - Blackjack

    /// Dynamic programming over (player sum, usable ace, dealer card) for the infinite deck,
    /// under Sutton and Barto's rules (Blackjack-v1 as registered).
    struct BlackjackSolver {
        /// Each card value's probability: 1/13, and 4/13 for 10.
        static let probabilities: [(card: Int, probability: Double)] = (1...10).map { ($0, $0 == 10 ? 4.0 / 13 : 1.0 / 13) }

        static func value(total: Int, hasAce: Bool) -> Int { hasAce && total + 10 <= 21 ? total + 10 : total }

        /// The probabilities of the dealer's final value 17...21 (index 0...4) and of a bust
        /// (index 5), from a hand with `total` (aces as 1) and whether it holds an ace.
        static func dealerOutcomes(total: Int, hasAce: Bool) -> [Double] {
            let hand = value(total: total, hasAce: hasAce)
            if hand >= 17 {
                var outcome = [Double](repeating: 0, count: 6)
                outcome[hand > 21 ? 5 : hand - 17] = 1
                return outcome
            }
            var outcome = [Double](repeating: 0, count: 6)
            for (card, probability) in probabilities {
                let next = dealerOutcomes(total: total + card, hasAce: hasAce || card == 1)
                for index in 0..<6 { outcome[index] += probability * next[index] }
            }
            return outcome
        }

        /// The dealer's outcomes for each face-up card 1...10 (the hidden card drawn from the deck).
        let dealer: [[Double]] = Self.dealerOutcomesByUpCard

        static let dealerOutcomesByUpCard: [[Double]] = (0...10).map { up in
            guard up >= 1 else { return [] }
            var outcome = [Double](repeating: 0, count: 6)
            for (card, probability) in probabilities {
                let next = dealerOutcomes(total: up + card, hasAce: up == 1 || card == 1)
                for index in 0..<6 { outcome[index] += probability * next[index] }
            }
            return outcome
        }

        /// The expected reward of sticking on `hand` (≤ 21) against the face-up card `up`.
        static func stick(_ hand: Int, _ up: Int, dealer: [[Double]]) -> Double {
            var reward = dealer[up][5]
            for final in 17...21 where final != hand {
                reward += final < hand ? dealer[up][final - 17] : -dealer[up][final - 17]
            }
            return reward
        }

        /// The best expected return from each (total, ace, up), aces counted 1 in the total
        /// (2...21), and whether hitting is best there; filled from 21 down, since a hit only
        /// raises the total.
        let bestValues: [[[Double]]]
        let hitsBest: [[[Bool]]]

        init() {
            var values = [[[Double]]](repeating: [[Double]](repeating: [Double](repeating: 0, count: 11), count: 2), count: 22)
            var hits = [[[Bool]]](repeating: [[Bool]](repeating: [Bool](repeating: false, count: 11), count: 2), count: 22)
            for total in stride(from: 21, through: 2, by: -1) {
                for ace in 0...1 {
                    for up in 1...10 {
                        var hit = 0.0
                        for (card, probability) in Self.probabilities {
                            let nextTotal = total + card, nextAce = ace == 1 || card == 1 ? 1 : 0
                            hit += probability * (nextTotal > 21 ? -1 : values[nextTotal][nextAce][up])
                        }
                        let stick = Self.stick(Self.value(total: total, hasAce: ace == 1), up, dealer: dealer)
                        (values[total][ace][up], hits[total][ace][up]) = hit > stick ? (hit, true) : (stick, false)
                    }
                }
            }
            bestValues = values
            hitsBest = hits
        }

        /// The best expected return from (total, ace) against `up`, and whether to hit there.
        func best(total: Int, hasAce: Bool, up: Int) -> (value: Double, hits: Bool) {
            (bestValues[total][hasAce ? 1 : 0][up], hitsBest[total][hasAce ? 1 : 0][up])
        }

        /// The optimum at the start: over both hands, a natural winning 1 unless the dealer has one.
        func optimum() -> Double {
            var expected = 0.0
            for (up, upProbability) in Self.probabilities {
                let dealerNatural = up == 1 ? 4.0 / 13 : up == 10 ? 1.0 / 13 : 0
                for (first, firstProbability) in Self.probabilities {
                    for (second, secondProbability) in Self.probabilities {
                        let probability = upProbability * firstProbability * secondProbability
                        let natural = Set([first, second]) == [1, 10]
                        expected += probability * (natural
                            ? 1 - dealerNatural
                            : best(total: first + second, hasAce: first == 1 || second == 1, up: up).value)
                    }
                }
            }
            return expected
        }
    }

    @Test("Blackjack-v1's optimum is -0.0431 per hand; the optimal policy played in the environment gets it")
    func blackjackOptimum() throws {
        let solver = BlackjackSolver()
        let optimum = solver.optimum()
        #expect(abs(optimum - -0.043113) < 1e-6, "\(optimum)")
        // Play the solver's policy (it depends only on the observation) in the environment.
        var game = try Blackjack()
        var policy = [SIMD3<Int>: Int]()
        _ = game.reset(seed: 21)
        let episodes = 200_000
        var total = 0.0
        for _ in 0..<episodes {
            var observation = game.reset()
            while true {
                let hand = observation.x, up = observation.y
                let action: Int
                if let known = policy[observation] {
                    action = known
                } else {
                    // The raw total and the ace follow from the sum and the usable-ace flag; a
                    // natural, or any 21, sticks.
                    let hasAce = observation.z == 1
                    action = hand >= 21 ? 0 : solver.best(total: hasAce ? hand - 10 : hand, hasAce: hasAce, up: up).hits ? 1 : 0
                    policy[observation] = action
                }
                let result = try game.step(action)
                if result.isDone {
                    total += result.reward
                    break
                }
                observation = result.observation
            }
        }
        // About 0.95 per hand: the mean of 200,000 hands is within 0.009 (4 standard errors).
        let mean = total / Double(episodes)
        #expect(abs(mean - optimum) < 0.009, "\(mean) vs \(optimum)")
    }

    // MARK: - Taxi

    @Test("Taxi-v4's optimum over its 300 starts within 200 steps is 7.93; each start's best return is 21 minus its steps")
    func taxiOptimum() throws {
        let taxi = try Taxi()
        // Value iteration, undiscounted, 200 steps to go.
        var values = [Double](repeating: 0, count: 500)
        var policy = [Int](repeating: 0, count: 500)
        for _ in 0..<200 {
            var next = values
            for state in 0..<500 {
                var best = -Double.infinity
                for action in 0..<6 {
                    let value = taxi.transitions(from: state, action: action).reduce(0.0) {
                        $0 + $1.probability * ($1.reward + ($1.terminated ? 0 : values[$1.nextState]))
                    }
                    if value > best { (best, policy[state]) = (value, action) }
                }
                next[state] = best
            }
            values = next
        }
        let optimum = taxi.initialStates.map { values[$0] }.reduce(0, +) / 300
        #expect(abs(optimum - 7.93) < 1e-9, "\(optimum)")
        // The greedy policy delivers from every start in 21 - V* steps.
        var environment = taxi
        for start in taxi.initialStates {
            var seed: UInt64 = 0
            while environment.reset(seed: seed) != start { seed += 1 }
            var state = start, total = 0.0, steps = 0
            while true {
                let result = try environment.step(policy[state])
                total += result.reward
                steps += 1
                state = result.observation
                if result.terminated { break }
            }
            #expect(total == values[start] && Double(steps) == 21 - total)
        }
    }
}
