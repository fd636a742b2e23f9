import RL

/// The best possible ordering policy for an ``Inventory`` shop and its expected profit, found
/// by dynamic programming: the yardstick for what the Q-table agent learns by trial and error.
///
/// Backward induction over the days (Bellman's equation for a finite horizon, no discount):
///
///     V(seasonDays, s) = 0
///     Q(d, s, a)       = Σ over demands x of P(x) · (profit(s, a, x) + V(d + 1, s'(s, a, x)))
///     V(d, s)          = maxₐ Q(d, s, a)
///
/// with the same day rules the environment plays by (``Inventory/outcome(stock:order:demand:)``).
struct InventoryPlanner {
    /// The best order on each day for each stock level: `bestOrders[day][stock]`.
    let bestOrders: [[Int]]
    /// The expected profit of a whole season played with the best orders, from each starting
    /// stock level: `seasonValues[stock]`.
    let seasonValues: [Double]
    /// The expected profit of a season from the shop's random starting stock.
    let expectedSeasonProfit: Double

    /// Plans the best orders for `shop`'s season.
    init(_ shop: Inventory) {
        let demands = 0 ... Inventory.largestDemand
        let probability = 1 / Double(demands.count)
        var values = [Double](repeating: 0, count: shop.capacity + 1)   // V(seasonDays, ·) = 0
        var bestOrders: [[Int]] = []
        for _ in 0 ..< shop.seasonDays {
            var dayValues = values
            var dayOrders = [Int](repeating: 0, count: shop.capacity + 1)
            for stock in 0 ... shop.capacity {
                var best = -Double.infinity
                for order in 0 ... shop.capacity {
                    var expected = 0.0
                    for demand in demands {
                        let outcome = shop.outcome(stock: stock, order: order, demand: demand)
                        expected += probability * (outcome.profit + values[outcome.stock])
                    }
                    // Strictly better only, so ties go to the smaller order.
                    if expected > best + 1e-9 {
                        best = expected
                        dayOrders[stock] = order
                    }
                }
                dayValues[stock] = best
            }
            values = dayValues
            bestOrders.insert(dayOrders, at: 0)
        }
        self.bestOrders = bestOrders
        seasonValues = values
        let starts = shop.startingStocks
        expectedSeasonProfit = starts.map { values[$0] }.reduce(0, +) / Double(starts.count)
    }

    /// Plays the best orders for `episodes` seasons and summarises them as an agent's
    /// evaluation does: the first season starts with `reset(seed: seed)`, the others continue
    /// the shop's random stream. Demand does not depend on the orders, so with the same seed
    /// these are the very seasons an agent's `evaluate(on:episodes:seed:)` plays.
    ///
    /// - Throws: what `step` throws (nothing: the best orders are valid actions).
    func evaluate(on shop: inout Inventory, episodes: Int, seed: UInt64) throws -> EvaluationReport {
        var returns: [Double] = []
        var lengths: [Int] = []
        var successes: [Bool?] = []
        _ = shop.reset(seed: seed)
        for _ in 0 ..< episodes {
            var total = 0.0
            var length = 0
            var result: StepResult<Int>
            repeat {
                result = try shop.step(bestOrders[shop.day][shop.stock])
                total += result.reward
                length += 1
            } while !result.isDone
            returns.append(total)
            lengths.append(length)
            successes.append(shop.episodeSucceeded)
            _ = shop.reset()
        }
        return EvaluationReport(returns: returns, lengths: lengths, successes: successes)
    }
}
