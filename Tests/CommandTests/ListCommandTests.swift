import Foundation
import Testing

@Suite("rl list")
struct ListCommandTests {
    @Test("lists every environment with its spaces and time limit, and every agent with what it fits")
    func overview() throws {
        let result = try RLProcess.run(["list"])
        #expect(result.status == 0)
        #expect(result.standardError.isEmpty)
        let lines = result.standardOutput.split(separator: "\n").map(String.init)
        func row(_ start: String) throws -> String {
            try #require(lines.first { $0.trimmingCharacters(in: .whitespaces).hasPrefix(start + " ") }, "no row for \(start)")
        }
        for (id, alias) in [("FrozenLake-v1", "frozenlake"), ("FrozenLake8x8-v1", "frozenlake8x8"), ("CartPole-v1", "cartpole"),
                            ("CliffWalking-v1", "cliffwalking"), ("GridWorld-v0", "gridworld"), ("Acrobot-v1", "acrobot"),
                            ("MountainCar-v0", "mountaincar"), ("MountainCarContinuous-v0", "mountaincarcontinuous"),
                            ("Pendulum-v1", "pendulum"), ("Taxi-v4", "Taxi-v3, taxi"), ("Blackjack-v1", "blackjack")] {
            #expect(try row(id).contains(alias))
        }
        let cartPole = try row("CartPole-v1")
        #expect(cartPole.contains("Box(4)") && cartPole.contains("Discrete(2)") && cartPole.contains("500"))
        let frozenLake = try row("FrozenLake-v1")
        #expect(frozenLake.contains("Discrete(16)") && frozenLake.contains("Discrete(4)") && frozenLake.contains("100"))
        #expect(try row("CliffWalking-v1").contains("none"))
        let pendulum = try row("Pendulum-v1")
        #expect(pendulum.contains("Box(3)") && pendulum.contains("Box(1)") && pendulum.contains("200") && pendulum.hasSuffix("-"))
        #expect(try row("Blackjack-v1").contains("Tuple(Discrete(32), Discrete(11), Discrete(2))"))
        #expect(try row("Acrobot-v1").contains("Box(6)") && row("Acrobot-v1").hasSuffix("-100"))

        // The Q-table fits the tabular tasks only (Blackjack's tuple included); the neural
        // agents all but the continuous-action tasks; REINFORCE answers to pg.
        let qtable = try row("qtable")
        #expect(qtable.contains("frozenlake") && qtable.contains("cliffwalking") && qtable.contains("taxi") && qtable.contains("blackjack"))
        #expect(!qtable.contains("cartpole") && !qtable.contains("acrobot"))
        let dqn = try row("dqn")
        #expect(dqn.contains("acrobot") && dqn.contains("mountaincar,") && !dqn.contains("pendulum") && !dqn.contains("mountaincarcontinuous"))
        #expect(try row("reinforce").contains("pg"))
        for agent in ["random", "qnetwork"] { _ = try row(agent) }
    }

    @Test("describes one environment: spaces, action names, options with their flags")
    func details() throws {
        let result = try RLProcess.run(["list", "cartpole"])
        #expect(result.status == 0)
        #expect(result.standardOutput.contains("CartPole-v1"))
        #expect(result.standardOutput.contains("0 Push left, 1 Push right"))
        #expect(result.standardOutput.contains("--sutton-barto-reward"))
        #expect(result.standardOutput.contains("a mean return of 475"))

        let lake = try RLProcess.run(["list", "frozenlake8x8"])
        #expect(lake.standardOutput.contains("Discrete(64)"))
        #expect(lake.standardOutput.contains("--map-size"))

        // Every constructor option of Gymnasium's, under its own name.
        let taxi = try RLProcess.run(["list", "Taxi-v3"]).standardOutput
        for option in ["rainy", "rainy-probability", "fickle-passenger", "fickle-probability"] {
            #expect(taxi.contains("--option \(option)=…"))
        }
        #expect(taxi.contains("Taxi-v4 (Taxi-v3, taxi)") && taxi.contains("4 Pickup, 5 Dropoff"))
        #expect(try RLProcess.run(["list", "pendulum"]).standardOutput.contains("--option g=…"))
        #expect(try RLProcess.run(["list", "blackjack"]).standardOutput.contains("--option natural=…"))
        #expect(try RLProcess.run(["list", "mountaincar"]).standardOutput.contains("--option goal-velocity=…"))
    }

    @Test("help and version print normally and exit 0")
    func helpAndVersion() throws {
        let help = try RLProcess.run(["--help"])
        #expect(help.status == 0)
        for subcommand in ["list", "train", "eval", "plot", "play", "watch"] {
            #expect(help.standardOutput.contains(subcommand))
        }
        let version = try RLProcess.run(["--version"])
        #expect(version.status == 0)
        #expect(version.standardOutput.hasPrefix("rl 0.1.0\n"))
        let trainHelp = try RLProcess.run(["train", "--help"])
        #expect(trainHelp.status == 0)
        #expect(trainHelp.standardOutput.split(separator: "\n").count > 50)
    }
}
