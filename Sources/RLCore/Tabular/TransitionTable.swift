import SeededRandom

/// The transitions of a tabular environment, stored flat for fast sampling: the machinery
/// behind FrozenLake, CliffWalking and the grid worlds, usable for any finite environment.
///
/// Build it once from a function that lists each (state, action)'s outcomes; sampling an
/// outcome then costs one uniform draw and a few comparisons without branches, and allocates
/// nothing. The sampling rule is Gymnasium's `categorical_sample`: the first outcome whose
/// cumulative probability exceeds a uniform draw in [0, 1) (the last one if rounding leaves
/// the total a hair under the draw).
public struct TransitionTable: TabularModel, Sendable {
    /// One stored outcome.
    @usableFromInline
    struct Outcome: Sendable {
        @usableFromInline var reward: Double
        @usableFromInline var probability: Double
        @usableFromInline var nextState: Int32
        @usableFromInline var terminated: Bool

        @usableFromInline
        init(reward: Double, probability: Double, nextState: Int32, terminated: Bool) {
            self.reward = reward
            self.probability = probability
            self.nextState = nextState
            self.terminated = terminated
        }
    }

    public let stateCount: Int
    public let actionCount: Int

    /// The most outcomes any (state, action) has; each pair gets this many slots, so the slots
    /// of pair `p = state * actionCount + action` are `p * slotCount ..< (p + 1) * slotCount`.
    @usableFromInline let slotCount: Int
    /// The outcomes by slot; unused slots repeat the pair's last outcome.
    @usableFromInline let slots: [Outcome]
    /// The number of real outcomes of each pair.
    @usableFromInline let outcomeCounts: [Int32]
    /// `slotCount - 1` thresholds per pair: the cumulative probability `c` of each outcome but
    /// the last, as the 53-bit integer `ceil(c × 2⁵³)` (`UInt64.max` for unused slots). With a
    /// draw `u = k × 2⁻⁵³` (`k` the top 53 bits of a random word, as `uniformDouble()` makes it),
    /// `u ≥ c` exactly when `k ≥ ceil(c × 2⁵³)`; the outcome drawn is the number of thresholds
    /// at or below `k` — Gymnasium's rule, computed with integer comparisons and no branches.
    @usableFromInline let thresholds: [UInt64]

    /// Builds the table by asking `outcomes` for each state and action.
    ///
    /// - Throws: ``EnvironmentError/protocolViolation(_:)`` when a list is empty, a
    ///   probability is negative or not finite, the probabilities do not sum to 1 (within
    ///   1e-9), or a next state is out of range; and whatever `outcomes` throws.
    public init(stateCount: Int, actionCount: Int,
                outcomes makeOutcomes: (_ state: Int, _ action: Int) throws -> [Transition]) throws {
        guard stateCount >= 1, actionCount >= 1, stateCount < Int(Int32.max) else {
            throw EnvironmentError.protocolViolation(
                "a transition table needs at least one state and one action, got \(stateCount) and \(actionCount)")
        }
        // The outcomes go straight into their padded slots (no list per pair is kept: a
        // million-cell grid has four million pairs). When a pair has more outcomes than any
        // before it, the slots so far are padded again, which happens at most a few times.
        let pairCount = stateCount * actionCount
        var slotCount = 0
        var slots: [Outcome] = []
        var outcomeCounts: [Int32] = []
        outcomeCounts.reserveCapacity(pairCount)
        for state in 0..<stateCount {
            for action in 0..<actionCount {
                let list = try makeOutcomes(state, action)
                try Self.validate(list, state: state, action: action, stateCount: stateCount)
                if list.count > slotCount {
                    slots = Self.padded(slots, counts: outcomeCounts, from: slotCount, to: list.count, capacity: pairCount)
                    slotCount = list.count
                }
                for slot in 0..<slotCount {
                    // Unused slots repeat the last outcome.
                    let transition = list[min(slot, list.count - 1)]
                    slots.append(Outcome(reward: transition.reward, probability: transition.probability,
                                         nextState: Int32(transition.nextState), terminated: transition.terminated))
                }
                outcomeCounts.append(Int32(list.count))
            }
        }
        var thresholds: [UInt64] = []
        thresholds.reserveCapacity(pairCount * (slotCount - 1))
        for pair in 0..<pairCount {
            var cumulative = 0.0
            for slot in 0..<(slotCount - 1) {
                // Summed in order, as NumPy's cumsum does, so the thresholds are Gymnasium's.
                if slot < Int(outcomeCounts[pair]) - 1 {
                    cumulative += slots[pair * slotCount + slot].probability
                    thresholds.append(Self.threshold(cumulative))
                } else {
                    thresholds.append(.max)
                }
            }
        }
        self.stateCount = stateCount
        self.actionCount = actionCount
        self.slotCount = slotCount
        self.slots = slots
        self.outcomeCounts = outcomeCounts
        self.thresholds = thresholds
    }

