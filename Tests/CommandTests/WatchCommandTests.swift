import Foundation
import Testing

@Suite("rl watch")
struct WatchCommandTests {
    @Test("a trained agent plays its checkpoint's environment, frame by frame")
    func trainedAgent() throws {
        let folder = try TemporaryFolder()
        let run = try TrainedRuns.qTable(in: folder)
        let result = try RLProcess.run(["watch", run + "/checkpoint.safetensors", "--render", "ansi", "--fps", "0", "--episodes", "2"])
        #expect(result.status == 0, "\(result.standardError)")
        let output = result.standardOutput
        // The greedy path: six steps to the goal, in each episode.
        #expect(output.contains("qtable  episode 1  step 6  return 1  — reached the goal"))
        #expect(output.contains("qtable  episode 2  step 6  return 1  — reached the goal"))
        #expect(output.hasSuffix("The trained qtable agent played 2 episodes on FrozenLake-v1 (slippery=false): returns 1, 1; reached the goal in 2 of 2.\n"))
    }

    @Test("an untrained agent plays a named environment with its options")
    func untrainedAgent() throws {
        let result = try RLProcess.run(["watch", "random", "frozenlake", "--map", "8x8", "--fps", "0", "--episodes", "3", "--render", "ansi"])
        #expect(result.status == 0, "\(result.standardError)")
        #expect(result.standardOutput.contains("The untrained random agent played 3 episodes on FrozenLake-v1 (map=8x8)"))
        // The 8x8 map's last row.
        #expect(result.standardOutput.contains("FFFHFFF"))
    }

    @Test("a checkpoint brings its own environment: environment options are refused")
    func checkpointWithOptions() throws {
        let folder = try TemporaryFolder()
        let run = try TrainedRuns.qTable(in: folder)
        let result = try RLProcess.run(["watch", run, "--slippery", "--fps", "0"])
        #expect(result.status == 64)
        #expect(result.errorLines == ["rl: error: environment options apply to `rl watch AGENT ENV`; a checkpoint brings its own environment"])
    }

    @Test("--render sdl without a display fails in one line")
    func sdlWithoutDisplay() throws {
        let result = try RLProcess.run(["watch", "random", "cartpole", "--render", "sdl"])
        #expect(result.status == 1)
        #expect(result.errorLines == ["rl: error: --render sdl needs a display, but neither DISPLAY nor WAYLAND_DISPLAY is set; use --render ansi, or --record FILE.gif to record the episodes"])
        #expect(result.standardOutput.isEmpty)
    }
}
