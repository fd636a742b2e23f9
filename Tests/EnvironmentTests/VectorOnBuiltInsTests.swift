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
