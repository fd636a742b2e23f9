import Foundation
import Testing
import RL

@Suite("Agent catalog")
struct AgentCatalogTests {
    @Test("names and aliases find agents, ignoring case; near misses get a suggestion")
    func lookUp() throws {
        let catalog = AgentCatalog.standard
        #expect(catalog.names == ["random", "qtable", "expected-sarsa", "esarsa", "qnetwork", "dqn", "reinforce", "pg", "sac", "td3", "a2c", "ppo"])
        #expect(try catalog.entry(named: "PG").agentType == ReinforceAgent.self)
        #expect(try catalog.entry(named: "dqn").agentType == DQNAgent.self)
        #expect(throws: AgentError.invalidConfiguration(
            "unknown agent 'dqm'; did you mean dqn?; known: random, qtable, expected-sarsa, esarsa, qnetwork, dqn, reinforce, pg, sac, td3, a2c, ppo")) {
            _ = try catalog.entry(named: "dqm")
        }
    }

    @Test("every agent's settings read back into the same configuration, for its defaults and recommended ones")
    func settingsRoundTrip() throws {
        for entry in AgentCatalog.standard.entries {
            for id in ["FrozenLake-v1", "CartPole-v1", "CliffWalking-v1", "FrozenLake8x8-v1"] {
                let recommended = entry.recommendedConfiguration(for: id)
                let settings = entry.settings(of: recommended)
                var rebuilt = try entry.configuration(entry.defaultConfiguration, applying: settings)
                rebuilt.budget = recommended.budget
                #expect(try Checkpoint.json(rebuilt) == Checkpoint.json(recommended), "\(entry.name) on \(id): \(settings)")
            }
        }
    }

    @Test("hyperparameters are set by name and checked: unknown names, values out of range, refused combinations")
    func applyingSettings() throws {
        let dqn = try AgentCatalog.standard.entry(named: "dqn")
        let configuration = try dqn.configuration(dqn.defaultConfiguration, applying: [
            HyperparameterSetting("learning-rate", "lin_0.001"), HyperparameterSetting("hidden", "32,16"),
            HyperparameterSetting("double-dqn", "off"), HyperparameterSetting("max-gradient-norm", "none"),
        ])
        let typed = try #require(configuration as? DQNAgent.Configuration)
        #expect(typed.learningRate == .progress(start: 0.001, end: 0))
        #expect(typed.network.hiddenLayers == [32, 16] && !typed.doubleDQN && typed.maxGradientNorm == nil)

        func refused(_ settings: [HyperparameterSetting], _ message: String, entry name: String = "dqn") throws {
            let entry = try AgentCatalog.standard.entry(named: name)
            #expect(throws: AgentError.invalidConfiguration(message)) {
                _ = try entry.configuration(entry.defaultConfiguration, applying: settings)
            }
        }
        try refused([HyperparameterSetting("lr", "0.1")],
                    "dqn has no option --lr; did you mean --learning-rate? (`rl list dqn` lists its options)")
        try refused([HyperparameterSetting("batch-size", "0")], "--batch-size must be a whole number from 1 to 1048576, got 0")
        try refused([HyperparameterSetting("target-update-rate", "1.5")], "--target-update-rate must be in (0, 1], got 1.5")
        try refused([HyperparameterSetting("loss", "l1")], "--loss must be one of huber, mean-squared-error, got l1")
        try refused([HyperparameterSetting("epsilon", "linear:1,2,10")], "--epsilon values must be in [0, 1], got linear:1,2,10")
        try refused([HyperparameterSetting("exploration", "none"), HyperparameterSetting("epsilon", "0.1")],
                    "--epsilon applies only with --exploration epsilon", entry: "qtable")
        try refused([HyperparameterSetting("solved-episodes", "5")],
                    "--solved-episodes needs a --solved-threshold (this run has no solved check)")
        try refused([HyperparameterSetting("discount", "0.9")],
                    "random has no option --discount (it has no hyperparameters besides the seed and the budget)", entry: "random")
    }

    @Test("checkpoints of every catalogued agent load by name, bound to their environment for predict")
    func loadingAnyCheckpoint() throws {
        let folder = try temporaryFolder()
        defer { try? FileManager.default.removeItem(at: folder) }
        for entry in AgentCatalog.standard.entries where entry.requirements.actions != .continuous {
            let environment = try makeEnvironment("frozenlake")
            var configuration = entry.defaultConfiguration
            configuration.budget = .episodes(3)
            let agent = try entry.makeAgent(configuration: configuration, environment: environment)
            let url = folder.appendingPathComponent("\(entry.name).safetensors")
            func trainAndSave<A: Agent>(_ agent: A) throws -> PolicyAction {
                var copy = environment
                try agent.train(on: &copy)
                try agent.save(to: url, environment: EnvironmentReference(id: "FrozenLake-v1"))
                return try agent.predict(5)
            }
            let decision = try trainAndSave(agent)
            let loaded = try AgentCatalog.standard.load(from: url, registry: .standard)
            #expect(type(of: loaded) == entry.agentType)
            #expect(loaded.parameterTensors() == agent.parameterTensors())
            if entry.name != "random" { #expect(try loaded.predict(5) == decision, "\(entry.name)") }
        }
        var unknown = try Checkpoint.load(from: folder.appendingPathComponent("dqn.safetensors"))
        unknown.agent = "ppo"
        #expect(throws: AgentError.self) { _ = try AgentCatalog.standard.load(unknown) }
    }

    @Test("a library user's own agent registers in a catalog and trains, saves and loads through the generic paths")
    func userAgent() throws {
        var catalog = AgentCatalog.standard
        try catalog.register(HillClimbingAgent.self)
        #expect(throws: AgentError.self) { try catalog.register(ClashingAgent.self) }
        let entry = try catalog.entry(named: "hc")
        #expect(entry.name == "hill-climbing" && entry.requirements.actions == .continuous)
        #expect(entry.hyperparameters.map(\.name) == ["noise-scale"] && entry.hyperparameters[0].defaultValue == "0.5")

        var configuration = try entry.configuration(entry.defaultConfiguration, applying: [HyperparameterSetting("noise-scale", "0.3")])
        configuration.seed = 4
        var environment: any Environment = SteeringTask()
        let agent = try entry.makeAgent(configuration: configuration, environment: environment)
        func run<A: Agent, E: Environment>(_ agent: A, _ environment: inout E) throws -> (TrainingReport, EvaluationReport, EvaluationReport) {
            let report = try agent.train(on: &environment)
            let random = try RandomAgent(configuration: .init(), environment: environment)
            return (report, try agent.evaluate(on: &environment, episodes: 50, seed: 9), try random.evaluate(on: &environment, episodes: 50, seed: 9))
        }
        let (report, learned, random) = try run(agent, &environment)
        #expect(report.episodeCount == 200 && report.metrics == ["best_return"])
        #expect(learned.meanReturn > random.meanReturn * 0.5, "learned \(learned.meanReturn), random \(random.meanReturn)")

        let folder = try temporaryFolder()
        defer { try? FileManager.default.removeItem(at: folder) }
        let url = folder.appendingPathComponent("hc.safetensors")
        func save<A: Agent>(_ agent: A) throws { try agent.save(to: url) }
        try save(agent)
        // The standard catalog does not know it; the user's catalog does.
        #expect(throws: AgentError.self) { _ = try AgentCatalog.standard.load(Checkpoint.load(from: url)) }
        let loaded = try catalog.load(Checkpoint.load(from: url), environment: SteeringTask())
        #expect(loaded.parameterTensors() == agent.parameterTensors())
        let action = try loaded.predict(Float(0.5))
        guard case .vector(let scalars) = action else { Issue.record("expected a vector, got \(action)"); return }
        #expect(scalars.count == 1 && (-1...1).contains(scalars[0]))
        #expect(try loaded.predict(Float(0.5), as: Float.self) == scalars[0])
        #expect(throws: AgentError.self) { _ = try loaded.predict(3) }
    }
}

/// An agent whose alias belongs to another agent of the standard catalog.
private final class ClashingAgent: Agent {
    struct Configuration: AgentConfiguration {
        var seed: UInt64 = 0
        var budget: TrainingBudget = .episodes(1)
        func validate() throws {}
    }
    static let definition = AgentDefinition<ClashingAgent>(
        name: "clash", aliases: ["pg"], summary: "takes a name that is taken",
        requirements: SpaceRequirements(observations: .flattened, actions: .any), defaults: Configuration(),
        hyperparameters: [], metrics: [])
    let configuration: Configuration
    let layout: SpaceLayout
    let trainingState = TrainingState()
    init(configuration: Configuration, layout: SpaceLayout) throws {
        self.configuration = configuration
        self.layout = layout
    }
    func train<E: Environment>(on environment: inout E, in session: TrainingSession) throws {}
    func action<S: Space>(for observation: S.Element, in space: S, using generator: inout SeededGenerator) throws -> PolicyAction { .index(0) }
    func parameterTensors() -> [String: Tensor] { [:] }
    func loadParameterTensors(_ tensors: [String: Tensor]) throws {}
}
