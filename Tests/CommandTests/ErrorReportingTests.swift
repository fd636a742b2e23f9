import Foundation
import Testing

/// Bad input of every kind ends with exactly one line on standard error, `rl: error: …`, a
/// non-zero exit code, nothing on standard output, and nothing written.
@Suite("errors")
struct ErrorReportingTests {
    /// A failing command line, the exit code it must end with and the start of its message.
    struct Case: CustomTestStringConvertible, Sendable {
        var arguments: [String]
        var status: Int32
        var message: String

        init(_ arguments: [String], _ status: Int32, _ message: String) {
            self.arguments = arguments
            self.status = status
            self.message = message
        }

        var testDescription: String { "rl " + arguments.joined(separator: " ") }
    }

    static let commandLineCases: [Case] = [
        Case(["train", "dqn", "cartpol"], 64,
             "unknown environment 'cartpol'; did you mean cartpole?; known: FrozenLake-v1, frozenlake, FrozenLake8x8-v1, frozenlake8x8, CartPole-v1, cartpole, "
                + "CartPole-v0, CliffWalking-v1, cliffwalking, CliffWalkingSlippery-v1, GridWorld-v0, gridworld, Acrobot-v1, acrobot, "
                + "MountainCar-v0, mountaincar, MountainCarContinuous-v0, mountaincarcontinuous, Pendulum-v1, pendulum, "
                + "Taxi-v4, Taxi-v3, taxi, Blackjack-v1, blackjack"),
        Case(["train", "sarsa", "cartpole"], 64, "unknown agent 'sarsa'; did you mean esarsa?; known: random, qtable, expected-sarsa, esarsa, qnetwork, dqn, reinforce, pg, sac, td3"),
        Case(["train", "qtable", "cartpole"], 64, "qtable does not fit an environment with observations Box("),
        Case(["train", "dqn", "cartpole", "--episodes", "-5"], 64, "--episodes must be at least 1, got -5"),
        Case(["train", "dqn", "cartpole", "--steps", "0"], 64, "--steps must be at least 1, got 0"),
        Case(["train", "dqn", "cartpole", "--episodes", "5", "--steps", "5"], 64, "give either --episodes or --steps, not both"),
        Case(["train", "dqn", "cartpole", "--learning-rate", "0"], 64, "--learning-rate values must be > 0, got 0"),
        Case(["train", "reinforce", "cartpole", "--learning-rate", "-0.01"], 64, "--learning-rate values must be > 0, got -0.01"),
        Case(["train", "qtable", "frozenlake", "--learning-rate", "linear:0,0.1,100"], 64, "--learning-rate values must be in (0, 1], got linear:0,0.1,100"),
        Case(["train", "dqn", "cartpole", "--epsilon", "1.5"], 64, "--epsilon values must be in [0, 1], got 1.5"),
        Case(["train", "qtable", "frozenlake", "--epsilon", "linear:1,-0.1,100"], 64, "--epsilon values must be in [0, 1], got linear:1,-0.1,100"),
        Case(["train", "dqn", "cartpole", "--epsilon", "linear:1,0.1"], 64, "'linear:1,0.1' is not a schedule: linear takes 3 values, linear:START,END,COUNT"),
        Case(["train", "qnetwork", "frozenlake", "--discount", "1.5"], 64, "--discount must be in [0, 1], got 1.5"),
        Case(["train", "dqn", "cartpole", "--batch-size", "0"], 64, "--batch-size must be a whole number from 1 to 1048576, got 0"),
        Case(["train", "dqn", "cartpole", "--hidden", "64,x"], 64, "--hidden takes layer widths as whole numbers ≥ 1 separated by commas (64,64) or none, got '64,x'"),
        Case(["train", "qtable", "frozenlake", "--batch-size", "32"], 64, "qtable has no option --batch-size (`rl list qtable` lists its options)"),
        Case(["train", "dqn", "cartpole", "--lr", "0.1"], 64, "dqn has no option --lr; did you mean --learning-rate? (`rl list dqn` lists its options)"),
        Case(["train", "dqn", "cartpole", "--discont", "0.9"], 64, "dqn has no option --discont; did you mean --discount?"),
        Case(["train", "random", "cartpole", "--discount", "0.9"], 64, "random has no option --discount (it has no options besides --seed and the budget)"),
        Case(["train", "dqn", "cartpole", "--learning-rate"], 64, "--learning-rate needs a value"),
        Case(["train", "dqn", "cartpole", "--batch-size", "8", "--batch-size", "9"], 64, "--batch-size is given twice"),
        Case(["train", "dqn", "cartpole", "stray"], 64, "unexpected argument 'stray'"),
        Case(["train", "dqn", "cartpole", "--learning-rate", "linear:0.01,-1,5"], 64, "--learning-rate values must be > 0, got linear:0.01,-1,5"),
        Case(["train", "qtable", "frozenlake", "--noise-scale", "1", "--exploration", "epsilon"], 64, "--noise-scale applies only with --exploration noise"),
        Case(["train", "qtable", "frozenlake", "--preset", "smart"], 64, "--preset must be one of dummy, exploration, learning-rate, got smart"),
        Case(["train", "qtable", "frozenlake", "--exploration", "none", "--epsilon", "0.1"], 64, "--epsilon applies only with --exploration epsilon"),
        Case(["train", "dqn", "cartpole", "--map", "4x4"], 64, "CartPole-v1: unknown option 'map'; options: sutton-barto-reward, max-episode-steps"),
        Case(["train", "qtable", "frozenlake", "--success-rate", "2"], 64, "FrozenLake-v1: option success-rate must be from 0.0 to 1.0, got '2.0'"),
        Case(["train", "qtable", "frozenlake", "--map", "no-such-map.txt"], 64, "FrozenLake-v1: option map must be"),
        Case(["train", "qtable", "frozenlake", "--max-episode-steps", "0"], 64, "FrozenLake-v1: option max-episode-steps must be"),
        Case(["train", "qtable", "blackjack", "--option", "natural=true"], 64,
             "Blackjack-v1: option natural needs sab=false (under Sutton and Barto's rules a natural pays 1), got 'true'"),
        Case(["train", "qtable", "taxi", "--option", "rainy=true", "--option", "rainy-probability=1.5"], 64,
             "Taxi-v4: option rainy-probability must be from 0.0 to 1.0, got '1.5'"),
        Case(["play", "pendulum", "--option", "g=-1"], 64, "Pendulum-v1: option g must be a number ≥ 0, got '-1'"),
        Case(["train", "qtable", "pendulum"], 64, "qtable does not fit an environment with observations Box("),
        Case(["train", "dqn", "mountaincarcontinuous"], 64, "dqn does not fit an environment with observations Box("),
        Case(["train", "sac", "cartpole"], 64, "sac does not fit an environment with observations Box("),
        Case(["train", "dqn"], 64, "rl train needs an agent and an environment: rl train AGENT ENV, or --config FILE"),
        Case(["eval", "no-such-checkpoint.safetensors"], 1, "no checkpoint at no-such-checkpoint.safetensors"),
        Case(["eval", "x", "--episodes", "0"], 64, "--episodes must be at least 1, got 0"),
        Case(["play", "cartpol"], 64, "unknown environment 'cartpol'; did you mean cartpole?; known:"),
        Case(["play", "frozenlake", "--render", "sdl"], 1, "--render sdl needs a display, but neither DISPLAY nor WAYLAND_DISPLAY is set"),
        Case(["watch", "a", "b", "c"], 64, "give a checkpoint, or an agent and an environment; got 3 arguments"),
        Case(["watch", "dqn", "cartpol"], 64, "unknown environment 'cartpol'"),
        Case(["watch", "sarsa", "cartpole"], 64, "unknown agent 'sarsa'"),
        Case(["watch", "qtable", "cartpole"], 64, "qtable does not fit"),
        Case(["watch", "random", "cartpole", "--fps", "-1"], 64, "--fps must be 0 (as fast as possible) or from 0.01 to 1000, got -1.0"),
        // Issue 13, item 6: a pace whose frame interval would not fit a Duration.
        Case(["watch", "random", "cartpole", "--record", "frames", "--fps", "1e-19"], 64, "--fps must be 0 (as fast as possible) or from 0.01 to 1000, got 1e-19"),
        Case(["plot", "no-such.csv", "-o", "x.svg"], 1, "cannot read the metrics file 'no-such.csv': no such file"),
        Case(["plot", "no-such.csv"], 64, "Missing expected argument '--output <file.svg>'"),
        Case(["list", "cartpol"], 64, "'cartpol' is neither an environment nor an agent; did you mean cartpole?"),
        Case(["list", "dqm"], 64, "'dqm' is neither an environment nor an agent; did you mean dqn?"),
        Case(["lst"], 64, "Unexpected argument 'lst'"),
    ]

