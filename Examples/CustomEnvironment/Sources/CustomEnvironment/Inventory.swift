import RL

/// A shop that sells one product through a season: the example's environment with a
/// `Discrete` observation, for the Q-table agent.
///
/// Every morning the shopkeeper sees the day and the units on the shelf, and orders more
/// (delivered at once, as many as fit on the shelf). Customers then ask for 0 to 4 units, each
/// number equally likely, and buy what is there. The day's reward is its profit:
///
///     price · sold − unit cost · delivered − order fee (when anything was delivered)
///                  − holding cost · units left overnight
///
/// The episode terminates after the season's last day; unsold units are then worthless.
/// A good shopkeeper orders in batches (every order pays the fee) but not too much (stock
/// costs to keep) and stops ordering as the season ends: the classic (s, S) policy. Ordering
/// at random loses money.
///
/// - Observation: `day · (capacity + 1) + stock`, with `day` in `0 ... seasonDays` (the
///   last observation of an episode has `day == seasonDays`: the season is over).
/// - Action: the number of units to order, `0 ... capacity`.
struct Inventory: Environment {
    /// What a customer pays for a unit.
    static let price = 5.0
    /// What the shop pays for a unit.
    static let unitCost = 2.0
    /// What every delivery costs, whatever its size.
    static let orderFee = 5.0
    /// What keeping a unit overnight costs.
    static let holdingCost = 0.5
    /// The most units customers ask for in a day (each of `0 ... largestDemand` is equally likely).
    static let largestDemand = 4

    /// The number of days in a season (≥ 1).
    let seasonDays: Int
    /// The number of units the shelf holds (≥ 1).
    let capacity: Int

    let observationSpace: Discrete
    let actionSpace: Discrete

    /// The current day, `0 ... seasonDays`.
    private(set) var day = 0
    /// The units on the shelf.
    private(set) var stock = 0
    /// The profit made so far this season.
    private(set) var seasonProfit = 0.0
    private var needsReset = true
    // Seeded from the system until the first `reset(seed:)`, as the protocol asks.
    private var generator = SeededGenerator(seed: .random(in: .min ... .max))

    /// A shop with a season of `seasonDays` days and a shelf of `capacity` units.
    ///
    /// - Throws: ``EnvironmentError/invalidOption(_:)`` when either is below 1.
    init(seasonDays: Int = 15, capacity: Int = 9) throws {
        guard seasonDays >= 1, capacity >= 1 else {
            throw EnvironmentError.invalidOption(
                "Inventory: the season needs at least 1 day and the shelf at least 1 unit, got \(seasonDays) and \(capacity)")
        }
        self.seasonDays = seasonDays
        self.capacity = capacity
        observationSpace = Discrete((seasonDays + 1) * (capacity + 1))
        actionSpace = Discrete(capacity + 1)
    }

    /// The observation for a day and a stock level.
    func observation(day: Int, stock: Int) -> Int {
        day * (capacity + 1) + stock
    }

    /// The stock levels an episode may start with, each equally likely.
    var startingStocks: ClosedRange<Int> { 0 ... capacity / 2 }

    mutating func reset(seed: UInt64?) -> Int {
        if let seed { generator = SeededGenerator(seed: seed) }
        day = 0
        stock = startingStocks.lowerBound + generator.uniformInt(below: startingStocks.count)
        seasonProfit = 0
        needsReset = false
        return observation(day: day, stock: stock)
    }

    mutating func step(_ order: Int) throws -> StepResult<Int> {
        // Throws EnvironmentError before the first reset, after the season ended, and for an
        // order outside 0 ... capacity.
        try checkStep(order, needsReset: needsReset)
        let demand = generator.uniformInt(below: Self.largestDemand + 1)
        let outcome = self.outcome(stock: stock, order: order, demand: demand)
        stock = outcome.stock
        seasonProfit += outcome.profit
        day += 1
        needsReset = day == seasonDays
        return StepResult(observation: observation(day: day, stock: stock), reward: outcome.profit,
                          terminated: needsReset)
    }

    /// One day's business: the units left in the evening and the day's profit. Shared by `step`
    /// and by ``InventoryPlanner``, so the plan is computed for exactly these rules.
    func outcome(stock: Int, order: Int, demand: Int) -> (stock: Int, profit: Double) {
        let delivered = min(order, capacity - stock)
        let sold = min(demand, stock + delivered)
        let left = stock + delivered - sold
        let profit = Self.price * Double(sold) - Self.unitCost * Double(delivered)
            - (delivered > 0 ? Self.orderFee : 0) - Self.holdingCost * Double(left)
        return (left, profit)
    }

    /// A season "succeeds" when it ends in profit.
    var episodeSucceeded: Bool? { day == seasonDays && seasonProfit > 0 }

    func renderText() -> String {
        let shelf = String(repeating: "■", count: stock) + String(repeating: "·", count: capacity - stock)
        return "day \(day)/\(seasonDays)  shelf [\(shelf)] \(stock)/\(capacity)  profit \(seasonProfit)"
    }
}
