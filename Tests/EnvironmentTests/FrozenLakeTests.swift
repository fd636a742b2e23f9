import Foundation
import RLCore
import RLEnvironments
import SeededRandom
import Testing

@Suite("FrozenLake")
struct FrozenLakeTests {
    @Test("spaces, start and the deterministic walk to the goal with reward 1")
    func deterministicWalk() throws {
        var lake = try FrozenLake(isSlippery: false)
        #expect(lake.observationSpace == Discrete(16))
        #expect(lake.actionSpace == Discrete(4))
        #expect(lake.reset(seed: 0) == 0)
        // Down, down, right, down, right, right: 0 → 4 → 8 → 9 → 13 → 14 → 15.
        var states: [Int] = []
        var result = StepResult(observation: 0, reward: 0)
        for action in [1, 1, 2, 1, 2, 2] {
            result = try lake.step(action)
            states.append(result.observation)
        }
        #expect(states == [4, 8, 9, 13, 14, 15])
        #expect(result.reward == 1 && result.terminated && !result.truncated)
        #expect(lake.episodeSucceeded == true)
    }

    @Test("falling into a hole terminates with reward 0 and no success")
    func hole() throws {
        var lake = try FrozenLake(isSlippery: false)
        _ = lake.reset(seed: 0)
        _ = try lake.step(2)                // 0 → 1
        let result = try lake.step(1)       // 1 → 5, a hole
        #expect(result == StepResult(observation: 5, reward: 0, terminated: true))
        #expect(lake.episodeSucceeded == false)
    }

