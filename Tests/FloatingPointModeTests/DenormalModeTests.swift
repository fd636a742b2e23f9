import Foundation
import RL
import Testing

/// The flush-to-zero policy: the bits do what they claim, and every thread that runs tensor
/// math or a training loop has them set, whatever it had before.
@Suite("Denormal mode")
struct DenormalModeTests {
    /// Half the smallest normal float, computed at run time (a subnormal when kept).
    @inline(never)
    static func halfOfSmallestNormal(_ divisor: Float) -> Float {
        Float.leastNormalMagnitude / divisor
    }

    @Test func theBitsFlushSubnormalResultsOrKeepThem() throws {
        try #require(DenormalMode.isSupported, "this processor has no flush-to-zero setting")
        let results = try onNewThread {
            DenormalMode.keepSubnormals()
            let kept = (DenormalMode.isFlushingToZero, Self.halfOfSmallestNormal(2))
            DenormalMode.flushToZero()
            let flushed = (DenormalMode.isFlushingToZero, Self.halfOfSmallestNormal(2))
            return [kept.0, kept.1.isSubnormal, flushed.0, flushed.1 == 0 && flushed.1.bitPattern == 0]
        }
        #expect(results == [false, true, true, true])
    }

    @Test func tensorMathSetsThemOnAnyThread() throws {
        let flags = try onNewThread {
            // A fresh worker or library thread: clear the bits (a new thread may inherit them
            // from the one that started it), then compute.
            DenormalMode.keepSubnormals()
            let before = DenormalMode.isFlushingToZero
            var generator = SeededGenerator(seed: 3)
            let product = try Tensor.randomNormal([8, 16], using: &generator).matmul(.randomNormal([16, 4], using: &generator))
            return [before, DenormalMode.isFlushingToZero, product.shape == [8, 4]]
        }
        #expect(flags == [false, DenormalMode.isSupported, true])
    }

    @Test func optimizerStepsSetThemOnAnyThread() throws {
        let flags = try onNewThread {
            let parameter = Parameter(Tensor(repeating: 1, shape: [4]))
            let optimizer = try Adam(parameters: [parameter], learningRate: 0.1)
            try parameter.value.backward(seed: Tensor(repeating: 1, shape: [4]))
            DenormalMode.keepSubnormals()
            optimizer.step()
            return [DenormalMode.isFlushingToZero]
        }
        #expect(flags == [DenormalMode.isSupported])
    }

    /// The training loop sets the bits on its thread when it starts, before any tensor math
    /// (the random agent does none) and before the first environment step.
    @Test func trainingLoopsSetThemOnTheirThread() throws {
        let seen = try onNewThread {
            var environment = try EnvironmentRegistry.standard.make("cartpole")
            let agent = try RandomAgent(configuration: .init(seed: 1, budget: .episodes(3)), environment: environment)
            DenormalMode.keepSubnormals()
            let flags = FlagLog()
            _ = try agent.train(on: &environment) { _ in
                flags.values.append(DenormalMode.isFlushingToZero)
                return .proceed
            }
            return flags.values
        }
        #expect(seen == [Bool](repeating: DenormalMode.isSupported, count: 3))
    }

    @Test func dqnTrainingRunsWithThemSet() throws {
        let seen = try onNewThread {
            var environment = try EnvironmentRegistry.standard.make("cartpole")
            let configuration = DQNAgent.Configuration(
                seed: 2, budget: .steps(300), learningStarts: 100, trainFrequency: 4, gradientSteps: 1)
            let agent = try DQNAgent(configuration: configuration, environment: environment)
            DenormalMode.keepSubnormals()
            let flags = FlagLog()
            _ = try agent.train(on: &environment) { record in
                // Episodes in which the network learned.
                if record.loss != nil { flags.values.append(DenormalMode.isFlushingToZero) }
                return .proceed
            }
            return flags.values
        }
        #expect(!seen.isEmpty)
        #expect(seen.allSatisfy { $0 == DenormalMode.isSupported })
    }

