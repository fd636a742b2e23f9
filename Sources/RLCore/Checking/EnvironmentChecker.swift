import SeededRandom

/// Checks that an environment keeps the ``Environment`` contract, as Gymnasium's
/// `gymnasium.utils.env_checker.check_env`: run it on your own environment before training.
///
/// ```swift
/// let report = EnvironmentChecker().check { Corridor() }
/// print(report)                       // "no problems found", or one line per problem
/// try EnvironmentChecker().validate { Corridor() }   // or: throw if anything is wrong
/// ```
///
/// The checker makes fresh instances with the closure you give (so it can test a never-reset
/// environment) and verifies, reporting each kind of break once:
///
/// - the spaces: samples belong to their space; finite spaces number their elements
///   consistently; flattening has at least one scalar;
/// - `step` before the first `reset` throws ``EnvironmentError/resetNeeded(environment:)``;
/// - `reset` and `step` return observations in the observation space, and finite rewards;
/// - two fresh instances reset with the same seed and given the same actions produce the same
///   observations, rewards and episode ends, over several episodes (later episodes reset with
///   `nil`, continuing the seeded stream); a used instance reset with the seed again replays
///   the first episode;
/// - `step` after an episode ended throws ``EnvironmentError/resetNeeded(environment:)``;
/// - `step` with actions outside the action space throws
///   ``EnvironmentError/invalidAction(_:)`` (for spaces that conform to
///   ``SpaceWithOutsideElements``, as ``Discrete``, ``Box`` and ``DiscreteTuple`` do), except
///   that a finite vector past a `Box`'s bounds may instead be accepted (clipped), in which
///   case the step must still return an observation in the space and a finite reward;
/// - `step` with actions inside the action space does not throw during an episode;
/// - when all of the above hold, a ``VectorEnvironment`` of ``vectorCopies`` instances has
///   buffers of the right shapes, seeds copy `i` as a single instance seeded with `seed + i`,
///   follows both autoreset rules step for step against single instances given the same
///   actions (episode records included), and gives the same results split across threads.
///
/// Actions are sampled from the action space with a generator seeded by ``seed``.
public struct EnvironmentChecker: Sendable {
    /// The seed for `reset` and for sampling actions and space elements.
    public var seed: UInt64
    /// The number of episodes each run plays (≥ 1).
    public var episodes: Int
    /// The step budget per episode; an episode still running after it is abandoned (with a
    /// note) and the next one starts.
    public var maxStepsPerEpisode: Int
    /// The copies in the vector the checker makes (0 skips the vector checks).
    public var vectorCopies: Int
    /// The batch steps each vector check takes.
    public var vectorSteps: Int

    /// A checker with its seed and budgets.
    ///
    /// - Parameters:
    ///   - seed: the seed of the resets and of the sampled actions and space elements (default 2024).
    ///   - episodes: the episodes each run plays (default 3; values below 1 count as 1).
    ///   - maxStepsPerEpisode: the step budget per episode (default 2,000; values below 1 count
    ///     as 1). Raise it for a task whose random episodes run long, so that stepping after
    ///     the end is checked too.
    ///   - vectorCopies: the copies of the vector checks (default 3; 0 or less skips them).
    ///   - vectorSteps: the batch steps of each vector check (default 200; values below 1 count
    ///     as 1). Raise it for a task whose random episodes run long, so that autoreset is
    ///     checked too.
    public init(seed: UInt64 = 2024, episodes: Int = 3, maxStepsPerEpisode: Int = 2_000,
                vectorCopies: Int = 3, vectorSteps: Int = 200) {
        self.seed = seed
        self.episodes = max(1, episodes)
        self.maxStepsPerEpisode = max(1, maxStepsPerEpisode)
        self.vectorCopies = max(0, vectorCopies)
        self.vectorSteps = max(1, vectorSteps)
    }

    // MARK: - Entry points

    /// Checks the environments `make` creates; `make` must return a fresh, never-reset
    /// instance on each call.
    public func check<E: Environment>(_ make: () throws -> E) -> EnvironmentCheckReport {
        withoutActuallyEscaping(make) { make in
            var run = CheckRun<E>(checker: self, make: make)
            run.checkAll()
            // A vector of a broken environment breaks in its turn; report the cause alone.
            guard run.report.passed && vectorCopies > 0 else { return run.report }
            var vectorRun = VectorCheckRun<E>(checker: self, make: make, report: run.report)
            vectorRun.checkAll()
            return vectorRun.report
        }
    }

