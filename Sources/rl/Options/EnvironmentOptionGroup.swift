import ArgumentParser
import Foundation
import RL

/// The options that shape an environment (`--map`, `--slippery`, `--max-episode-steps`, …),
/// shared by `rl train`, `rl play` and `rl watch AGENT ENV`.
///
/// Each flag maps onto one of the registry's text options (see `rl list ENV`); the registry
/// checks names and values, so a flag the environment does not take, or a bad value, ends
/// with the registry's one-line error. `--option NAME=VALUE` passes any other option, for
/// environments registered by a library user.
struct EnvironmentOptionGroup: ParsableArguments {
    @Option(help: ArgumentHelp(
        "FrozenLake or GridWorld map: 4x4, 8x8, random, rows such as SFFF,FHFH,FFFH,HFFG, or a map file (default: the environment's own map).",
        valueName: "map"), completion: .file())
    var map: String?

    @Flag(inversion: .prefixedNo, help: "Whether moves may slip sideways (FrozenLake and CliffWalkingSlippery default: slippery; CliffWalking: not).")
    var slippery: Bool?

    @Option(parsing: .unconditional, help: ArgumentHelp(
        "Probability of the intended move on slippery ice, 0 to 1 (FrozenLake; default 1/3).", valueName: "probability"))
    var successRate: Double?

    @Option(parsing: .unconditional, help: ArgumentHelp("Side of a random FrozenLake map, 2 to 256 (implies --map random; default 8).", valueName: "n"))
    var mapSize: Int?

    @Option(parsing: .unconditional, help: ArgumentHelp(
        "Probability that a random FrozenLake map's tile is frozen, above 0 to 1 (implies --map random; default 0.8).",
        valueName: "probability"))
    var frozenProbability: Double?

    @Option(parsing: .unconditional, help: ArgumentHelp("Seed of the random FrozenLake map (implies --map random; default 0).", valueName: "seed"))
    var mapSeed: UInt64?

    @Option(parsing: .unconditional, help: ArgumentHelp(
        "FrozenLake rewards for the goal, a hole and a frozen tile (default 1,0,0).", valueName: "goal,hole,frozen"))
    var rewardSchedule: String?

    @Flag(help: "CartPole: reward 0 per step and -1 when the pole falls, instead of +1 per step (default: off).")
    var suttonBartoReward = false

    @Option(parsing: .unconditional, help: ArgumentHelp(
        "Time limit in steps, or 'none' (default: the environment's: 100 for FrozenLake-v1, 500 for CartPole-v1, …).",
        valueName: "steps"))
    var maxEpisodeSteps: String?

    @Option(name: .customLong("option"), help: ArgumentHelp(
        "Any other environment option, as NAME=VALUE (repeatable; `rl list ENV` lists them).", valueName: "name=value"))
    var extraOptions: [String] = []

    /// The flag standing for each registry option, for listings (`rl list ENV`); the others
    /// are given with `--option NAME=VALUE`.
    static let flags: [String: String] = [
        "map": "--map", "slippery": "--slippery/--no-slippery", "success-rate": "--success-rate",
        "size": "--map-size", "frozen-probability": "--frozen-probability", "map-seed": "--map-seed",
        "reward-schedule": "--reward-schedule", "sutton-barto-reward": "--sutton-barto-reward",
        EnvironmentRegistration.maxEpisodeStepsOption.name: "--max-episode-steps",
    ]

    /// The registry options the flags stand for, by the registry's names.
    ///
    /// - Throws: ``CommandFailure`` for an `--option` without `=`, or one that repeats a flag.
    func registryOptions() throws -> [String: String] {
        var options: [String: String] = [:]
        // A map file is read when the environment is made (``MadeEnvironment``), and its text
        // recorded in place of the path.
        options["map"] = map
        options["slippery"] = slippery.map { $0 ? "true" : "false" }
        options["success-rate"] = successRate.map { "\($0)" }
        options["size"] = mapSize.map { "\($0)" }
        options["frozen-probability"] = frozenProbability.map { "\($0)" }
        options["map-seed"] = mapSeed.map { "\($0)" }
        options["reward-schedule"] = rewardSchedule
        options["sutton-barto-reward"] = suttonBartoReward ? "true" : nil
        options[EnvironmentRegistration.maxEpisodeStepsOption.name] = maxEpisodeSteps
        for assignment in extraOptions {
            guard let equals = assignment.firstIndex(of: "="), equals != assignment.startIndex else {
                throw CommandFailure("--option takes NAME=VALUE, got '\(assignment)'", exitCode: .validationFailure)
            }
            let name = String(assignment[..<equals])
            guard options[name] == nil else {
                throw CommandFailure("the environment option '\(name)' is given twice", exitCode: .validationFailure)
            }
            options[name] = String(assignment[assignment.index(after: equals)...])
        }
        return options
    }

