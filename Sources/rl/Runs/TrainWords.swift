import RL

/// The words `rl train` does not parse itself: `AGENT ENV`, then the agent's hyperparameters
/// (`--NAME VALUE`, `--NAME=VALUE`, `--NAME`, `--no-NAME`), read once the agent is known.
///
/// With `--config FILE` or `--resume FOLDER` the agent and environment may be left out.
struct TrainWords {
    /// The agent's name, when given.
    var agent: String?
    /// The environment's name, when given.
    var environment: String?
    /// The words after them: the agent's options, unread.
    var agentArguments: [String]

    /// Splits `words` into the leading names and the agent's options.
    ///
    /// - Throws: ``CommandFailure`` (exit 64) for more than two names before the options.
    init(_ words: [String]) throws {
        var names: [String] = []
        var index = 0
        while index < words.count, !words[index].hasPrefix("--") {
            names.append(words[index])
            index += 1
        }
        guard names.count <= 2 else {
            throw CommandFailure("unexpected argument '\(names[2])'", exitCode: .validationFailure)
        }
        agent = names.first
        environment = names.count > 1 ? names[1] : nil
        agentArguments = Array(words[index...])
    }
}