    /// Checks environments made as existentials (for example by the registry); every call
    /// of `make` must return the same concrete type.
    public func check(_ make: () throws -> any Environment) -> EnvironmentCheckReport {
        let first: any Environment
        do {
            first = try make()
        } catch {
            return EnvironmentCheckReport(problems: [EnvironmentProblem(.creationFailed, "making the environment threw: \(error)")])
        }
        func open<E: Environment>(_ first: E) -> EnvironmentCheckReport {
            var handedOut = false
            return check { () throws -> E in
                if !handedOut {
                    handedOut = true
                    return first
                }
                guard let next = try make() as? E else {
                    throw EnvironmentError.protocolViolation("the factory returned environments of different types")
                }
                return next
            }
        }
        return open(first)
    }

    /// Runs ``check(_:)-(()->E)`` and throws when a problem is found.
    ///
    /// - Throws: ``EnvironmentError/protocolViolation(_:)`` listing the problems, one per line
    ///   after the first.
    public func validate<E: Environment>(_ make: () throws -> E) throws {
        try Self.throwIfFailed(check(make), environment: "\(E.self)")
    }

    /// Runs ``check(_:)-(()->any Environment)`` and throws when a problem is found.
    ///
    /// - Throws: ``EnvironmentError/protocolViolation(_:)`` listing the problems, one per line
    ///   after the first.
    public func validate(_ make: () throws -> any Environment) throws {
        try Self.throwIfFailed(check(make), environment: "environment")
    }

    private static func throwIfFailed(_ report: EnvironmentCheckReport, environment: String) throws {
        guard report.passed else {
            let list = report.problems.map(\.description).joined(separator: "; ")
            throw EnvironmentError.protocolViolation("\(environment) breaks the environment contract: \(list)")
        }
    }
}

// MARK: - One check run

/// The state of one checker run over one environment type.
private struct CheckRun<E: Environment> {
    /// What one step reported, reduced to comparable values.
    struct StepRecord: Equatable {
        var observation: [UInt32]
        var reward: UInt64
        var terminated: Bool
        var truncated: Bool
    }

    /// A run's first observations per episode and its steps, in order.
    struct Trajectory: Equatable {
        var resets: [[UInt32]] = []
        /// The number of steps before each reset.
        var stepsBeforeReset: [Int] = []
        var steps: [StepRecord] = []
    }

    let checker: EnvironmentChecker
    let make: () throws -> E
    var report = EnvironmentCheckReport()

    init(checker: EnvironmentChecker, make: @escaping () throws -> E) {
        self.checker = checker
        self.make = make
    }

    mutating func checkAll() {
        guard var environment = makeEnvironment() else { return }
        checkSpaces(of: environment)
        checkStepBeforeReset(&environment)

        // Determinism: two fresh instances, then the first one again after use. These runs only
        // play valid actions, so a break found by the probes below cannot spill into them.
        guard var first = makeEnvironment(), var second = makeEnvironment() else { return }
        let firstRun = play(&first, probing: false)
        let secondRun = play(&second, probing: false)
        compare(firstRun, secondRun, what: "two fresh environments reset with seed \(checker.seed)")
        let replay = play(&first, probing: false, episodeCount: 1)
        let firstEpisode = Trajectory(resets: Array(firstRun.resets.prefix(1)), stepsBeforeReset: [0],
                                      steps: Array(firstRun.steps.prefix(replay.steps.count)))
        compare(firstEpisode, replay, what: "a used environment reset again with seed \(checker.seed)")

        // Errors: a separate instance tries invalid actions and steps after each episode's end.
        guard var probe = makeEnvironment() else { return }
        _ = play(&probe, probing: true)
    }

    // MARK: Reporting

    mutating func add(_ kind: EnvironmentProblem.Kind, _ message: @autoclosure () -> String) {
        report.add(kind, message())
    }

    mutating func note(_ message: String) {
        report.note(message)
    }

    mutating func makeEnvironment() -> E? {
        do {
            return try make()
        } catch {
            add(.creationFailed, "making the environment threw: \(error)")
            return nil
        }
    }

    // MARK: Spaces

