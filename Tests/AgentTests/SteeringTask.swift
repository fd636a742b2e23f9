import RL

/// A small continuous-control task for the tests: keep a point at 0 on the line [-1, 1] by
/// steering it with an action a in [-1, 1]: x' = clamp(x + 0.2 · a), reward −x'². Episodes start
/// at a seeded uniform x and are cut after 20 steps. The best policy pushes hard towards 0
/// (a = −5x, clipped).
struct SteeringTask: Environment {
    let observationSpace = Box<Float>(low: -1, high: 1)
    let actionSpace = Box<Float>(low: -1, high: 1)
    var position: Float = 0
    var steps = 0
    var needsReset = true
    var generator = SeededGenerator(seed: 0)

    mutating func reset(seed: UInt64?) -> Float {
        if let seed { generator = SeededGenerator(seed: seed) }
        position = generator.uniform(Float(-1), Float(1))
        steps = 0
        needsReset = false
        return position
    }

    mutating func step(_ action: Float) throws -> StepResult<Float> {
        try checkStep(action, needsReset: needsReset)
        position = min(1, max(-1, position + 0.2 * action))
        steps += 1
        needsReset = steps >= 20
        return StepResult(observation: position, reward: Double(-position * position), truncated: steps >= 20)
    }
}

/// An agent a library user might write, registered in a catalog by the tests: a linear
/// deterministic policy a = clip(w · x + b) for continuous actions, trained by hill climbing
/// (perturb w and b with Gaussian noise of `noiseScale`, keep the perturbation when the episode
/// it plays returns more than the best so far).
final class HillClimbingAgent: Agent {
    struct Configuration: AgentConfiguration {
        var seed: UInt64 = 0
        var budget: TrainingBudget = .episodes(200)
        var noiseScale = 0.5
        func validate() throws {
            try budget.validate()
            guard noiseScale > 0 && noiseScale.isFinite else {
                throw AgentError.invalidConfiguration("noise scale must be positive, got \(noiseScale)")
            }
        }
    }

    static let definition = AgentDefinition<HillClimbingAgent>(
        name: "hill-climbing", aliases: ["hc"], summary: "a linear policy improved by random perturbations",
        requirements: SpaceRequirements(observations: .flattened, actions: .continuous),
        defaults: Configuration(),
        hyperparameters: [.number("noise-scale", \.noiseScale, "the standard deviation of the perturbations", in: .positive)],
        metrics: [Metric("best_return", .latest)])

    let configuration: Configuration
    let layout: SpaceLayout
    let trainingState = TrainingState()
    /// w (one row per action scalar, one column per feature) then b, flattened.
    private(set) var parameters: [Float]
    private var best: (parameters: [Float], episodeReturn: Double)?
    private var generator: SeededGenerator

    init(configuration: Configuration, layout: SpaceLayout) throws {
        try configuration.validate()
        self.configuration = configuration
        self.layout = layout
        parameters = [Float](repeating: 0, count: (layout.observationSize + 1) * layout.actionCount)
        generator = SeededGenerator(seed: configuration.seed, stream: AgentStream.exploration)
    }

    func train<E: Environment>(on environment: inout E, in session: TrainingSession) throws {
        var observation = session.observation(from: &environment, seed: configuration.seed)
        while session.isRunning {
            let result = try environment.step(try act(observation, in: environment.observationSpace).element(of: environment.actionSpace, agent: "hc"))
            try session.recordStep(reward: result.reward)
            observation = result.observation
            if result.isDone {
                let episodeReturn = session.episodeReturn
                if best == nil || episodeReturn > best!.episodeReturn { best = (parameters, episodeReturn) }
                session.record(best!.episodeReturn, for: Metric("best_return", .latest))
                try session.endEpisode(succeeded: nil)
                // Try a perturbation of the best parameters next.
                parameters = best!.parameters.map { $0 + Float(configuration.noiseScale * generator.normal()) }
                observation = environment.reset()
            }
        }
        session.suspend(at: observation)
    }

    func action<S: Space>(for observation: S.Element, in space: S, using generator: inout SeededGenerator) throws -> PolicyAction {
        try act(observation, in: space, parameters: best?.parameters ?? parameters)
    }

    private func act<S: Space>(_ observation: S.Element, in space: S, parameters: [Float]? = nil) throws -> PolicyAction {
        let weights = parameters ?? self.parameters
        let features = space.flattened(observation)
        guard let bounds = layout.actionBounds else { throw AgentError.doesNotFit("hill climbing needs Box actions") }
        let unit = (0..<layout.actionCount).map { row -> Float in
            var sum = weights[layout.observationSize * layout.actionCount + row]
            for column in 0..<layout.observationSize { sum += weights[row * layout.observationSize + column] * features[column] }
            return max(-1, min(1, sum))
        }
        return .vector(bounds.rescaled(fromUnit: unit))
    }

    func parameterTensors() -> [String: Tensor] {
        ["policy": Tensor(best?.parameters ?? parameters)]
    }

    func loadParameterTensors(_ tensors: [String: Tensor]) throws {
        guard let policy = tensors["policy"], policy.scalarCount == parameters.count, tensors.count == 1 else {
            throw AgentError.invalidCheckpoint("a hill-climbing checkpoint holds one tensor 'policy' of \(parameters.count) values")
        }
        parameters = policy.scalars
        best = nil
    }
}