    @Test("step before reset, after the end, and with an invalid action throw clear errors")
    func errors() throws {
        var lake = try FrozenLake(isSlippery: false)
        #expect(throws: EnvironmentError.resetNeeded(environment: "FrozenLake")) { try lake.step(0) }
        _ = lake.reset(seed: 0)
        #expect(throws: EnvironmentError.invalidAction(
            "FrozenLake: action 4 is not in the action space Discrete(4) (0 = Left, 1 = Down, 2 = Right, 3 = Up)")) {
            try lake.step(4)
        }
        #expect(throws: EnvironmentError.self) { try lake.step(-1) }
        // The refused actions changed nothing.
        #expect(lake.state == 0 && lake.lastAction == nil)
        _ = try lake.step(2)
        _ = try lake.step(1)                // into the hole at 5
        #expect(throws: EnvironmentError.resetNeeded(environment: "FrozenLake")) { try lake.step(0) }
        #expect(lake.reset() == 0)
        #expect(try lake.step(0).observation == 0)
    }

    @Test("the same seed gives the same slippery episodes; different seeds differ")
    func seeding() throws {
        func play(seed: UInt64) throws -> [Int] {
            var lake = try FrozenLake(mapName: "8x8")
            var observations = [lake.reset(seed: seed)]
            var actions = SeededGenerator(seed: 99)
            for _ in 0..<300 {
                let result = try lake.step(actions.uniformInt(below: 4))
                observations.append(result.observation)
                if result.isDone { observations.append(lake.reset()) }
            }
            return observations
        }
        #expect(try play(seed: 5) == play(seed: 5))
        #expect(try play(seed: 5) != play(seed: 6))
    }

    @Test("slippery moves go as intended and to each side with the success rate's probabilities")
    func slipFrequencies() throws {
        for successRate in [1.0 / 3.0, 0.8] {
            var lake = try FrozenLake(map: ["FFF", "FSF", "FFG"], successRate: successRate)
            var counts = [Int: Int]()
            _ = lake.reset(seed: 1)
            for _ in 0..<30_000 {
                _ = lake.reset()
                counts[try lake.step(3).observation, default: 0] += 1     // up from the centre (4)
            }
            // Up goes to 1; the neighbouring actions (right, left) to 5 and 3.
            #expect(Set(counts.keys) == [1, 3, 5])
            #expect(abs(Double(counts[1]!) / 30_000 - successRate) < 0.015)
            #expect(abs(Double(counts[3]!) / 30_000 - (1 - successRate) / 2) < 0.015)
            #expect(abs(Double(counts[5]!) / 30_000 - (1 - successRate) / 2) < 0.015)
        }
    }

    @Test("the reward schedule sets the goal, hole and frozen rewards")
    func rewardSchedule() throws {
        var lake = try FrozenLake(map: ["SFH", "FFG"], isSlippery: false,
                                  rewardSchedule: .init(goal: 10, hole: -5, frozen: -0.5))
        _ = lake.reset(seed: 0)
        #expect(try lake.step(2).reward == -0.5)
        #expect(try lake.step(2) == StepResult(observation: 2, reward: -5, terminated: true))
        #expect(lake.transitions(from: 4, action: 2) == [Transition(probability: 1, nextState: 5, reward: 10, terminated: true)])
        // Terminal cells keep Gymnasium's (1, s, 0, True) whatever the schedule.
        #expect(lake.transitions(from: 2, action: 0) == [Transition(probability: 1, nextState: 2, reward: 0, terminated: true)])
    }

    @Test("several start tiles are chosen uniformly")
    func severalStarts() throws {
        var lake = try FrozenLake(map: ["SFS", "FFG"])
        var starts = [Int: Int]()
        _ = lake.reset(seed: 3)
        for _ in 0..<2_000 { starts[lake.reset(), default: 0] += 1 }
        #expect(Set(starts.keys) == [0, 2])
        #expect(abs(starts[0]! - 1_000) < 120)
    }

    @Test("custom maps come from rows, text with comments, or a file")
    func customMaps() throws {
        #expect(try FrozenLake.parseMap("SFFF,FHFH,FFFH,HFFG") == FrozenLake.maps["4x4"])
        #expect(try FrozenLake.parseMap("// a lake\n\nSF\r\nFG\n") == ["SF", "FG"])
        let url = FileManager.default.temporaryDirectory.appendingPathComponent("lake-\(UInt64.random(in: 0 ... .max)).txt")
        try "SFH\nFFF\nHFG\n".write(to: url, atomically: true, encoding: .utf8)
        defer { try? FileManager.default.removeItem(at: url) }
        #expect(try FrozenLake.loadMap(contentsOfFile: url.path) == ["SFH", "FFF", "HFG"])
        let made = try EnvironmentRegistry.standard.make("frozenlake", options: ["map": url.path])
        #expect((made as? TimeLimit<FrozenLake>)?.wrapped.map == ["SFH", "FFF", "HFG"])
    }

    @Test("malformed maps throw invalidMap naming the line", arguments: [
        ("SFFF,FHF,FFFH,HFFG", 2, "the row has 3 tiles but the first row has 4"),
        ("SFFF,FHQH,FFFH,HFFG", 2, "unknown tile 'Q' in column 3"),
        ("FFFF,FHFH,FFFH,HFFG", 1, "no start tile 'S'"),
        ("SFFF,FHFH,FFFH,HFFF", 1, "no goal tile 'G'"),
        ("SFFF,FHFH,FFHH,HFHG", 1, "no goal 'G' can be reached from the start in column 1"),
        ("FFFF,FFFF,HHHH,FSHG", 4, "no goal 'G' can be reached from the start in column 2"),
    ])
    func malformedMaps(text: String, line: Int, message: String) {
        do {
            _ = try FrozenLake(mapText: text)
            Issue.record("\(text) was accepted")
        } catch EnvironmentError.invalidMap(let actualLine, let actualMessage) {
            #expect(actualLine == line, "\(text)")
            #expect(actualMessage.contains(message), "\(actualMessage)")
        } catch {
            Issue.record("\(text): unexpected \(error)")
        }
    }

    @Test("an empty map, a missing file and a folder are refused with clear errors")
    func otherBadMaps() {
        #expect(throws: EnvironmentError.invalidMap(line: nil, message: "the map has no rows")) {
            try FrozenLake.parseMap("\n// nothing\n")
        }
        // A file that cannot be read is not a malformed map (rl exits with 1, not 64).
        #expect(throws: TextFile.ReadError(message: "cannot read the map file '/no/such/lake.txt': no such file")) {
            try FrozenLake.loadMap(contentsOfFile: "/no/such/lake.txt")
        }
        #expect(throws: TextFile.ReadError.self) { try FrozenLake.loadMap(contentsOfFile: FileManager.default.temporaryDirectory.path) }
        #expect(throws: EnvironmentError.self) { try FrozenLake(mapName: "5x5") }
        #expect(throws: EnvironmentError.self) { try FrozenLake(successRate: 1.5) }
    }

    @Test("random maps always have a path from S to G, over many seeds and sizes")
    func randomMapsAreValid() throws {
        for seed in UInt64(0)..<300 {
            let size = 2 + Int(seed % 11)
            let probability = [0.5, 0.65, 0.8, 1.0][Int(seed % 4)]
            let map = try FrozenLake.randomMap(size: size, frozenProbability: probability, seed: seed)
            #expect(map.count == size && map.allSatisfy { $0.count == size })
            #expect(map.first!.first == "S" && map.last!.last == "G")
            #expect(map.joined().filter { $0 == "S" || $0 == "G" }.count == 2)
            #expect(map.joined().allSatisfy { "SFHG".contains($0) })
            // An independent search: breadth-first over non-hole tiles.
            let tiles = map.map(Array.init)
            var reached: Set<[Int]> = [[0, 0]], frontier = [[0, 0]]
            while let cell = frontier.popLast() {
                for (dr, dc) in [(0, 1), (1, 0), (0, -1), (-1, 0)] {
                    let (r, c) = (cell[0] + dr, cell[1] + dc)
                    guard r >= 0, r < size, c >= 0, c < size, tiles[r][c] != "H", reached.insert([r, c]).inserted else { continue }
                    if tiles[r][c] != "G" { frontier.append([r, c]) }
                }
            }
            #expect(reached.contains([size - 1, size - 1]), "seed \(seed): \(map)")
            _ = try FrozenLake(map: map)
        }
    }

    @Test("random maps are fixed by their seed and vary with it; holes appear at about 1 − p")
    func randomMapSeeding() throws {
        #expect(try FrozenLake.randomMap(seed: 42) == FrozenLake.randomMap(seed: 42))
        #expect(try FrozenLake.randomMap(seed: 42) != FrozenLake.randomMap(seed: 43))
        let map = try FrozenLake.randomMap(size: 60, frozenProbability: 0.9, seed: 1).joined()
        let holeFraction = Double(map.filter { $0 == "H" }.count) / Double(map.count)
        #expect(abs(holeFraction - 0.1) < 0.02)
        #expect(try FrozenLake.randomMap(size: 5, frozenProbability: 1, seed: 0).joined().allSatisfy { $0 != "H" })
    }

    @Test("random map arguments out of range, or hopeless, throw", arguments: [
        (1, 0.8), (257, 0.8), (8, 0.0), (8, 1.5), (8, -0.2), (12, 0.05),
    ])
    func badRandomMaps(size: Int, probability: Double) {
        #expect(throws: EnvironmentError.self) { try FrozenLake.randomMap(size: size, frozenProbability: probability, seed: 0) }
    }
}
