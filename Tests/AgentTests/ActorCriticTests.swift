import Foundation
import Testing
import RL

/// A2C and PPO (issue 15): they learn, a seed repeats a run, continued and resumed training is
/// one run, checkpoints keep the observation statistics, and bad hyperparameters are refused.
@Suite("A2C and PPO")
struct ActorCriticTests {
    /// The recommended configuration of `name` for CartPole, with a budget and seed, without
    /// the solved check (so that runs last their budget).
    func cartPole(_ name: String, seed: UInt64, steps: Int) throws -> any AgentConfiguration {
        var configuration = try AgentCatalog.standard.entry(named: name).recommendedConfiguration(for: "cartpole")
        configuration.seed = seed
        configuration.budget = .steps(steps)
        if var ppo = configuration as? PPOAgent.Configuration {
            ppo.settings.solved = nil
            configuration = ppo
        }
        if var a2c = configuration as? A2CAgent.Configuration {
            a2c.settings.solved = nil
            configuration = a2c
        }
        return configuration
    }

    func make(_ name: String, _ configuration: any AgentConfiguration, _ environment: some Environment) throws -> any Agent {
        try AgentCatalog.standard.entry(named: name).makeAgent(configuration: configuration, environment: environment)
    }

    /// A small PPO for the steering task (continuous actions).
    func steeringPPO(seed: UInt64, steps: Int) -> PPOAgent.Configuration {
        PPOAgent.Configuration(
            seed: seed, budget: .steps(steps),
            settings: ActorCriticSettings(copies: 4, rolloutSteps: 64, discount: 0.9, gaeLambda: 0.95, learningRate: 3e-3,
                                          normalizeAdvantage: true, actorNetwork: NetworkShape(hiddenLayers: [16], activation: .tanh, initialization: .orthogonal),
                                          criticNetwork: NetworkShape(hiddenLayers: [16], activation: .tanh, initialization: .orthogonal),
                                          logStandardDeviationInitial: -0.5),
            batchSize: 64, epochs: 4)
    }

    func evaluate(_ agent: any Agent, on environment: some Environment, episodes: Int = 20) throws -> Double {
        func go<A: Agent, E: Environment>(_ agent: A, _ environment: E) throws -> Double {
            var copy = environment
            return try agent.evaluate(on: &copy, episodes: episodes, seed: 77).meanReturn
        }
        return try go(agent, environment)
    }

    func records(_ agent: any Agent, on environment: some Environment, parts: [Int]) throws -> [TrainingProgress] {
        func go<A: Agent, E: Environment>(_ agent: A, _ environment: E) throws -> [TrainingProgress] {
            var copy = environment
            return try parts.flatMap { timeless(try agent.train(on: &copy, for: .steps($0))) }
        }
        return try go(agent, environment)
    }

    @Test("both learn CartPole in a few thousand steps (random play averages about 22)", arguments: [("ppo", 6_000), ("a2c", 6_000)])
    func learnCartPole(name: String, steps: Int) throws {
        let environment = try makeEnvironment("cartpole")
        let agent = try make(name, try cartPole(name, seed: 0, steps: steps), environment)
        let report = try records(agent, on: environment, parts: [steps])
        #expect(report.contains { $0.metrics["policy_loss"] != nil && $0.metrics["value_loss"] != nil && $0.metrics["entropy"] != nil })
        let greedy = try evaluate(agent, on: environment)
        #expect(greedy >= 100, "\(name): greedy mean \(greedy) after \(steps) steps")
    }

    @Test("PPO with a Gaussian policy learns the steering task (continuous actions)")
    func learnSteering() throws {
        let agent = try PPOAgent(configuration: steeringPPO(seed: 2, steps: 6_000), environment: SteeringTask())
        _ = try records(agent, on: SteeringTask(), parts: [6_000])
        let random = try evaluate(RandomAgent(configuration: .init(seed: 1), environment: SteeringTask()), on: SteeringTask())
        let learned = try evaluate(agent, on: SteeringTask())
        #expect(learned > random / 3, "learned \(learned), random \(random)")
        // Deterministic actions are the mean, within the bounds.
        guard case .vector(let action) = try agent.predict(Float(0.9)) else { Issue.record("not a vector action"); return }
        #expect(action.count == 1 && action[0] >= -1 && action[0] < 0)
    }

    @Test("the same seed repeats a run, metric for metric; another seed does not", arguments: ["ppo", "a2c"])
    func reproducible(name: String) throws {
        let environment = try makeEnvironment("cartpole")
        let first = try records(make(name, cartPole(name, seed: 4, steps: 1_200), environment), on: environment, parts: [1_200])
        let second = try records(make(name, cartPole(name, seed: 4, steps: 1_200), environment), on: environment, parts: [1_200])
        let other = try records(make(name, cartPole(name, seed: 5, steps: 1_200), environment), on: environment, parts: [1_200])
        #expect(first == second && first != other && first.contains { $0.metrics["policy_loss"] != nil })
    }

