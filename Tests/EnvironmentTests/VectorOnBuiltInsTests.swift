import RLCore
import RLEnvironments
import Testing

@Suite("Vectors of the built-in environments")
struct VectorOnBuiltInsTests {
    @Test("CartPole-v1 from the registry: a balancing policy runs every copy into its own 500-step limit")
    func cartPoleTimeLimit() throws {
        let vector = try EnvironmentRegistry.standard.makeVector("cartpole", copies: 4, threading: .threads(2))
        #expect(vector.observationWidth == 4)
        #expect(vector.actionLayout == .indices(count: 2))
        vector.reset(seed: 0)
        var actions = [Int](repeating: 0, count: 4)
        for step in 1...500 {
            // Push the cart the way the pole is falling (angle plus angular velocity).
            for copy in 0..<4 {
                let row = vector.observation(copy: copy)
                actions[copy] = row[2] + row[3] > 0 ? 1 : 0
            }
            try vector.step(actionIndices: actions)
            #expect(Array(vector.truncated) == Array(repeating: step == 500, count: 4), "step \(step)")
            #expect(!vector.terminated.contains(true), "step \(step)")
        }
        for copy in 0..<4 {
            #expect(vector.finishedEpisode(copy: copy)
                    == EpisodeRecord(totalReward: 500, length: 500, terminated: false, truncated: true, succeeded: nil))
        }
    }

    @Test("the README's autoreset example: two deterministic FrozenLake copies, copy 0 into the hole",
          arguments: AutoresetMode.allCases)
    func readmeExample(autoreset: AutoresetMode) throws {
        let lakes = try EnvironmentRegistry.standard.makeVector("frozenlake", copies: 2, options: ["slippery": "false"],
                                                                autoreset: autoreset)
        lakes.reset(seed: 0)
        var cells = [lakes.observationIndices.map(Array.init)]
        var ended = [Array(lakes.terminated)]
        var finals: [[Int]?] = [nil]
        for actions in [[1, 2], [2, 2], [0, 1]] {
            try lakes.step(actionIndices: actions)
            cells.append(lakes.observationIndices.map(Array.init))
            ended.append(Array(lakes.terminated))
            finals.append((0..<2).contains { lakes.hasFinalObservation[$0] } ? lakes.finalObservationIndices.map(Array.init) : nil)
            #expect(Array(lakes.rewards) == [0, 0])
        }
        let sameStep = autoreset == .sameStep
        #expect(cells == [[0, 0], [4, 1], [sameStep ? 0 : 5, 2], [0, 6]])
        #expect(ended == [[false, false], [false, false], [true, false], [false, false]])
        #expect(finals.map { $0?.first } == [nil, nil, sameStep ? 5 : nil, nil])
        #expect(lakes.lastEpisode(copy: 0)
                == EpisodeRecord(totalReward: 0, length: 2, terminated: true, truncated: false, succeeded: false))
    }

    @Test("FrozenLake-v1 from the registry: indices and one-hot rows, and success in the episode records")
    func frozenLakeRecords() throws {
        let vector = try EnvironmentRegistry.standard.makeVector("frozenlake", copies: 16, options: ["slippery": "false"])
        vector.reset(seed: 3)
        #expect(vector.observationIndices.map(Array.init) == Array(repeating: 0, count: 16))
        #expect(vector.observation(copy: 5) == [1] + Array(repeating: 0, count: 15))
        // Down, down, right, right, down, right reaches the goal on the 4x4 map.
        for action in [1, 1, 2, 2, 1, 2] {
            try vector.step(actionIndices: Array(repeating: action, count: 16))
        }
        #expect(vector.observationIndices.map(Array.init) == Array(repeating: 15, count: 16))
        #expect(vector.finishedEpisode(copy: 9)
                == EpisodeRecord(totalReward: 1, length: 6, terminated: true, truncated: false, succeeded: true))
        #expect(vector.completedEpisodes == 16)
        try vector.step(actionIndices: Array(repeating: 0, count: 16))     // next-step autoreset
        #expect(vector.observationIndices.map(Array.init) == Array(repeating: 0, count: 16))
        #expect(vector.totalSteps == 96)
    }
}
