import ArgumentParser
import Foundation
import RL

/// `rl info RUN_OR_CHECKPOINT`: what a checkpoint holds — the agent and its configuration, the
/// environment, the totals of its training, whether it can be resumed — and, for a run folder,
/// its files and their sizes.
struct InfoCommand: ParsableCommand {
    static let configuration = CommandConfiguration(
        commandName: "info",
        abstract: "Show what a checkpoint or a run folder holds.",
        discussion: """
            The agent, its hyperparameters, the environment and its options, the spaces, the \
            training totals (episodes, steps, seconds), the parameters, whether the checkpoint \
            holds a training state (`rl train --resume` needs one) and, for a run folder, its files.
            """
    )

    @Argument(help: ArgumentHelp("A checkpoint.safetensors file, or the run folder holding one.", valueName: "run-or-checkpoint"), completion: NameCompletion.checkpoint)
    var path: String

    @Flag(help: "Print the information as one JSON object on standard output.")
    var json = false

    func run() throws {
        var isDirectory: ObjCBool = false
        let exists = FileManager.default.fileExists(atPath: path, isDirectory: &isDirectory)
        let folder = exists && isDirectory.boolValue ? path : nil
        let file = folder.map { ($0 as NSString).appendingPathComponent(RunFolder.checkpointName) } ?? path
        guard FileManager.default.fileExists(atPath: file) else {
            throw CommandFailure("no checkpoint at \(file)")
        }
        let url = URL(fileURLWithPath: file)
        let checkpoint = try Checkpoint.load(from: url)
        let info = try CheckpointInfo(checkpoint: checkpoint, path: file, folder: folder)
        if json {
            try JSONOutput.print(info)
        } else {
            print(info.text, terminator: "")
        }
    }
}

/// What `rl info` reports.
struct CheckpointInfo: Encodable {
    var path: String
    var agent: String
    var settings: [HyperparameterSetting]
    var environment: EnvironmentReference?
    var observationSpace: String
    var actionSpace: String
    var training: TrainingSummary?
    var parameterCount: Int
    var tensorCount: Int
    var resumable: Bool
    var files: [(name: String, bytes: Int)]

    init(checkpoint: Checkpoint, path: String, folder: String?) throws {
        self.path = path
        agent = checkpoint.agent
        let entry = try AgentCatalog.standard.entry(named: checkpoint.agent)
        func settings<A: Agent>(_ type: A.Type) throws -> [HyperparameterSetting] {
            let configuration = try Checkpoint.decode(A.Configuration.self, from: checkpoint.configuration)
            return [HyperparameterSetting("seed", "\(configuration.seed)")]
                + [HyperparameterSetting(configuration.budget.settingName, "\(configuration.budget.count)")]
                + entry.settings(of: configuration)
        }
        do {
            self.settings = try settings(entry.agentType)
        } catch {
            throw AgentError.invalidCheckpoint("the checkpoint's \(checkpoint.agent) configuration cannot be read")
        }
        environment = checkpoint.environment
        observationSpace = checkpoint.layout.observationSpace
        actionSpace = checkpoint.layout.actionSpace
        training = checkpoint.training
        parameterCount = checkpoint.tensors.values.reduce(0) { $0 + $1.scalarCount }
        tensorCount = checkpoint.tensors.count
        resumable = checkpoint.trainingValues?.session != nil
        var files: [(String, Int)] = []
        let names = folder.map { folder in
            ((try? FileManager.default.contentsOfDirectory(atPath: folder)) ?? []).sorted().map { ($0, (folder as NSString).appendingPathComponent($0)) }
        } ?? [((path as NSString).lastPathComponent, path)]
        for (name, file) in names {
            let attributes = try? FileManager.default.attributesOfItem(atPath: file)
            if (attributes?[.type] as? FileAttributeType) == .typeDirectory {
                let inside = (try? FileManager.default.contentsOfDirectory(atPath: file)) ?? []
                let bytes = inside.reduce(0) { total, item in
                    total + ((try? FileManager.default.attributesOfItem(atPath: (file as NSString).appendingPathComponent(item))[.size] as? Int) ?? 0)
                }
                files.append((name + "/", bytes))
            } else {
                files.append((name, (attributes?[.size] as? Int) ?? 0))
            }
        }
        self.files = files
    }

    var text: String {
        var lines = LabeledLines(path)
        lines.add("agent", agent)
        if let environment {
            let options = environment.options.sorted { $0.key < $1.key }.map { "\($0.key)=\($0.value)" }
            lines.add("environment", environment.id + (options.isEmpty ? "" : " (\(options.joined(separator: ", ")))"))
        }
        lines.add("observations", observationSpace)
        lines.add("actions", actionSpace)
        if let training {
            lines.add("trained", "\(NumberText.count(training.episodes)) episodes, \(NumberText.count(training.steps)) steps, \(NumberText.seconds(training.seconds))")
        }
        lines.add("parameters", "\(NumberText.count(parameterCount)) in \(tensorCount) tensors")
        lines.add("resumable", resumable ? "yes: it holds its training state (rl train --resume)" : "no: saved without its training state")
        var text = lines.text
        var configuration = LabeledLines("Configuration")
        for setting in settings { configuration.add(setting.name, setting.value) }
        text += configuration.text
        if !files.isEmpty {
            var list = LabeledLines("Files")
            for file in files { list.add(file.name, NumberText.bytes(file.bytes)) }
            text += list.text
        }
        return text
    }

    private enum CodingKeys: String, CodingKey {
        case path, agent, hyperparameters, environment, environmentOptions = "environment_options"
        case observationSpace = "observation_space", actionSpace = "action_space", episodes, steps, seconds
        case parameters, resumable, files
    }

    func encode(to encoder: Encoder) throws {
        var container = encoder.container(keyedBy: CodingKeys.self)
        try container.encode(path, forKey: .path)
        try container.encode(agent, forKey: .agent)
        try container.encode(Dictionary(uniqueKeysWithValues: settings.map { ($0.name, $0.value) }), forKey: .hyperparameters)
        try container.encode(environment?.id, forKey: .environment)
        try container.encode(environment?.options, forKey: .environmentOptions)
        try container.encode(observationSpace, forKey: .observationSpace)
        try container.encode(actionSpace, forKey: .actionSpace)
        try container.encode(training?.episodes, forKey: .episodes)
        try container.encode(training?.steps, forKey: .steps)
        try container.encode(training?.seconds, forKey: .seconds)
        try container.encode(parameterCount, forKey: .parameters)
        try container.encode(resumable, forKey: .resumable)
        try container.encode(Dictionary(uniqueKeysWithValues: files.map { ($0.name, $0.bytes) }), forKey: .files)
    }
}

extension TrainingBudget {
    /// `steps` or `episodes`, as the option is named.
    var settingName: String {
        switch self {
        case .steps: "steps"
        case .episodes: "episodes"
        }
    }

    /// The number of steps or episodes.
    var count: Int {
        switch self {
        case .steps(let count), .episodes(let count): count
        }
    }
}