    @Test("train(N) then train(M) is train(N + M), mid-rollout included", arguments: [("ppo", 1_200, 616), ("a2c", 1_200, 408)])
    func continues(name: String, whole: Int, first: Int) throws {
        let environment = try makeEnvironment("cartpole")
        let once = try records(make(name, cartPole(name, seed: 6, steps: whole), environment), on: environment, parts: [whole])
        let inParts = try records(make(name, cartPole(name, seed: 6, steps: whole), environment), on: environment, parts: [first, whole - first])
        #expect(!once.isEmpty && once == inParts)
    }

    @Test("saved mid-rollout with its training state and resumed in a new agent, the run goes on as if never stopped", arguments: ["ppo", "a2c"])
    func resumes(name: String) throws {
        let folder = try temporaryFolder()
        defer { try? FileManager.default.removeItem(at: folder) }
        var configuration = try cartPole(name, seed: 7, steps: 1_200)
        if var ppo = configuration as? PPOAgent.Configuration {
            // Normalisation on, so that its statistics must be carried too.
            ppo.settings.normalizeObservations = true
            ppo.settings.normalizeRewards = true
            configuration = ppo
        }
        let whole = try records(make(name, configuration, makeEnvironment("cartpole")), on: makeEnvironment("cartpole"), parts: [1_200])

        func firstHalf<A: Agent>(_ agent: A) throws -> [TrainingProgress] {
            var environment = try EnvironmentRegistry.standard.make("cartpole")
            let records = timeless(try agent.train(on: &environment, for: .steps(504)))
            try agent.saveForResume(to: folder.appendingPathComponent("half.safetensors"), environment: nil, training: environment)
            return records
        }
        func secondHalf() throws -> [TrainingProgress] {
            let url = folder.appendingPathComponent("half.safetensors")
            let checkpoint = try Checkpoint.load(from: url)
            var environment = try EnvironmentRegistry.standard.make("cartpole")
            let agent = try AgentCatalog.standard.load(checkpoint, environment: environment)
            func go<A: Agent>(_ agent: A) throws -> [TrainingProgress] {
                try agent.resumeTraining(from: checkpoint, at: url, environment: &environment)
                return timeless(try agent.train(on: &environment, for: .steps(696)))
            }
            return try go(agent)
        }
        let agent = try make(name, configuration, makeEnvironment("cartpole"))
        func open<A: Agent>(_ agent: A) throws -> [TrainingProgress] { try firstHalf(agent) }
        let halves = try open(agent) + secondHalf()
        #expect(!whole.isEmpty && halves == whole)
    }

    @Test("checkpoints keep the networks and the observation statistics; a loaded agent acts alike")
    func checkpoints() throws {
        let folder = try temporaryFolder()
        defer { try? FileManager.default.removeItem(at: folder) }
        var configuration = try cartPole("ppo", seed: 8, steps: 600) as! PPOAgent.Configuration
        configuration.settings.normalizeObservations = true
        configuration.settings.sharedNetwork = true
        let environment = try makeEnvironment("cartpole")
        let agent = try PPOAgent(configuration: configuration, environment: environment)
        _ = try records(agent, on: environment, parts: [600])
        #expect(agent.parameterTensors().keys.contains("observation_normalizer.mean"))
        #expect(!agent.parameterTensors().keys.contains { $0.hasPrefix("critic.body") })
        let url = folder.appendingPathComponent("ppo.safetensors")
        try agent.save(to: url)
        let loaded = try AgentCatalog.standard.load(Checkpoint.load(from: url), environment: environment)
        #expect(loaded.parameterTensors() == agent.parameterTensors())
        for observation in [SIMD4<Float>(0.01, 0.2, -0.03, -0.3), SIMD4<Float>(0.1, -0.5, 0.1, 0.9)] {
            #expect(try loaded.predict(observation) == agent.predict(observation))
        }
        #expect(try evaluate(loaded, on: environment) == evaluate(agent, on: environment))
    }

    @Test("bad hyperparameters are refused with the reason")
    func refusals() throws {
        let environment = try makeEnvironment("cartpole")
        for (name, settings, message) in [
            ("ppo", [("copies", "0")], "--copies must be a whole number from 1 to 65536, got 0"),
            ("ppo", [("batch-size", "100")], "the batch size must divide the rollout of copies × rollout steps = 8 × 32 = 256 samples, got 100"),
            ("ppo", [("clip-range", "0")], "--clip-range values must be > 0, got 0"),
            ("ppo", [("clip-range", "-0.2")], "--clip-range values must be > 0, got -0.2"),
            ("a2c", [("rollout-steps", "0")], "--rollout-steps must be a whole number ≥ 1, got 0"),
            ("a2c", [("optimizer", "sgd")], "--optimizer must be one of rmsprop, adam, got sgd"),
        ] {
            let entry = try AgentCatalog.standard.entry(named: name)
            #expect {
                let configuration = try entry.configuration(
                    entry.recommendedConfiguration(for: "cartpole"), applying: settings.map { HyperparameterSetting($0.0, $0.1) })
                _ = try entry.makeAgent(configuration: configuration, environment: environment)
            } throws: { error in
                "\(error)".contains(message)
            }
        }
        // A Box action space with infinite bounds cannot be clipped; a Gaussian still fits Pendulum.
        _ = try PPOAgent(configuration: .init(), environment: try makeEnvironment("pendulum"))
        _ = try A2CAgent(configuration: .init(), environment: try makeEnvironment("pendulum"))
    }
}
