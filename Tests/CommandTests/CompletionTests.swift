import Foundation
import Testing

/// Shell completion: the scripts `rl --generate-completion-script` writes complete agent names
/// and environment ids, and `rl watch` works out its own.
@Suite("shell completion")
struct CompletionTests {
    /// Names the scripts must offer: agents (with an alias), environment ids and aliases.
    static let names = ["ppo", "sac", "td3", "a2c", "dqn", "esarsa", "CartPole-v1", "cartpole", "Pendulum-v1", "frozenlake", "Taxi-v3"]

    @Test("the bash, zsh and fish scripts complete agent names and environment ids", arguments: ["bash", "zsh", "fish"])
    func scripts(_ shell: String) throws {
        let result = try RLProcess.run(["--generate-completion-script", shell])
        #expect(result.status == 0, "\(result.standardError)")
        for name in Self.names {
            #expect(result.standardOutput.contains(name), "\(shell) script lacks \(name)")
        }
    }

    @Test("zsh's script names its lists' variables with shell identifiers (a value name with spaces broke `rl train` there)")
    func zshVariables() throws {
        let script = try RLProcess.run(["--generate-completion-script", "zsh"]).standardOutput
        let names = script.split(separator: "\n").compactMap { line -> Substring? in
            guard let range = line.range(of: "local -ar ") else { return nil }
            return line[range.upperBound...].split(separator: "=", maxSplits: 1).first
        }
        #expect(names.count >= 3)
        for name in names {
            #expect(name.wholeMatch(of: /[A-Za-z_][A-Za-z0-9_]*/) != nil, "\(name)")
        }
    }

    @Test("in the bash script, rl list offers environments and agents, rl play environments")
    func bashPlaces() throws {
        let script = try RLProcess.run(["--generate-completion-script", "bash"]).standardOutput
        /// The body of a subcommand's completion function.
        func function(_ name: String) throws -> Substring {
            let start = try #require(script.range(of: "\n_rl_\(name)() {"))
            let end = script[start.upperBound...].range(of: "\n}\n")?.lowerBound ?? script.endIndex
            return script[start.upperBound..<end]
        }
        let list = try function("list")
        #expect(list.contains("'ppo'") && list.contains("'sac'") && list.contains("'CartPole-v1'") && list.contains("'pendulum'"))
        let play = try function("play")
        #expect(play.contains("'CartPole-v1'") && play.contains("'taxi'") && !play.contains("'ppo'"))
        // Checkpoints and configuration files complete as files of their kind.
        #expect(try function("eval").contains("safetensors"))
        #expect(try function("train").contains("yaml"))
        #expect(try function("watch").contains("---completion watch"))
        #expect(try function("train").contains("---completion train"))
    }

    @Test("rl train completes an agent, then an environment, then nothing")
    func trainWords() throws {
        /// The candidates for the last of `words`, the cursor at its end.
        func candidates(_ words: [String]) throws -> [String] {
            let index = words.count - 1
            let result = try RLProcess.run(["---completion", "train", "--", "positional@0", "\(index)", "\(words[index].count)"] + words)
            #expect(result.status == 0, "\(result.standardError)")
            return result.standardOutput.split(separator: "\n").map(String.init)
        }
        #expect(try candidates(["rl", "train", "p"]) == ["pg", "ppo"])
        #expect(try candidates(["rl", "train", "--seed", "3", "ppo", "cart"]) == ["cartpole"])
        #expect(try candidates(["rl", "train", "ppo", "cartpole", ""]).isEmpty)
    }

    @Test("rl watch completes an agent or a checkpoint first, then an environment after an agent")
    func watchTargets() throws {
        let folder = try TemporaryFolder()
        try FileManager.default.createDirectory(atPath: folder.path("runs/dqn-1"), withIntermediateDirectories: true)
        try Data().write(to: folder.url.appendingPathComponent("runs/dqn-1/checkpoint.safetensors"))
        try Data().write(to: folder.url.appendingPathComponent("runs/dqn-1/metrics.csv"))
        /// The candidates for word `index` of `words`, the cursor at its end, as `shell` asks.
        func candidates(_ words: [String], _ index: Int, shell: String? = nil) throws -> [String] {
            let result = try RLProcess.run(["---completion", "watch", "--", "positional@0", "\(index)", "\(words[index].count)"] + words,
                                           in: folder.url, environment: ["SAP_SHELL": shell])
            #expect(result.status == 0, "\(result.standardError)")
            return result.standardOutput.split(separator: "\n").map(String.init)
        }
        let first = try candidates(["rl", "watch", ""], 2)
        #expect(first.contains("ppo") && first.contains("dqn") && first.contains("runs/"))
        #expect(!first.contains("cartpole"))
        #expect(try candidates(["rl", "watch", "runs/"], 2) == ["runs/dqn-1/"])
        // Bash's script has readline mark folders itself.
        #expect(try candidates(["rl", "watch", "runs/"], 2, shell: "bash") == ["runs/dqn-1"])
        #expect(try candidates(["rl", "watch", "runs/dqn-1/"], 2) == ["runs/dqn-1/checkpoint.safetensors"])
        let second = try candidates(["rl", "watch", "ppo", ""], 3)
        #expect(second.contains("CartPole-v1") && second.contains("cartpole") && !second.contains("ppo"))
    }
}
