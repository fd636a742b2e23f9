import Foundation
import RL

/// Walk to the right end of a corridor; every step costs 1, and one step in ten goes the wrong way.
struct Corridor: Environment {
    let observationSpace = Discrete(8)          // the position, 0 ... 7
    let actionSpace = Discrete(2)               // 0 = left, 1 = right
    var position = 0
    var needsReset = true
    var generator = SeededGenerator(seed: .random(in: .min ... .max))

    mutating func reset(seed: UInt64?) -> Int {
        if let seed { generator = SeededGenerator(seed: seed) }
        position = generator.uniformInt(below: 4)   // start in the left half
        needsReset = false
        return position
    }

    mutating func step(_ action: Int) throws -> StepResult<Int> {
        try checkStep(action, needsReset: needsReset)   // before reset, after the end, bad action
        let right = (action == 1) != generator.bernoulli(0.1)
        position = max(0, min(7, position + (right ? 1 : -1)))
        needsReset = position == 7
        return StepResult(observation: position, reward: -1, terminated: needsReset)
    }

    var episodeSucceeded: Bool? { position == 7 }
}

// Check the contract: spaces, seeding, errors (throws, listing what is wrong).
try EnvironmentChecker().validate { Corridor() }

// Register it under an id of its own, with a time limit, beside the built-in environments.
var registry = EnvironmentRegistry.standard
try registry.register(EnvironmentRegistration(
    id: "Corridor-v0", aliases: ["corridor"], summary: "Walk to the right end of a corridor.",
    maxEpisodeSteps: 100) { _ in Corridor() })

// Make it by name; train tabular Q-learning on it, 1,000 episodes at a time (a second call
// continues the first), evaluating greedily on a separate copy every 4,000 steps.
var environment = try registry.make("corridor")
let configuration = QTableAgent.Configuration(
    seed: 1, budget: .episodes(1_000), exploration: .epsilonGreedy(.linear(start: 1, end: 0.05, duration: 1_000)))
let agent = try QTableAgent(configuration: configuration, environment: environment)
let evaluations = try EvaluationCallback(environment: try registry.make("corridor"), every: 4_000, episodes: 20, seed: 3)
try agent.train(on: &environment, callbacks: [evaluations])
try agent.train(on: &environment, callbacks: [evaluations])
print("evaluations:", evaluations.results.map { "\($0.steps) steps \($0.report.meanReturn)" }.joined(separator: ", "))

// Evaluate greedily beside a random agent; save, load, and evaluate the loaded agent.
let random = try RandomAgent(configuration: .init(), environment: environment)
let baseline = try random.evaluate(on: &environment, episodes: 100, seed: 7)
let evaluation = try agent.evaluate(on: &environment, episodes: 100, seed: 7)
let file = FileManager.default.temporaryDirectory.appendingPathComponent("corridor.safetensors")
try agent.save(to: file, environment: EnvironmentReference(id: "Corridor-v0"))
let loaded = try QTableAgent.load(from: file)
let reloaded = try loaded.evaluate(on: &environment, episodes: 100, seed: 7)
print("mean return: random \(baseline.meanReturn), learned \(evaluation.meanReturn), loaded \(reloaded.meanReturn)")
print("from the start it goes", try agent.predict(0, as: Int.self) == 1 ? "right" : "left")