    /// `slots`, `oldCount` per pair, laid out again with `newCount` per pair (the new slots
    /// repeating each pair's last outcome), with room for `capacity` pairs.
    private static func padded(_ slots: [Outcome], counts: [Int32], from oldCount: Int, to newCount: Int, capacity: Int) -> [Outcome] {
        var result: [Outcome] = []
        result.reserveCapacity(capacity * newCount)
        for (pair, count) in counts.enumerated() {
            let start = pair * oldCount
            for slot in 0..<newCount { result.append(slots[start + min(slot, Int(count) - 1)]) }
        }
        return result
    }

    /// `ceil(c × 2⁵³)` as an integer: exact, since scaling by a power of two and rounding a
    /// double up to a whole number lose nothing; `UInt64.max` when `c` is 1 or more.
    static func threshold(_ cumulative: Double) -> UInt64 {
        let scaled = (cumulative * 0x1.0p53).rounded(.up)
        return scaled >= 0x1.0p53 ? .max : UInt64(max(0, scaled))
    }

    private static func validate(_ list: [Transition], state: Int, action: Int, stateCount: Int) throws {
        guard !list.isEmpty else {
            throw EnvironmentError.protocolViolation("state \(state), action \(action): no outcomes")
        }
        var total = 0.0
        for transition in list {
            guard transition.probability.isFinite, transition.probability >= 0 else {
                throw EnvironmentError.protocolViolation(
                    "state \(state), action \(action): probability \(transition.probability) is not in [0, 1]")
            }
            guard transition.nextState >= 0, transition.nextState < stateCount else {
                throw EnvironmentError.protocolViolation(
                    "state \(state), action \(action): next state \(transition.nextState) is not in 0..<\(stateCount)")
            }
            total += transition.probability
        }
        guard abs(total - 1) <= 1e-9 else {
            throw EnvironmentError.protocolViolation("state \(state), action \(action): probabilities sum to \(total), not 1")
        }
    }

    public func transitions(from state: Int, action: Int) -> [Transition] {
        // Cannot fail from input: environments ask only for their own states and actions they have checked.
        precondition(state >= 0 && state < stateCount && action >= 0 && action < actionCount,
                     "state \(state) or action \(action) out of range")
        let pair = state * actionCount + action
        return slots[(pair * slotCount)..<(pair * slotCount + Int(outcomeCounts[pair]))].map {
            Transition(probability: $0.probability, nextState: Int($0.nextState), reward: $0.reward, terminated: $0.terminated)
        }
    }

    // MARK: - Sampling (the hot path of tabular environments)

    /// The outcome drawn for `action` in `state`, as its index for ``nextState(ofOutcome:)``,
    /// ``reward(ofOutcome:)`` and ``terminated(ofOutcome:)``. Takes one 64-bit draw from
    /// `generator` (its top 53 bits, as `uniformDouble()`), or none when no (state, action) of
    /// the table has more than one outcome.
    ///
    /// - Precondition: `state` and `action` are in range (environments check actions before
    ///   calling; the array accesses are bounds-checked regardless).
    @inlinable
    public func sampleOutcome<Generator: RandomNumberGenerator>(
        state: Int, action: Int, using generator: inout Generator
    ) -> Int {
        let pair = state &* actionCount &+ action
        let first = pair &* slotCount
        if slotCount == 1 { return first }
        let draw = generator.next() >> 11
        // Slippery grids have three outcomes everywhere: two comparisons, unrolled.
        if slotCount == 3 {
            let firstThreshold = pair &* 2
            let below = (draw >= thresholds[firstThreshold] ? 1 : 0) &+ (draw >= thresholds[firstThreshold &+ 1] ? 1 : 0)
            return first &+ below
        }
        let thresholdCount = slotCount &- 1
        let firstThreshold = pair &* thresholdCount
        var offset = 0
        for index in firstThreshold..<(firstThreshold &+ thresholdCount) {
            offset &+= draw >= thresholds[index] ? 1 : 0
        }
        return first &+ offset
    }

    /// One sampled step from `state` with `action`: the state it leads to, its reward and
    /// whether it ends the episode (what a tabular environment's `step` returns).
    @inlinable
    public func sampleStep<Generator: RandomNumberGenerator>(
        from state: Int, action: Int, using generator: inout Generator
    ) -> (nextState: Int, reward: Double, terminated: Bool) {
        let outcome = sampleOutcome(state: state, action: action, using: &generator)
        return (nextState(ofOutcome: outcome), reward(ofOutcome: outcome), terminated(ofOutcome: outcome))
    }

    /// The state an outcome leads to.
    @inlinable
    public func nextState(ofOutcome outcome: Int) -> Int { Int(slots[outcome].nextState) }

    /// The reward of an outcome.
    @inlinable
    public func reward(ofOutcome outcome: Int) -> Double { slots[outcome].reward }

    /// Whether an outcome ends the episode.
    @inlinable
    public func terminated(ofOutcome outcome: Int) -> Bool { slots[outcome].terminated }
}
