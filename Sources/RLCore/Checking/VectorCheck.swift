import SeededRandom

/// The vector checks of ``EnvironmentChecker``: a ``VectorEnvironment`` of the environment
/// against single instances given the same actions, in both autoreset modes, and on one thread
/// against several.
///
/// Single instances are the reference: the checks before these established that one instance
/// keeps the contract, so a difference means the copies interfere (shared random generators,
/// one instance handed out several times, global state) or do not survive the vector's
/// handling (flattening, resets between episodes).
struct VectorCheckRun<E: Environment> {
    /// One batch of actions as the vector takes them, and the actions the single instances get.
    struct Batch {
        var indices: [Int] = []
        var rows: [Float] = []
        var actions: [E.Action] = []
    }

    let checker: EnvironmentChecker
    let make: () throws -> E
    var report: EnvironmentCheckReport

    var copyCount: Int { checker.vectorCopies }

    mutating func checkAll() {
        for mode in AutoresetMode.allCases {
            guard checkAgainstSingleEnvironments(mode) else { return }
        }
        checkThreads()
    }

    // MARK: Making

    mutating func makeVector(_ mode: AutoresetMode, _ threading: VectorThreading) -> VectorEnvironment<E>? {
        do {
            return try VectorEnvironment(copies: copyCount, autoreset: mode, threading: threading) { _ in try make() }
        } catch {
            let message = "making a vector of \(copyCount) environments threw: \(error)"
            report.add(.vectorShape, message)
            return nil
        }
    }

    mutating func makeSingles() -> [E]? {
        do {
            return try (0..<copyCount).map { _ in try make() }
        } catch {
            report.add(.creationFailed, "making the environment threw: \(error)")
            return nil
        }
    }

    // MARK: Shapes

    mutating func checkShapes(_ vector: VectorEnvironment<E>, _ mode: AutoresetMode) -> Bool {
        let observationSpace = vector.observationSpace, actionSpace = vector.actionSpace
        let width = observationSpace.flattenedCount
        let rows = copyCount * width
        let expectedLayout = actionSpace.elementCount.map { VectorActionLayout.indices(count: $0) }
            ?? .rows(width: actionSpace.flattenedCount)
        let wrong: [String] = [
            vector.observationWidth != width ? "observation rows of \(vector.observationWidth) floats, not \(width)" : nil,
            vector.observations.count != rows ? "\(vector.observations.count) observation floats, not \(rows)" : nil,
            (vector.observationIndices?.count ?? -1) != (observationSpace.isFinite ? copyCount : -1)
                ? "observation indices \(vector.observationIndices == nil ? "missing" : "present") for \(observationSpace)" : nil,
            [vector.rewards.count, vector.terminated.count, vector.truncated.count, vector.hasFinalObservation.count,
             vector.episodeReturns.count, vector.episodeLengths.count].contains { $0 != copyCount }
                ? "per-copy buffers not of \(copyCount) values" : nil,
            vector.finalObservations.count != (mode == .sameStep ? rows : 0)
                ? "\(vector.finalObservations.count) final-observation floats in \(mode.rawValue) mode" : nil,
            vector.actionLayout != expectedLayout ? "actions as \(vector.actionLayout), not \(expectedLayout)" : nil,
        ].compactMap { $0 }
        guard wrong.isEmpty else {
            let message = "a vector of \(copyCount) copies has " + wrong.joined(separator: ", ")
            report.add(.vectorShape, message)
            return false
        }
        return true
    }

    // MARK: Against single environments

