import SeededRandom

/// The transitions of a tabular environment, stored flat for fast sampling: the machinery
/// behind FrozenLake, CliffWalking and the grid worlds, usable for any finite environment.
///
/// Build it once from a function that lists each (state, action)'s outcomes; sampling an
/// outcome then costs one uniform draw and a short scan of cumulative probabilities, with no
/// allocation. The sampling rule is Gymnasium's `categorical_sample`: the first outcome whose
/// cumulative probability exceeds a uniform draw in [0, 1) (the last one if rounding leaves
/// the total a hair under the draw).
public struct TransitionTable: TabularModel, Sendable {
    /// One stored outcome; `cumulativeProbability` is the sum of the probabilities of this
    /// outcome and those listed before it for the same (state, action).
    @usableFromInline
    struct Outcome: Sendable {
        @usableFromInline var cumulativeProbability: Double
        @usableFromInline var probability: Double
        @usableFromInline var reward: Double
        @usableFromInline var nextState: Int32
        @usableFromInline var terminated: Bool

        @usableFromInline
        init(cumulativeProbability: Double, probability: Double, reward: Double, nextState: Int32, terminated: Bool) {
            self.cumulativeProbability = cumulativeProbability
            self.probability = probability
            self.reward = reward
            self.nextState = nextState
            self.terminated = terminated
        }
    }

    public let stateCount: Int
    public let actionCount: Int

    /// All outcomes, (state, action) after (state, action).
    @usableFromInline let outcomes: [Outcome]
    /// Where each (state, action)'s outcomes start in `outcomes`; one extra entry at the end.
    @usableFromInline let firstOutcome: [Int32]

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
        self.stateCount = stateCount
        self.actionCount = actionCount
        var outcomes: [Outcome] = []
        var firstOutcome: [Int32] = []
        firstOutcome.reserveCapacity(stateCount * actionCount + 1)
        for state in 0..<stateCount {
            for action in 0..<actionCount {
                let list = try makeOutcomes(state, action)
                guard !list.isEmpty else {
                    throw EnvironmentError.protocolViolation("state \(state), action \(action): no outcomes")
                }
                firstOutcome.append(Int32(outcomes.count))
                var cumulative = 0.0
                for transition in list {
                    guard transition.probability.isFinite, transition.probability >= 0 else {
                        throw EnvironmentError.protocolViolation(
                            "state \(state), action \(action): probability \(transition.probability) is not in [0, 1]")
                    }
                    guard transition.nextState >= 0, transition.nextState < stateCount else {
                        throw EnvironmentError.protocolViolation(
                            "state \(state), action \(action): next state \(transition.nextState) is not in 0..<\(stateCount)")
                    }
                    // Summed in order, as numpy's cumsum does, so sampling matches Gymnasium's rule.
                    cumulative += transition.probability
                    outcomes.append(Outcome(cumulativeProbability: cumulative, probability: transition.probability,
                                            reward: transition.reward, nextState: Int32(transition.nextState),
                                            terminated: transition.terminated))
                }
                guard abs(cumulative - 1) <= 1e-9 else {
                    throw EnvironmentError.protocolViolation(
                        "state \(state), action \(action): probabilities sum to \(cumulative), not 1")
                }
            }
        }
        firstOutcome.append(Int32(outcomes.count))
        self.outcomes = outcomes
        self.firstOutcome = firstOutcome
    }

    public func transitions(from state: Int, action: Int) -> [Transition] {
        precondition(state >= 0 && state < stateCount && action >= 0 && action < actionCount,
                     "state \(state) or action \(action) out of range")
        let range = Int(firstOutcome[state * actionCount + action])..<Int(firstOutcome[state * actionCount + action + 1])
        return outcomes[range].map {
            Transition(probability: $0.probability, nextState: Int($0.nextState), reward: $0.reward, terminated: $0.terminated)
        }
    }

    // MARK: - Sampling (the hot path of tabular environments)

    /// The outcome drawn for `action` in `state`, as its index for ``nextState(ofOutcome:)``,
    /// ``reward(ofOutcome:)`` and ``terminated(ofOutcome:)``; one draw from `generator`.
    ///
    /// - Precondition: `state` and `action` are in range (unchecked in release builds beyond
    ///   the array bounds checks; environments check actions before calling).
    @inlinable
    public func sampleOutcome<Generator: RandomNumberGenerator>(
        state: Int, action: Int, using generator: inout Generator
    ) -> Int {
        let key = state &* actionCount &+ action
        var index = Int(firstOutcome[key])
        let last = Int(firstOutcome[key &+ 1]) &- 1
        // A single outcome needs no draw (Gymnasium draws anyway; its stream is not ours).
        if index == last { return index }
        let draw = generator.uniformDouble()
        while index < last && outcomes[index].cumulativeProbability <= draw {
            index &+= 1
        }
        return index
    }

    /// The state an outcome leads to.
    @inlinable
    public func nextState(ofOutcome outcome: Int) -> Int { Int(outcomes[outcome].nextState) }

    /// The reward of an outcome.
    @inlinable
    public func reward(ofOutcome outcome: Int) -> Double { outcomes[outcome].reward }

    /// Whether an outcome ends the episode.
    @inlinable
    public func terminated(ofOutcome outcome: Int) -> Bool { outcomes[outcome].terminated }
}
