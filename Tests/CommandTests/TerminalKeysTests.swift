import Foundation
import Testing

#if canImport(Glibc)
import Glibc
#elseif canImport(Darwin)
import Darwin
#endif

@Suite("rl watch in a terminal: the window's keys")
struct TerminalKeysTests {
    @Test("space pauses, → steps while paused, + speeds up, r restarts, q quits")
    func keys() throws {
        let folder = try TemporaryFolder()
        let run = try TrainedRuns.qTable(in: folder)
        // A pseudo-terminal as standard input, so rl reads keys from a "person" in raw mode.
        var master: Int32 = -1, slave: Int32 = -1
        try #require(openpty(&master, &slave, nil, nil, nil) == 0, "no pseudo-terminal")
        defer { close(master) }
        // One step a second: nothing moves by itself between the keys below.
        let running = try RLProcess.start(["watch", run, "--render", "ansi", "--fps", "1", "--episodes", "1"],
                                          terminal: FileHandle(fileDescriptor: slave, closeOnDealloc: true))
        /// The status lines shown so far.
        func statuses() -> [String] {
            running.standardOutputSoFar.split(separator: "\n").map(String.init).filter { $0.hasPrefix("qtable  episode") }
        }
        func type(_ keys: String) {
            _ = keys.utf8CString.withUnsafeBufferPointer { write(master, $0.baseAddress, keys.utf8.count) }
        }
        func press(_ keys: String, thenSee status: String) {
            type(keys)
            #expect(running.wait(upTo: 30) { statuses().last == status }, "after \(keys.debugDescription): \(statuses().suffix(3))")
        }
        // The first frame is drawn once the terminal is in raw mode (keys typed before would be flushed).
        #expect(running.wait(upTo: 60) { statuses().count >= 1 })
        press(" ", thenSee: "qtable  episode 1  step 0  return 0  paused")
        press("\u{1B}[C", thenSee: "qtable  episode 1  step 1  return 0  paused")
        press("\u{1B}[C", thenSee: "qtable  episode 1  step 2  return 0  paused")
        press("+", thenSee: "qtable  episode 1  step 2  return 0  paused · 2x")
        press("r", thenSee: "qtable  episode 1  step 0  return 0  paused · 2x")
        type("q")
        let result = try running.finish(within: 30)
        #expect(result.status == 0, "\(result.standardError)")
        #expect(result.standardError.contains("Keys: space pauses, → steps while paused, + and − change the speed, r restarts the episode, q quits."))
        #expect(result.standardOutput.hasSuffix("The trained qtable agent played no complete episode on FrozenLake-v1 (slippery=false).\n"))
    }
}