    /// Steps a vector in `mode` and single instances beside it with the same actions, applying
    /// the autoreset rule to the singles by hand; returns whether the checks may go on.
    mutating func checkAgainstSingleEnvironments(_ mode: AutoresetMode) -> Bool {
        guard var singles = makeSingles(), let vector = makeVector(mode, .synchronous),
              checkShapes(vector, mode) else { return false }
        let seed = checker.seed
        vector.reset(seed: seed)
        for copy in 0..<copyCount {
            let first = singles[copy].reset(seed: seed &+ UInt64(copy))
            guard observation(of: vector, copy: copy, equals: first, final: false) else {
                report.add(.vectorSeeding,
                           "copy \(copy) of a vector reset with seed \(seed) starts at \(vector.observation(copy: copy)), a single environment reset with seed \(seed &+ UInt64(copy)) at \(first)")
                return false
            }
        }

        var generator = SeededGenerator(seed: seed &+ 2)
        var resetNext = Array(repeating: false, count: copyCount)
        var returns = Array(repeating: 0.0, count: copyCount)
        var lengths = Array(repeating: 0, count: copyCount)
        var (steps, episodes) = (0, 0)
        for batchStep in 1...checker.vectorSteps {
            guard let batch = sampleBatch(vector, &generator) else { return false }
            do {
                try apply(batch, to: vector)
            } catch {
                report.add(.vectorAutoreset, "\(mode.rawValue) autoreset: batch step \(batchStep) threw '\(error)'")
                return false
            }
            for copy in 0..<copyCount {
                let place = "\(mode.rawValue) autoreset, copy \(copy), batch step \(batchStep)"
                if resetNext[copy] {
                    resetNext[copy] = false
                    let first = singles[copy].reset(seed: nil)
                    let reported = StepResult(observation: first, reward: 0)
                    guard matches(vector, copy: copy, reported, place: place + " (the step that resets it)") else { return false }
                    continue
                }
                let result: StepResult<E.Observation>
                do {
                    result = try singles[copy].step(batch.actions[copy])
                } catch {
                    report.add(.vectorAutoreset, "\(place): a single environment threw '\(error)' for the same action")
                    return false
                }
                steps += 1
                returns[copy] += result.reward
                lengths[copy] += 1
                var reported = result
                if result.isDone {
                    episodes += 1
                    let expected = EpisodeRecord(totalReward: returns[copy], length: lengths[copy], terminated: result.terminated,
                                                 truncated: result.truncated, succeeded: singles[copy].episodeSucceeded)
                    (returns[copy], lengths[copy]) = (0, 0)
                    guard vector.finishedEpisode(copy: copy) == expected else {
                        report.add(.vectorAutoreset,
                                   "\(place): the vector recorded the episode as \(String(describing: vector.finishedEpisode(copy: copy))), single steps give \(expected)")
                        return false
                    }
                    switch mode {
                    case .nextStep:
                        resetNext[copy] = true
                    case .sameStep:
                        guard vector.hasFinalObservation[copy], observation(of: vector, copy: copy, equals: result.observation, final: true) else {
                            report.add(.vectorAutoreset, "\(place): the final observation is not the episode's last, \(result.observation)")
                            return false
                        }
                        reported.observation = singles[copy].reset(seed: nil)
                    }
                } else if vector.hasFinalObservation[copy] {
                    report.add(.vectorAutoreset, "\(place): a final observation is flagged for an episode that goes on")
                    return false
                }
                guard matches(vector, copy: copy, reported, place: place) else { return false }
                guard vector.episodeReturns[copy] == returns[copy], vector.episodeLengths[copy] == lengths[copy] else {
                    report.add(.vectorAutoreset,
                               "\(place): the running episode has return \(vector.episodeReturns[copy]) and length \(vector.episodeLengths[copy]), single steps give \(returns[copy]) and \(lengths[copy])")
                    return false
                }
            }
        }
        guard vector.totalSteps == steps, vector.completedEpisodes == episodes else {
            report.add(.vectorAutoreset,
                       "\(mode.rawValue) autoreset: the vector counted \(vector.totalSteps) steps and \(vector.completedEpisodes) episodes, single environments \(steps) and \(episodes)")
            return false
        }
        if episodes == 0 {
            report.note("no episode ended within \(checker.vectorSteps) vector steps; autoreset was not checked (raise vectorSteps)")
        }

        // Unseeded resets continue each copy's stream.
        vector.reset(seed: nil)
        for copy in 0..<copyCount {
            let first = singles[copy].reset(seed: nil)
            guard observation(of: vector, copy: copy, equals: first, final: false) else {
                report.add(.vectorSeeding,
                           "after reset(seed: nil), copy \(copy) of a vector starts at \(vector.observation(copy: copy)), a single environment continuing its stream at \(first)")
                return false
            }
        }
        return true
    }

    // MARK: Threads