    @Test("a bad command line", arguments: commandLineCases)
    func commandLine(_ errorCase: Case) throws {
        let folder = try TemporaryFolder()
        let result = try RLProcess.run(errorCase.arguments, in: folder.url)
        try expectOneLineError(result, errorCase.status, errorCase.message)
        // Nothing half-written: no runs/ folder, no file.
        #expect(try folder.contents().isEmpty)
    }

    @Test("--out is a file: refused before training")
    func outIsAFile() throws {
        let folder = try TemporaryFolder()
        try "not a folder".write(toFile: folder.path("taken"), atomically: true, encoding: .utf8)
        let result = try RLProcess.run(["train", "random", "frozenlake", "--episodes", "1", "--out", "taken/run"], in: folder.url)
        try expectOneLineError(result, 1, "cannot write the run to taken/run: \(folder.url.resolvingSymlinksInPath().path)/taken is a file, not a folder")
    }

    @Test("a malformed map file names the file and the line; no run folder is made")
    func badMapFile() throws {
        let folder = try TemporaryFolder()
        try "SFFF\nFHXH\nFFFH\nHFFG\n".write(toFile: folder.path("lake.txt"), atomically: true, encoding: .utf8)
        let result = try RLProcess.run(["train", "qtable", "frozenlake", "--map", "lake.txt", "--out", "run"], in: folder.url)
        try expectOneLineError(result, 1, "map file 'lake.txt' line 2: unknown tile 'X' in column 3")
        #expect(try folder.contents() == ["lake.txt"])
    }

