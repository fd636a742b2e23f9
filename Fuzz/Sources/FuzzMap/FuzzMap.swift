import Foundation
import RL

/// One fuzzing input: the text of a map.
///
/// It is read as a FrozenLake map, as a grid-world map (settings and grid) and as the
/// registry's `map` option with lines separated by commas; every map that is accepted is
/// played for a few random steps. Every input must end in a thrown error or finished steps: a
/// trap, a hang or an allocation beyond libFuzzer's memory limit is a bug.
public func fuzzMap(_ bytes: UnsafePointer<UInt8>, _ count: Int) -> CInt {
    let text = String(decoding: UnsafeBufferPointer(start: bytes, count: count), as: UTF8.self)
    var environments: [any Environment] = []
    if let lake = try? FrozenLake(mapText: text) { environments.append(lake) }
    if let grid = try? GridWorldMap(parsing: text) { environments.append(GridWorld(map: grid)) }
    // The option's forms: rows separated by commas (not a file: a value with a line break is a
    // map's text, and the fuzzer must not read files by name).
    let option = text.contains(where: \.isNewline) ? text : text.replacingOccurrences(of: "/", with: "")
    for id in ["frozenlake", "gridworld"] {
        if let made = try? EnvironmentRegistry.standard.make(id, options: ["map": option]) { environments.append(made) }
    }
    for environment in environments { play(environment) }
    return 0
}