    mutating func checkSpaces(of environment: E) {
        checkSpace(environment.observationSpace, name: "observation space")
        checkSpace(environment.actionSpace, name: "action space")
    }

    mutating func checkSpace<S: Space>(_ space: S, name: String) {
        var generator = SeededGenerator(seed: checker.seed)
        if space.flattenedCount < 1 {
            add(.invalidSpace, "the \(name) \(space) flattens to \(space.flattenedCount) scalars")
        }
        for _ in 0..<20 {
            let sample = space.sample(using: &generator)
            if !space.contains(sample) {
                add(.invalidSpace, "the \(name) \(space) does not contain its own sample \(sample)")
                break
            }
        }
        guard let count = space.elementCount else { return }
        if count < 1 { add(.invalidSpace, "the \(name) \(space) is finite with \(count) elements") }
        for index in 0..<min(count, 10_000) {
            guard let element = space.element(atIndex: index), space.contains(element),
                  space.index(of: element) == index else {
                add(.invalidSpace, "the \(name) \(space) numbers its element \(index) inconsistently")
                return
            }
        }
    }

    // MARK: Errors

    mutating func checkStepBeforeReset(_ environment: inout E) {
        var generator = SeededGenerator(seed: checker.seed)
        let action = environment.actionSpace.sample(using: &generator)
        do {
            _ = try environment.step(action)
            add(.stepBeforeResetAccepted, "step(\(action)) before the first reset() did not throw")
        } catch let error as EnvironmentError {
            if case .resetNeeded = error { return }
            add(.wrongError, "step before reset() threw '\(error)' instead of EnvironmentError.resetNeeded")
        } catch {
            add(.wrongError, "step before reset() threw \(type(of: error)) '\(error)' instead of EnvironmentError.resetNeeded")
        }
    }

    mutating func checkStepAfterEnd(_ environment: inout E, action: E.Action, how: String) {
        do {
            _ = try environment.step(action)
            add(.stepAfterEndAccepted, "step(\(action)) after the episode was \(how) did not throw")
        } catch let error as EnvironmentError {
            if case .resetNeeded = error { return }
            add(.wrongError, "step after the episode ended threw '\(error)' instead of EnvironmentError.resetNeeded")
        } catch {
            add(.wrongError, "step after the episode ended threw \(type(of: error)) '\(error)' instead of EnvironmentError.resetNeeded")
        }
    }

    /// Tries each action outside the action space: those the space says must be refused, then
    /// those an environment may clip (a finite vector past a `Box`'s bounds). Returns whether
    /// one was accepted (which advanced the episode).
    mutating func checkInvalidActions(_ environment: inout E) -> Bool {
        guard let space = environment.actionSpace as? any SpaceWithOutsideElements else {
            note("the action space \(environment.actionSpace) does not conform to SpaceWithOutsideElements; invalid actions were not tried")
            return false
        }
        func outside<S: SpaceWithOutsideElements>(_ space: S) -> [Any] { space.outsideElements }
        func clippable<S: SpaceWithOutsideElements>(_ space: S) -> [Any] { space.clippableElements }
        for candidate in outside(space) {
            guard let action = candidate as? E.Action else { continue }
            do {
                _ = try environment.step(action)
                add(.invalidActionAccepted, "step(\(action)) with an action outside \(environment.actionSpace) did not throw")
                return true
            } catch {
                checkRefusal(error, of: action)
            }
        }
        var accepted = false
        for candidate in clippable(space) {
            guard let action = candidate as? E.Action else { continue }
            if accepted {
                // The episode moved on; start it again so the next candidate meets a fresh one.
                _ = environment.reset(seed: checker.seed)
            }
            do {
                let result = try environment.step(action)
                accepted = true
                let observations = environment.observationSpace
                if !observations.contains(result.observation) {
                    add(.observationOutsideSpace, "step(\(action)) returned \(result.observation), which is not in \(observations)")
                }
                if !result.reward.isFinite {
                    add(.invalidReward, "step(\(action)) returned the reward \(result.reward)")
                }
            } catch {
                checkRefusal(error, of: action)
            }
        }
        return accepted
    }

