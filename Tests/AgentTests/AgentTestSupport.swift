import Foundation
import RL

/// Makes a registered environment, with options.
func makeEnvironment(_ id: String, _ options: [String: String] = [:]) throws -> any Environment {
    try EnvironmentRegistry.standard.make(id, options: options)
}

/// A fresh folder for files a test writes.
func temporaryFolder() throws -> URL {
    let folder = FileManager.default.temporaryDirectory.appendingPathComponent("agent-tests-\(UUID().uuidString)")
    try FileManager.default.createDirectory(at: folder, withIntermediateDirectories: true)
    return folder
}

/// A training report's figures without the wall-clock times, for comparing two runs.
func timeless(_ report: TrainingReport) -> [TrainingProgress] {
    report.episodes.map { record in
        var copy = record
        copy.seconds = 0
        return copy
    }
}

/// A DQN configuration small enough to learn deterministic FrozenLake in a debug build.
func smallDQNConfiguration(seed: UInt64) -> DQNAgent.Configuration {
    DQNAgent.Configuration(
        seed: seed, budget: .steps(4_000), network: NetworkShape(hiddenLayers: [32]), learningRate: 0.003,
        bufferCapacity: 5_000, batchSize: 32, learningStarts: 200, trainFrequency: 1, gradientSteps: 1,
        targetUpdateInterval: 100, exploration: .linear(start: 1, end: 0.05, duration: 2_500))
}

/// An environment whose episodes never terminate, only truncate: a walk on a line of five cells,
/// reward 1 for standing on the right end, cut after 10 steps.
struct EndlessWalk: Environment {
    let observationSpace = Box<[Float]>(low: [0], high: [4])
    let actionSpace = Discrete(2)
    var position = 0
    var steps = 0
    var needsReset = true

    mutating func reset(seed: UInt64?) -> [Float] {
        position = 0
        steps = 0
        needsReset = false
        return [Float(position)]
    }

    mutating func step(_ action: Int) throws -> StepResult<[Float]> {
        try checkStep(action, needsReset: needsReset)
        position = max(0, min(4, position + (action == 1 ? 1 : -1)))
        steps += 1
        needsReset = steps >= 10
        return StepResult(observation: [Float(position)], reward: position == 4 ? 1 : 0, truncated: steps >= 10)
    }
}