    @Test("a truncated checkpoint", arguments: ["eval", "watch"])
    func truncatedCheckpoint(command: String) throws {
        let folder = try TemporaryFolder()
        let run = try TrainedRuns.qTable(in: folder)
        let bytes = try Data(contentsOf: URL(fileURLWithPath: run + "/checkpoint.safetensors"))
        try bytes.prefix(bytes.count / 2).write(to: folder.url.appendingPathComponent("half.safetensors"))
        let result = try RLProcess.run([command, folder.path("half.safetensors")])
        try expectOneLineError(result, 1, "\(folder.path("half.safetensors")) is not a valid safetensors file")
    }

    @Test("a safetensors file from elsewhere, and a file that is not safetensors at all")
    func foreignCheckpoints() throws {
        let folder = try TemporaryFolder()
        // A valid safetensors file with one tensor and no metadata, as Python's library writes.
        let header = #"{"weight":{"dtype":"F32","shape":[1],"data_offsets":[0,4]}}"#
        var data = Data()
        withUnsafeBytes(of: UInt64(header.utf8.count).littleEndian) { data.append(contentsOf: $0) }
        data.append(contentsOf: Array(header.utf8))
        data.append(contentsOf: [0, 0, 128, 63])
        try data.write(to: folder.url.appendingPathComponent("foreign.safetensors"))
        let foreign = try RLProcess.run(["eval", folder.path("foreign.safetensors")])
        try expectOneLineError(foreign, 1, "\(folder.path("foreign.safetensors")) is not a swift-rl checkpoint: it has no 'format' metadata")

        try "episode,steps,return\n".write(toFile: folder.path("notes.safetensors"), atomically: true, encoding: .utf8)
        let text = try RLProcess.run(["eval", folder.path("notes.safetensors")])
        try expectOneLineError(text, 1, "\(folder.path("notes.safetensors")) is not a valid safetensors file")
    }
}
