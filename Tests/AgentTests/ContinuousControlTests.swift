import Foundation
import Testing
import RL

@Suite("SAC and TD3")
struct ContinuousControlTests {
    let smallSettings = OffPolicySettings(
        actorNetwork: NetworkShape(hiddenLayers: [32]), criticNetwork: NetworkShape(hiddenLayers: [32]), learningRate: 3e-3,
        batchSize: 64, learningStarts: 200)

    func smallSAC(seed: UInt64, steps: Int = 1_500) -> SACAgent.Configuration {
        SACAgent.Configuration(seed: seed, budget: .steps(steps), settings: smallSettings)
    }

    func smallTD3(seed: UInt64, steps: Int = 1_500) -> TD3Agent.Configuration {
        TD3Agent.Configuration(seed: seed, budget: .steps(steps), settings: smallSettings)
    }

    @Test("twin critics: the target is the smaller of the two target networks' values, and targets follow by Polyak averaging")
    func twinCriticTargets() throws {
        let critics = try TwinCritics(shape: NetworkShape(hiddenLayers: [4]), observationSize: 2, actionSize: 1, seed: 3, stream: 6)
        let observations = try Tensor([[0.5, -1], [2, 0.25], [-0.3, 0.7]])
        let actions = try Tensor([[0.1], [-0.9], [0.4]])
        let inputs = try Tensor.concatenating([observations, actions], alongAxis: 1)
        let first = try critics.targets[0](inputs).scalars
        let second = try critics.targets[1](inputs).scalars
        #expect(try critics.minimumTargetValue(observations, actions).scalars == zip(first, second).map { min($0, $1) })
        #expect(first != second)
        // A target starts as its critic, and moves a fraction τ towards it.
        #expect(critics.targets[0].parameterTensors() == critics.networks[0].parameterTensors())
        let before = critics.targets[0].parameters()[0].scalars[0]
        critics.networks[0].parameters()[0].withUnsafeMutableScalars { $0[0] += 1 }
        try critics.updateTargets(rate: 0.25)
        #expect(abs(critics.targets[0].parameters()[0].scalars[0] - (before + 0.25)) < 1e-6)
    }

    @Test("SAC and TD3 learn the steering task; the same seed repeats the run; continued training is one run")
    func learnAndRepeat() throws {
        for make in [{ (seed: UInt64, steps: Int) -> any Agent in try SACAgent(configuration: smallSAC(seed: seed, steps: steps), environment: SteeringTask()) },
                     { (seed: UInt64, steps: Int) -> any Agent in try TD3Agent(configuration: smallTD3(seed: seed, steps: steps), environment: SteeringTask()) }] {
            func run(_ agent: any Agent, parts: [Int]) throws -> ([TrainingProgress], EvaluationReport) {
                func go<A: Agent>(_ agent: A) throws -> ([TrainingProgress], EvaluationReport) {
                    var environment = SteeringTask()
                    let records = try parts.flatMap { timeless(try agent.train(on: &environment, for: .steps($0))) }
                    return (records, try agent.evaluate(on: &environment, episodes: 20, seed: 5))
                }
                return try go(agent)
            }
            let (_, evaluation) = try run(try make(1, 1_500), parts: [1_500])
            let (records, _) = try run(try make(1, 500), parts: [500])
            let (again, _) = try run(try make(1, 500), parts: [500])
            let (inParts, _) = try run(try make(1, 500), parts: [230, 270])
            #expect(records == again && records == inParts)
            #expect(records.contains { $0.metrics["qf_loss"] != nil } && records.contains { $0.metrics["actor_loss"] != nil })
            var environment = SteeringTask()
            let random = try RandomAgent(configuration: .init(seed: 1), environment: environment).evaluate(on: &environment, episodes: 20, seed: 5)
            // Random steering loses about −6 per episode; a learned policy keeps the point near 0.
            #expect(evaluation.meanReturn > random.meanReturn / 3, "learned \(evaluation.meanReturn), random \(random.meanReturn)")
        }
    }

