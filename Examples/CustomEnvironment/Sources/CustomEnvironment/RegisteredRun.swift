import Foundation
import RL

/// One `rl train`-style run through the library, on an environment made by its registered id:
///
/// 1. make the environment by id, with options, from a registry (time limit included);
/// 2. measure the random baseline: ``RandomAgent`` evaluated on the same episodes;
/// 3. train the agent with the given configuration;
/// 4. evaluate it greedily;
/// 5. save it with an ``EnvironmentReference``, so the checkpoint says where it came from;
/// 6. reload it as `rl eval` would: read the checkpoint, make the agent it names
///    (``AgentCatalog/load(_:environment:)``) and the environment it names (by id, through the registry),
///    and evaluate again on the same episodes.
struct RegisteredRun<TrainedAgent: Agent> {
    /// The registered id of the environment (the id its alias stands for).
    let environmentID: String
    /// The random agent's evaluation.
    let baseline: EvaluationReport
    /// What training did.
    let training: TrainingReport
    /// The trained agent's greedy evaluation.
    let evaluation: EvaluationReport
    /// The reloaded agent's greedy evaluation, on the same episodes.
    let reloadedEvaluation: EvaluationReport
    /// Where the checkpoint was saved.
    let checkpoint: URL

    /// The trained agent.
    let agent: TrainedAgent

    /// Runs the six steps above.
    ///
    /// - Parameters:
    ///   - agentType: the agent to train (`QTableAgent.self`).
    ///   - configuration: its hyperparameters (for instance `.recommended(for: id)`).
    ///   - id: an id or alias registered in `registry`.
    ///   - options: the environment's options, as on the command line.
    ///   - registry: the registry to make the environment from, before and after saving.
    ///   - evaluationEpisodes: episodes per evaluation (≥ 1).
    ///   - evaluationSeed: the seed of every evaluation's first reset, so all three play the
    ///     same episodes (as far as the policies lead to the same states).
    ///   - directory: where to write the checkpoint.
    /// - Throws: what the registry, the agents and the checkpoint throw
    ///   (``EnvironmentError``, ``AgentError``), and ``ExampleFailure`` when the reloaded agent
    ///   evaluates differently from the trained one.
    init(
        _ agentType: TrainedAgent.Type, configuration: TrainedAgent.Configuration, environmentID id: String,
        options: [String: String] = [:], registry: EnvironmentRegistry,
        evaluationEpisodes: Int, evaluationSeed: UInt64, checkpointDirectory directory: URL
    ) throws {
        // 1. The environment, by id; `any Environment` opens into the agents' generic calls.
        let registration = try registry.registration(named: id)
        var environment = try registration.make(options: options)

        // 2. The baseline.
        let random = try RandomAgent(configuration: .init(seed: configuration.seed), environment: environment)
        baseline = try random.evaluate(on: &environment, episodes: evaluationEpisodes, seed: evaluationSeed)

        // 3-4. Train, then evaluate greedily.
        let agent = try TrainedAgent(configuration: configuration, environment: environment)
        training = try agent.train(on: &environment)
        evaluation = try agent.evaluate(on: &environment, episodes: evaluationEpisodes, seed: evaluationSeed)

        // 5. Save, with the registered id (not the alias) and the options.
        checkpoint = directory.appendingPathComponent("\(registration.id)-\(TrainedAgent.name).safetensors")
        try agent.save(to: checkpoint, environment: EnvironmentReference(id: registration.id, options: options))

        // 6. Reload from the file alone, as `rl eval CHECKPOINT` does.
        let stored = try Checkpoint.load(from: checkpoint)
        guard let reference = stored.environment else {
            throw ExampleFailure("the checkpoint \(checkpoint.path) names no environment")
        }
        var remade = try registry.make(reference.id, options: reference.options)
        let loaded = try AgentCatalog.standard.load(stored, environment: remade)
        reloadedEvaluation = try loaded.evaluate(on: &remade, episodes: evaluationEpisodes, seed: evaluationSeed)
        guard reloadedEvaluation == evaluation else {
            throw ExampleFailure("the reloaded \(TrainedAgent.name) agent evaluates to a mean return of "
                + "\(reloadedEvaluation.meanReturn), not \(evaluation.meanReturn) as before saving")
        }

        environmentID = registration.id
        self.agent = agent
    }
}