    /// Adam on gradients of 1e-39 (subnormal) against gradients of 1e-3: within 2x.
    ///
    /// Why this comparison holds on a shared machine: both loops run the same instructions on
    /// the same number of elements, only the values differ, so the ratio of their times is
    /// what subnormals cost. Other work on the machine can only make a sample slower, never
    /// faster, so the minimum of several interleaved samples is each loop's undisturbed time,
    /// and 2x leaves a wide margin over the ratio with flushing (1.0). What this can catch is
    /// a gross slowdown: unflushed subnormals on Intel processors cost several times; on the
    /// AMD Zen 4 development machine they cost 1.5x in optimized code, and the unoptimized
    /// code of a debug build dilutes that further. The bits themselves are checked exactly by
    /// the tests above; the benchmark "Adam step on subnormal gradients" gives the
    /// release-build figures.
    @Test func adamOnSubnormalGradientsRunsAsFastAsOnNormalOnes() throws {
        let elementCount = 1 << 14
        func adamLoop(gradient value: Float) throws -> (optimizer: Adam, parameter: Parameter) {
            let parameter = Parameter(Tensor(repeating: 0.01, shape: [elementCount]))
            let optimizer = try Adam(parameters: [parameter], learningRate: 1e-3)
            // backward(seed:) stores the seed as the gradient without arithmetic, so the
            // gradient really holds `value`, subnormal or not.
            try parameter.value.backward(seed: Tensor(repeating: value, shape: [elementCount]))
            return (optimizer, parameter)
        }
        let subnormal = try adamLoop(gradient: Float(bitPattern: 0x000A_E398))  // 1e-39
        let normal = try adamLoop(gradient: 1e-3)
        #expect(try #require(subnormal.parameter.gradient).scalars.allSatisfy(\.isSubnormal))

        func seconds(_ optimizer: Adam) -> Double {
            let start = ContinuousClock.now
            for _ in 0..<10 { optimizer.step() }
            let elapsed = ContinuousClock.now - start
            return Double(elapsed.components.seconds) + Double(elapsed.components.attoseconds) * 1e-18
        }
        var fastest = (subnormal: Double.infinity, normal: Double.infinity)
        for _ in 0..<7 {
            fastest.subnormal = min(fastest.subnormal, seconds(subnormal.optimizer))
            fastest.normal = min(fastest.normal, seconds(normal.optimizer))
        }
        #expect(fastest.subnormal < 2 * fastest.normal, "subnormal \(fastest.subnormal) s, normal \(fastest.normal) s")
    }
}

/// Values a progress handler records during training (the handler runs on the training thread;
/// the log is read after training returns).
private final class FlagLog: @unchecked Sendable {
    var values: [Bool] = []
}

/// Vector environments step their copies on worker threads too: each must flush subnormals.
@Suite("Denormals on vector workers")
struct VectorWorkerDenormalTests {
    /// Remembers, from whatever thread steps it, whether that thread flushes subnormals.
    final class Probe: @unchecked Sendable {
        private let lock = NSLock()
        private var seen: [(thread: String, flushing: Bool)] = []
        func record() {
            let thread = String(describing: pthread_self())
            lock.lock()
            seen.append((thread, DenormalMode.isFlushingToZero))
            lock.unlock()
        }
        var observations: [(thread: String, flushing: Bool)] {
            lock.lock()
            defer { lock.unlock() }
            return seen
        }
    }

    /// A step costly enough (a few microseconds) that two threads share every batch.
    struct Probed: Environment {
        let observationSpace = Discrete(2)
        let actionSpace = Discrete(2)
        let probe: Probe
        mutating func reset(seed: UInt64?) -> Int { 0 }
        mutating func step(_ action: Int) throws -> StepResult<Int> {
            probe.record()
            var x = 1.0
            for index in 0..<2_000 { x = x * 1.000001 + Double(index & 1) }
            return StepResult(observation: x > 0 ? 0 : 1, reward: 0)
        }
    }

    @Test func workerThreadsFlushSubnormals() throws {
        let probe = Probe()
        let vector = try VectorEnvironment(copies: 8, threading: .threads(2)) { _ in Probed(probe: probe) }
        vector.reset(seed: 1)
        for _ in 0..<20 { try vector.step(actionIndices: [Int](repeating: 0, count: 8)) }
        let observations = probe.observations
        #expect(Set(observations.map(\.thread)).count >= 2)
        #expect(observations.allSatisfy { $0.flushing == DenormalMode.isSupported })
    }
}