    @Test("checkpoints round-trip; Discrete actions and bad hyperparameters are refused")
    func checkpointsAndRefusals() throws {
        let folder = try temporaryFolder()
        defer { try? FileManager.default.removeItem(at: folder) }
        var environment = SteeringTask()
        let sac = try SACAgent(configuration: smallSAC(seed: 2, steps: 300), environment: environment)
        try sac.train(on: &environment)
        let url = folder.appendingPathComponent("sac.safetensors")
        try sac.save(to: url)
        let loaded = try AgentCatalog.standard.load(Checkpoint.load(from: url), environment: SteeringTask())
        #expect(loaded.parameterTensors() == sac.parameterTensors())
        #expect(try loaded.predict(Float(0.4)) == sac.predict(Float(0.4)))

        #expect(throws: AgentError.self) { _ = try SACAgent(configuration: .init(), environment: try makeEnvironment("cartpole")) }
        #expect(throws: AgentError.self) { _ = try TD3Agent(configuration: .init(), environment: try makeEnvironment("cartpole")) }
        for (name, setting, message) in [
            ("sac", HyperparameterSetting("target-update-rate", "1.5"), "--target-update-rate must be in (0, 1], got 1.5"),
            ("td3", HyperparameterSetting("target-update-rate", "0"), "--target-update-rate must be in (0, 1], got 0"),
            ("td3", HyperparameterSetting("action-noise", "normal:-0.1"), "action noise is written normal:SIGMA or ornstein-uhlenbeck:SIGMA with SIGMA ≥ 0, got 'normal:-0.1'"),
            ("td3", HyperparameterSetting("target-policy-noise", "-1"), "--target-policy-noise must be ≥ 0, got -1"),
            ("sac", HyperparameterSetting("target-entropy", "nan"), "--target-entropy takes a number, got 'nan'"),
            ("sac", HyperparameterSetting("entropy-coefficient", "-1"), "--entropy-coefficient must be auto, auto_X with X > 0, or a number ≥ 0, got -1"),
        ] {
            let entry = try AgentCatalog.standard.entry(named: name)
            #expect(throws: AgentError.invalidConfiguration(message)) {
                _ = try entry.configuration(entry.defaultConfiguration, applying: [setting])
            }
        }
        #expect(throws: AgentError.self) { try SACAgent.Configuration(targetEntropy: .nan).validate() }
    }

    @Test("SAC and TD3 declare the shared settings alike, each with its own networks and learning rate, then their own")
    func sharedSettings() throws {
        let shared = ["hidden", "activation", "initialization", "critic-hidden", "critic-activation", "critic-initialization",
                      "learning-rate", "buffer-capacity", "batch-size", "discount", "learning-starts", "train-frequency",
                      "gradient-steps", "target-update-rate"]
        let sac = try AgentCatalog.standard.entry(named: "sac")
        let td3 = try AgentCatalog.standard.entry(named: "td3")
        #expect(sac.hyperparameters.map(\.name) == shared + ["target-update-interval", "policy-update-interval", "entropy-coefficient", "target-entropy"])
        #expect(td3.hyperparameters.map(\.name) == shared + ["policy-delay", "target-policy-noise", "target-noise-clip", "action-noise"])
        func defaults(_ entry: AgentCatalogEntry) -> [String: String] {
            Dictionary(uniqueKeysWithValues: entry.settings(of: entry.defaultConfiguration).map { ($0.name, $0.value) })
        }
        let (sacDefaults, td3Defaults) = (defaults(sac), defaults(td3))
        #expect([sacDefaults["hidden"], sacDefaults["critic-hidden"], sacDefaults["learning-rate"]] == ["256,256", "256,256", "0.0003"])
        #expect([td3Defaults["hidden"], td3Defaults["critic-hidden"], td3Defaults["learning-rate"]] == ["400,300", "400,300", "0.001"])
        for name in shared where !["hidden", "critic-hidden", "learning-rate"].contains(name) {
            #expect(sacDefaults[name] == td3Defaults[name], "\(name)")
        }
        // A shared value is checked once, with the same words for both agents.
        var settings = smallSettings
        settings.batchSize = 0
        #expect(throws: AgentError.invalidConfiguration("batch size must be at least 1, got 0")) {
            try SACAgent.Configuration(settings: settings).validate()
        }
        #expect(throws: AgentError.invalidConfiguration("batch size must be at least 1, got 0")) {
            try TD3Agent.Configuration(settings: settings).validate()
        }
    }

    @Test("action noise: Gaussian with its σ, Ornstein-Uhlenbeck correlated in time and restarted at 0")
    func actionNoise() throws {
        var generator = SeededGenerator(seed: 1)
        var gaussian = ActionNoiseProcess(.gaussian(standardDeviation: 0.5), dimension: 1)
        let draws = (0..<20_000).map { _ in Double(gaussian.next(using: &generator)[0]) }
        let deviation = (draws.map { $0 * $0 }.reduce(0, +) / 20_000).squareRoot()
        #expect(abs(deviation - 0.5) < 0.02)
        var correlated = ActionNoiseProcess(.ornsteinUhlenbeck(standardDeviation: 0.3), dimension: 2)
        let steps = (0..<1_000).map { _ in correlated.next(using: &generator)[0] }
        let lagOne = zip(steps, steps.dropFirst()).map { Double($0 * $1) }.reduce(0, +) / Double(steps.map { $0 * $0 }.reduce(0, +))
        #expect(lagOne > 0.9)
        correlated.reset()
        #expect(correlated.state == [0, 0])
        #expect(try ActionNoise(text: "ou:0.5") == .ornsteinUhlenbeck(standardDeviation: 0.5))
        #expect(throws: AgentError.self) { _ = try ActionNoise(text: "uniform:1") }
    }
}