    /// Makes the environment registered under `name` with these options.
    func makeEnvironment(_ name: String) throws -> MadeEnvironment {
        try MadeEnvironment(name, options: registryOptions())
    }
}

/// An environment made from the registry, with what made it: enough to name it in output and
/// to make it again from a checkpoint.
struct MadeEnvironment {
    /// The registration (canonical id, time limit, reward threshold).
    let registration: EnvironmentRegistration
    /// The options it was made with, by the registry's names.
    let options: [String: String]
    /// The environment, with its time limit.
    var environment: any Environment

    /// The map file the environment's map was read from, when it came from one (for messages).
    let mapFile: String?

    /// Makes the environment registered under an id or alias.
    ///
    /// A `map` option naming a file is replaced by the file's text, so that checkpoints and
    /// `config.yaml` keep the map itself: editing, moving or deleting the file later changes
    /// nothing for `rl eval`, `rl watch` or `--resume`.
    ///
    /// - Throws: the registry's errors; `TextFile.ReadError` (exit 1) for a map file that cannot
    ///   be read; a malformed map file's error names the file.
    init(_ name: String, options: [String: String]) throws {
        registration = try EnvironmentRegistry.standard.registration(named: name)
        var options = options
        if let value = options["map"], !value.contains(where: \.isNewline), FileManager.default.fileExists(atPath: value) {
            options["map"] = try MapFile.text(atPath: value)
            mapFile = value
        } else {
            mapFile = nil
        }
        self.options = options
        do {
            environment = try registration.make(options: options)
        } catch EnvironmentError.invalidMap(let line, let message) {
            // The registry's message gives the line; add which map it is.
            let source = mapFile.map { "map file '\($0)'" } ?? "map"
            throw CommandFailure(line.map { "\(source) line \($0): \(message)" } ?? "\(source): \(message)")
        }
    }

    /// Makes the environment a checkpoint was trained on.
    ///
    /// - Throws: ``CommandFailure`` when the checkpoint names no environment or one the registry
    ///   does not know; the registry's errors for its options.
    init(for checkpoint: Checkpoint, at path: String) throws {
        guard let reference = checkpoint.environment else {
            throw CommandFailure("\(path) does not say which environment it was trained on")
        }
        guard (try? EnvironmentRegistry.standard.registration(named: reference.id)) != nil else {
            throw CommandFailure("\(path) was trained on '\(reference.id)', which is not a registered environment")
        }
        try self.init(reference.id, options: reference.options)
    }

    /// The canonical id (`CartPole-v1`).
    var id: String { registration.id }

    /// What a checkpoint records about the environment.
    var reference: EnvironmentReference { EnvironmentReference(id: id, options: options) }

    /// The id followed by the options, for people: `FrozenLake-v1 (map=8x8, slippery=false)`;
    /// a map read from a file shows as the file (`map=lake.txt`).
    var title: String {
        var shown = options
        if let mapFile { shown["map"] = mapFile }
        return Self.title(id: id, options: shown)
    }

    /// The id followed by the options, on one line: a value that is a map's text shows as its
    /// rows separated by commas, cut after 40 characters (`map=SFFF,FHFH,FFFH,HFFG`).
    static func title(id: String, options: [String: String]) -> String {
        guard !options.isEmpty else { return id }
        func shown(_ value: String) -> String {
            let line = value.split(whereSeparator: \.isNewline).map { $0.trimmingCharacters(in: .whitespaces) }
                .filter { !$0.isEmpty && !$0.hasPrefix("//") }.joined(separator: ",")
            return line.count > 40 ? String(line.prefix(40)) + "…" : line
        }
        return id + " (" + options.sorted { $0.key < $1.key }.map { "\($0.key)=\(shown($0.value))" }.joined(separator: ", ") + ")"
    }
}