    /// Reports a refused action whose error is not ``EnvironmentError/invalidAction(_:)``.
    mutating func checkRefusal(_ error: any Error, of action: E.Action) {
        if let error = error as? EnvironmentError {
            if case .invalidAction = error { return }
            add(.wrongError, "step(\(action)) outside the action space threw '\(error)' instead of EnvironmentError.invalidAction")
        } else {
            add(.wrongError, "step(\(action)) outside the action space threw \(type(of: error)) '\(error)' instead of EnvironmentError.invalidAction")
        }
    }

    // MARK: Playing

    /// Plays `episodeCount` episodes (default: the checker's), the first reset with the seed
    /// and the others with `nil`, checking observations, rewards and episode ends on the way.
    /// With `probing`, also tries invalid actions at the start and a step after each end.
    mutating func play(_ environment: inout E, probing: Bool, episodeCount: Int? = nil) -> Trajectory {
        var actions = SeededGenerator(seed: checker.seed)
        var probeActions = SeededGenerator(seed: checker.seed &+ 1)
        var trajectory = Trajectory()
        let space = environment.observationSpace
        for episode in 0..<(episodeCount ?? checker.episodes) {
            let observation = environment.reset(seed: episode == 0 ? checker.seed : nil)
            if !space.contains(observation) {
                add(.observationOutsideSpace, "reset() returned \(observation), which is not in \(space)")
            }
            trajectory.resets.append(bits(of: observation, in: space))
            trajectory.stepsBeforeReset.append(trajectory.steps.count)
            if probing && episode == 0 && checkInvalidActions(&environment) {
                // An accepted invalid action moved the episode on; start it again.
                _ = environment.reset(seed: checker.seed)
            }
            var ended = false
            for stepIndex in 0..<checker.maxStepsPerEpisode {
                let action = environment.actionSpace.sample(using: &actions)
                let result: StepResult<E.Observation>
                do {
                    result = try environment.step(action)
                } catch {
                    add(.validActionRejected, "step(\(action)) at step \(stepIndex + 1) of an episode threw '\(error)'")
                    return trajectory
                }
                if !space.contains(result.observation) {
                    add(.observationOutsideSpace, "step(\(action)) returned \(result.observation), which is not in \(space)")
                }
                if !result.reward.isFinite {
                    add(.invalidReward, "step(\(action)) returned the reward \(result.reward)")
                }
                trajectory.steps.append(StepRecord(observation: bits(of: result.observation, in: space),
                                                   reward: result.reward.bitPattern,
                                                   terminated: result.terminated, truncated: result.truncated))
                if result.isDone {
                    ended = true
                    if probing {
                        let how = result.terminated ? "terminated" : "truncated"
                        checkStepAfterEnd(&environment, action: environment.actionSpace.sample(using: &probeActions), how: how)
                    }
                    break
                }
            }
            if !ended {
                note("an episode ran \(checker.maxStepsPerEpisode) steps without ending; stepping after the end was checked only on episodes that ended")
            }
        }
        return trajectory
    }

    /// The observation's flattened scalars as bit patterns, so equality is exact (and NaN-safe).
    func bits(of observation: E.Observation, in space: E.ObservationSpace) -> [UInt32] {
        // Flattening needs an element of the space; an outside one is recorded by its text.
        guard space.contains(observation) else { return Array("\(observation)".unicodeScalars.map(\.value)) }
        return space.flattened(observation).map(\.bitPattern)
    }

    /// Reports the first difference between two runs that should be equal: a reset or a step,
    /// whichever came first (a difference makes everything after it differ too).
    mutating func compare(_ expected: Trajectory, _ actual: Trajectory, what: String) {
        let resetDifference = zip(expected.resets, actual.resets).enumerated()
            .first(where: { $0.element.0 != $0.element.1 })?.offset
        var stepDifference = zip(expected.steps, actual.steps).enumerated()
            .first(where: { $0.element.0 != $0.element.1 })?.offset
        if stepDifference == nil && expected.steps.count != actual.steps.count {
            stepDifference = min(expected.steps.count, actual.steps.count)
        }
        if let episode = resetDifference,
           stepDifference.map({ $0 >= expected.stepsBeforeReset[episode] }) ?? true {
            add(.nondeterministicReset, "\(what): the first observations of episode \(episode + 1) differ")
        } else if let step = stepDifference {
            add(.nondeterministicStep, "\(what), given the same actions: step \(step + 1) differs")
        }
    }
}
