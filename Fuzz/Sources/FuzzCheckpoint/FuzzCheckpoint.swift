import Foundation
import RL

/// One fuzzing input: the bytes of a checkpoint file.
///
/// It goes the way `rl eval` takes a checkpoint: decoded as safetensors, its metadata read
/// strictly, its environment made from the registry, the agent made from the catalog and bound
/// to the environment, then one short greedy episode. Every input must end in a thrown error or
/// a finished episode: a trap, a hang or an allocation beyond libFuzzer's memory limit is a bug.
public func fuzzCheckpoint(_ bytes: UnsafePointer<UInt8>, _ count: Int) -> CInt {
    let data = Data(bytes: bytes, count: count)
    guard let contents = try? Safetensors.decode(data), let checkpoint = try? Checkpoint(contents: contents) else { return 0 }
    var environment = checkpoint.environment.flatMap { reference in
        try? EnvironmentRegistry.standard.make(reference.id, options: reference.options)
    }
    guard let agent = try? AgentCatalog.standard.load(checkpoint, environment: environment) else { return 0 }
    if var made = environment {
        _ = try? evaluate(agent, on: &made)
        environment = made
    }
    return 0
}
