import Foundation
import Testing

@Suite("rl play")
struct PlayCommandTests {
    @Test("keys on standard input walk the deterministic lake to the goal")
    func walkToGoal() throws {
        // Right, right, down, down, down, right: the shortest path around the holes.
        let result = try RLProcess.run(["play", "frozenlake", "--no-slippery"], input: "ddsssd")
        #expect(result.status == 0, "\(result.standardError)")
        let output = result.standardOutput
        #expect(output.contains("episode 1  step 6  return 1  — reached the goal"))
        #expect(output.hasSuffix("You played 1 episode on FrozenLake-v1 (slippery=false): return 1; reached the goal in 1 of 1.\n"))
        // Every frame is the environment's ANSI rendering with the agent highlighted.
        #expect(output.contains("HFF\u{1B}[41mG\u{1B}[0m"))
        #expect(output.contains("keys: ←/a or 0 Left  ↓/s or 1 Down  →/d or 2 Right  ↑/w or 3 Up  r restart  q quit"))
    }

    @Test("arrow-key escape sequences move too; a hole ends the episode without the goal")
    func arrowKeysIntoHole() throws {
        // Down, then right: into the hole at row 1, column 1.
        let result = try RLProcess.run(["play", "frozenlake", "--no-slippery"], input: "\u{1B}[B\u{1B}[C")
        #expect(result.status == 0)
        #expect(result.standardOutput.contains("  (Down)"))
        #expect(result.standardOutput.contains("episode 1  step 2  return 0  — fell into a hole"))
        #expect(result.standardOutput.contains("reached the goal in 0 of 1"))
    }

    @Test("q quits at once; unknown keys are refused with a hint")
    func quitAndUnknownKeys() throws {
        let result = try RLProcess.run(["play", "frozenlake"], input: "xdq" + "ddddd")
        #expect(result.status == 0)
        #expect(result.standardOutput.contains("that key does nothing here"))
        #expect(result.standardOutput.contains("episode 1  step 1  return 0"))
        #expect(!result.standardOutput.contains("step 2"))
        #expect(result.standardOutput.hasSuffix("You played no complete episode on FrozenLake-v1.\n"))
    }

    @Test("CartPole: left and right push the cart until the pole falls; --episodes stops after one")
    func cartPole() throws {
        let result = try RLProcess.run(["play", "cartpole", "--episodes", "1", "--seed", "1"], input: String(repeating: "d", count: 200))
        #expect(result.status == 0)
        #expect(result.standardOutput.contains("keys: ←/a or 0 Push left  →/d or 1 Push right  r restart  q quit"))
        // Always pushing right tips the pole within a few dozen steps.
        #expect(result.standardOutput.contains("— the pole fell") || result.standardOutput.contains("— the cart left the track"))
        #expect(result.standardOutput.contains("You played 1 episode on CartPole-v1"))
    }

    @Test("Taxi: arrows move, p picks up, o drops off; the hint names them")
    func taxi() throws {
        // Two illegal actions (a pickup and a dropoff with nobody aboard), then quit.
        let result = try RLProcess.run(["play", "taxi", "--seed", "3"], input: "poq")
        #expect(result.status == 0, "\(result.standardError)")
        #expect(result.standardOutput.contains("keys: ↓/s or 0 South  ↑/w or 1 North  →/d or 2 East  ←/a or 3 West  p or 4 Pickup  o or 5 Dropoff  r restart  q quit"))
        #expect(result.standardOutput.contains("  (Pickup)") && result.standardOutput.contains("  (Dropoff)"))
        #expect(result.standardOutput.contains("episode 1  step 2  return -20"))
    }

    @Test("Blackjack: s sticks and ends the hand, h hits")
    func blackjack() throws {
        let result = try RLProcess.run(["play", "blackjack", "--episodes", "1"], input: "s")
        #expect(result.status == 0, "\(result.standardError)")
        #expect(result.standardOutput.contains("keys: s or 0 Stick  h or 1 Hit  r restart  q quit"))
        #expect(result.standardOutput.contains("episode 1  step 1  return"))
        #expect(result.standardOutput.contains("You played 1 episode on Blackjack-v1"))
    }

    @Test("continuous actions: left and right push with the largest torque, one step per key")
    func pendulum() throws {
        let result = try RLProcess.run(["play", "pendulum", "--seed", "2"], input: "ddaq")
        #expect(result.status == 0, "\(result.standardError)")
        #expect(result.standardOutput.contains("keys: ←/a or 0 Push left (-2.0)  1 No push (0.0)  →/d or 2 Push right (2.0)  r restart  q quit"))
        #expect(result.standardOutput.contains("torque +2.000 N m") && result.standardOutput.contains("torque -2.000 N m"))
        #expect(result.standardOutput.contains("episode 1  step 3  return"))
    }
}