    /// Steps a vector on one thread and one on two threads (a share per copy) with the same actions, and
    /// compares every buffer after every step.
    mutating func checkThreads() {
        guard copyCount > 1, let one = makeVector(.sameStep, .synchronous),
              let split = makeVector(.sameStep, .threads(2)) else { return }
        one.reset(seed: checker.seed)
        split.reset(seed: checker.seed)
        var generator = SeededGenerator(seed: checker.seed &+ 3)
        for batchStep in 0...checker.vectorSteps {
            if batchStep > 0 {
                guard let batch = sampleBatch(one, &generator) else { return }
                do {
                    try apply(batch, to: one)
                    try apply(batch, to: split)
                } catch {
                    report.add(.vectorThreading, "batch step \(batchStep) threw '\(error)'")
                    return
                }
            }
            let same = Self.bits(one.observations) == Self.bits(split.observations)
                && Self.bits(one.finalObservations) == Self.bits(split.finalObservations)
                && Self.bits(one.rewards) == Self.bits(split.rewards)
                && Array(one.terminated) == Array(split.terminated) && Array(one.truncated) == Array(split.truncated)
                && Array(one.hasFinalObservation) == Array(split.hasFinalObservation)
                && Array(one.episodeLengths) == Array(split.episodeLengths)
                && Array(one.episodeReturns) == Array(split.episodeReturns)
            guard same else {
                let when = batchStep == 0 ? "after reset" : "at batch step \(batchStep)"
                report.add(.vectorThreading,
                           "a vector split across 2 threads differs \(when) from one on a single thread: the environment is not safe to step on several threads at once (shared mutable state?)")
                return
            }
        }
    }

    // MARK: Helpers

    /// Samples one action per copy and puts it as the vector takes it; `nil` (with a note) when
    /// the action space cannot be put that way.
    mutating func sampleBatch(_ vector: VectorEnvironment<E>, _ generator: inout SeededGenerator) -> Batch? {
        let space = vector.actionSpace
        var batch = Batch()
        for _ in 0..<copyCount {
            let sample = space.sample(using: &generator)
            switch vector.actionLayout {
            case .indices:
                guard let index = space.index(of: sample), let action = space.element(atIndex: index) else {
                    report.note("the action space \(space) does not number its samples; the vector checks stopped")
                    return nil
                }
                batch.indices.append(index)
                batch.actions.append(action)
            case .rows:
                let row = space.flattened(sample)
                guard let action = space.unflatten(row) else {
                    report.note("the action space \(space) cannot read actions from rows of floats (unflatten); the vector checks stopped")
                    return nil
                }
                batch.rows.append(contentsOf: row)
                batch.actions.append(action)
            }
        }
        return batch
    }

    func apply(_ batch: Batch, to vector: VectorEnvironment<E>) throws {
        switch vector.actionLayout {
        case .indices: try vector.step(actionIndices: batch.indices)
        case .rows: try vector.step(actionRows: batch.rows)
        }
    }

    /// Whether the vector reported `result` for `copy` (observation, index, reward rounded to
    /// `Float`, flags); reports the first difference.
    mutating func matches(_ vector: VectorEnvironment<E>, copy: Int, _ result: StepResult<E.Observation>, place: String) -> Bool {
        let reward = vector.rewards[copy]
        guard observation(of: vector, copy: copy, equals: result.observation, final: false) else {
            report.add(.vectorAutoreset, "\(place): the vector reports the observation \(vector.observation(copy: copy)), single steps give \(result.observation)")
            return false
        }
        guard reward.bitPattern == Float(result.reward).bitPattern, vector.terminated[copy] == result.terminated,
              vector.truncated[copy] == result.truncated else {
            report.add(.vectorAutoreset,
                       "\(place): the vector reports reward \(reward), terminated \(vector.terminated[copy]), truncated \(vector.truncated[copy]); single steps give \(result.reward), \(result.terminated), \(result.truncated)")
            return false
        }
        return true
    }

    /// Whether copy `copy`'s observation row (or final-observation row) and index hold `observation`, bit for bit.
    func observation(of vector: VectorEnvironment<E>, copy: Int, equals observation: E.Observation, final: Bool) -> Bool {
        let space = vector.observationSpace
        let width = vector.observationWidth
        let rows = final ? vector.finalObservations : vector.observations
        guard space.contains(observation), rows.count >= (copy + 1) * width else { return false }
        let row = Self.bits(UnsafeBufferPointer(rebasing: rows[copy * width ..< (copy + 1) * width]))
        guard row == space.flattened(observation).map(\.bitPattern) else { return false }
        guard let indices = final ? vector.finalObservationIndices : vector.observationIndices else { return true }
        return indices[copy] == space.index(of: observation)
    }

    static func bits(_ buffer: UnsafeBufferPointer<Float>) -> [UInt32] { buffer.map(\.bitPattern) }
}
