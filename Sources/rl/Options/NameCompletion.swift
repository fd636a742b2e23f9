import ArgumentParser
import Foundation
import RL

/// What the shell completes for `rl`'s arguments (`rl --generate-completion-script bash|zsh|fish`):
/// agent names and environment ids and aliases from the catalog and the registry, checkpoints
/// and run folders for the arguments that take them.
///
/// Lists are written into the scripts; where the place decides (`rl train AGENT ENV`, `rl watch`)
/// the scripts ask `rl` itself when the key is pressed. (A list's argument needs a value name
/// that is a shell identifier: zsh's script names a variable after it.)
enum NameCompletion {
    /// Every agent name and alias (`dqn`, `pg`, …).
    static var agentNames: [String] { AgentCatalog.standard.names }

    /// Every environment id and alias (`CartPole-v1`, `cartpole`, …).
    static var environmentNames: [String] { EnvironmentRegistry.standard.names }

    /// `rl train AGENT ENV`: an agent first, then an environment, then nothing (hyperparameters
    /// are options).
    static var agentThenEnvironment: CompletionKind {
        .custom { words, index, prefix in
            let before = words.prefix(max(0, min(index, words.count)))
            if !before.contains(where: agentNames.contains) { return agentNames.filter { $0.hasPrefix(prefix) } }
            if !before.contains(where: environmentNames.contains) { return environmentNames.filter { $0.hasPrefix(prefix) } }
            return []
        }
    }

    /// `rl list NAME`: environments and agents.
    static var environmentsAndAgents: CompletionKind { .list(environmentNames + agentNames) }

    /// `rl play ENV`.
    static var environments: CompletionKind { .list(environmentNames) }

    /// A checkpoint (`.safetensors`) or the run folder holding one.
    static var checkpoint: CompletionKind { .file(extensions: ["safetensors"]) }

    /// `rl watch CHECKPOINT` or `rl watch AGENT ENV`: first a checkpoint, a run folder or an agent,
    /// then, after an agent, an environment. Worked out when the shell asks, by `rl` itself.
    static var watchTargets: CompletionKind {
        .custom { words, index, prefix in
            let previous = index > 0 && index - 1 < words.count ? words[index - 1] : ""
            if agentNames.contains(previous) { return environmentNames.filter { $0.hasPrefix(prefix) } }
            return agentNames.filter { $0.hasPrefix(prefix) } + checkpointPaths(matching: prefix)
        }
    }

    /// The folders, and the `.safetensors` files, whose paths start with `prefix` (hidden ones
    /// only when `prefix` names them); folders end with `/`, except for bash, whose script has
    /// readline add it.
    static func checkpointPaths(matching prefix: String) -> [String] {
        let slash = CompletionShell.requesting == .bash ? "" : "/"
        let folder = prefix.range(of: "/", options: .backwards).map { String(prefix[..<$0.upperBound]) } ?? ""
        let start = String(prefix.dropFirst(folder.count))
        let expanded = (folder as NSString).expandingTildeInPath
        guard let names = try? FileManager.default.contentsOfDirectory(atPath: folder.isEmpty ? "." : expanded) else { return [] }
        return names.filter { $0.hasPrefix(start) && (!$0.hasPrefix(".") || start.hasPrefix(".")) }.sorted().compactMap { name in
            var isDirectory: ObjCBool = false
            let path = folder.isEmpty ? name : (expanded as NSString).appendingPathComponent(name)
            guard FileManager.default.fileExists(atPath: path, isDirectory: &isDirectory) else { return nil }
            if isDirectory.boolValue { return folder + name + slash }
            return name.hasSuffix(".safetensors") ? folder + name : nil
        }
    }
}
