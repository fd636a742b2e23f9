import RLCore
import RLEnvironments
import Testing

@Suite("EnvironmentChecker on the built-in environments")
struct CheckerOnBuiltInsTests {
    @Test("every registered environment passes the checker", arguments: EnvironmentRegistry.standard.registrations.map(\.id))
    func registered(id: String) {
        let report = EnvironmentChecker().check { try EnvironmentRegistry.standard.make(id) }
        #expect(report.passed, "\(id): \(report)")
    }

    @Test("the concrete environments and their variants pass the checker")
    func concrete() {
        let checker = EnvironmentChecker()
        let reports: [(String, EnvironmentCheckReport)] = [
            ("FrozenLake 4x4 deterministic", checker.check { try FrozenLake(isSlippery: false) }),
            ("FrozenLake 8x8 slippery", checker.check { try FrozenLake(mapName: "8x8") }),
            ("FrozenLake random 12x12", checker.check { try FrozenLake(map: FrozenLake.randomMap(size: 12, seed: 3), successRate: 0.7) }),
            ("CartPole", checker.check { CartPole() }),
            ("CartPole Sutton-Barto", checker.check { CartPole(usesSuttonBartoReward: true) }),
            ("CliffWalking", checker.check { TimeLimit(CliffWalking(), maxEpisodeSteps: 300) }),
            ("CliffWalking slippery", checker.check { TimeLimit(CliffWalking(isSlippery: true), maxEpisodeSteps: 300) }),
            ("GridWorld", checker.check { GridWorld() }),
            ("FrozenLake one-hot with statistics", checker.check { OneHotObservation(EpisodeStatistics(try FrozenLake())) }),
            ("Acrobot", checker.check { TimeLimit(Acrobot(), maxEpisodeSteps: 500) }),
            ("MountainCar with a goal velocity", checker.check { TimeLimit(try MountainCar(goalVelocity: 0.01), maxEpisodeSteps: 200) }),
            ("MountainCarContinuous", checker.check { TimeLimit(try MountainCarContinuous(), maxEpisodeSteps: 999) }),
            ("Pendulum, g = 9.81", checker.check { TimeLimit(try Pendulum(gravity: 9.81), maxEpisodeSteps: 200) }),
            ("Taxi rainy and fickle", checker.check { TimeLimit(try Taxi(isRainy: true, isFicklePassenger: true), maxEpisodeSteps: 200) }),
            ("Blackjack without Sutton and Barto's rules, natural bonus", checker.check {
                try Blackjack(usesSuttonBartoRules: false, paysNaturalBonus: true)
            }),
        ]
        for (name, report) in reports {
            #expect(report.passed, "\(name): \(report)")
        }
    }
}
