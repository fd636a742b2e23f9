import Foundation
import RLCore
import RLEnvironments
import SeededRandom
import Testing

@Suite("GridWorld")
struct GridWorldTests {
    static let corridorMap = """
        // A corridor with a pit below the middle.
        title: Corridor
        step-reward: -0.1
        goal-reward: 5
        pit-reward: -3
        limit: 6
        c: 0.5
        t: 2 end

        S.c.G
        .X#.t
        """

    @Test("the settings and rows of a map are read")
    func parsesSettings() throws {
        let map = try GridWorldMap(parsing: Self.corridorMap)
        #expect(map.title == "Corridor")
        #expect(map.slip == 0)
        #expect(map.stepReward == -0.1 && map.goalReward == 5 && map.pitReward == -3)
        #expect(map.stepLimit == 6)
        #expect(map.tileRewards == ["c": .init(reward: 0.5), "t": .init(reward: 2, endsEpisode: true)])
        #expect(map.rows == ["S.c.G", ".X#.t"])
    }

    @Test("moves, walls, per-tile rewards, pits and goals give the map's rewards")
    func rewardsAndTiles() throws {
        var world = try GridWorld(mapText: Self.corridorMap)
        #expect(world.observationSpace == Discrete(10))
        #expect(world.reset(seed: 0) == 0)
        #expect(try world.step(3) == StepResult(observation: 0, reward: -0.1))              // the edge: stay
        #expect(try world.step(1) == StepResult(observation: 1, reward: -0.1))
        #expect(try world.step(1) == StepResult(observation: 2, reward: 0.5))               // the c tile
        #expect(try world.step(2) == StepResult(observation: 2, reward: 0.5))               // the wall: stay on c
        #expect(try world.step(3) == StepResult(observation: 1, reward: -0.1))
        // The sixth step reaches the map's limit.
        #expect(try world.step(1) == StepResult(observation: 2, reward: 0.5, truncated: true))
        #expect(throws: EnvironmentError.resetNeeded(environment: "GridWorld")) { try world.step(1) }
    }

    @Test("a goal ends the episode with success; a pit and an 'end' tile end it without")
    func endings() throws {
        var world = try GridWorld(mapText: Self.corridorMap)
        _ = world.reset(seed: 0)
        #expect(try world.step(2) == StepResult(observation: 5, reward: -0.1))
        #expect(try world.step(1) == StepResult(observation: 6, reward: -3, terminated: true))
        #expect(world.episodeSucceeded == false)

        var goalWorld = try GridWorld(mapText: "t: 2 end\nS.G\n..t")
        _ = goalWorld.reset(seed: 0)
        _ = try goalWorld.step(1)
        #expect(try goalWorld.step(1) == StepResult(observation: 2, reward: 1, terminated: true))
        #expect(goalWorld.episodeSucceeded == true)
        _ = goalWorld.reset()
        _ = try goalWorld.step(2)
        _ = try goalWorld.step(1)
        #expect(try goalWorld.step(1) == StepResult(observation: 5, reward: 2, terminated: true))
        #expect(goalWorld.episodeSucceeded == false)
        #expect(throws: EnvironmentError.resetNeeded(environment: "GridWorld")) { try goalWorld.step(0) }
    }

    @Test("the step limit truncates, and stepping on throws")
    func stepLimit() throws {
        var world = try GridWorld(mapText: "limit: 3\nS..\n..G")
        _ = world.reset(seed: 0)
        #expect(try !world.step(0).isDone)
        #expect(try !world.step(0).isDone)
        let third = try world.step(0)
        #expect(third.truncated && !third.terminated)
        #expect(world.elapsedSteps == 3)
        #expect(throws: EnvironmentError.self) { try world.step(0) }
        _ = world.reset()
        #expect(world.elapsedSteps == 0)
    }

    @Test("slip sends moves sideways with probability slip / 2 each, in FrozenLake's order")
    func slip() throws {
        let world = try GridWorld(mapText: "slip: 0.2\n...\n.S.\n..G")
        let up = world.transitions(from: 4, action: 0)
        // Previous action (left, 3), intended (up), next (right).
        #expect(up.map(\.nextState) == [3, 1, 5])
        let successRate = 1 - 0.2
        #expect(up.map(\.probability) == [(1 - successRate) / 2, successRate, (1 - successRate) / 2])
        let deterministic = try GridWorld(mapText: "S.G")
        #expect(deterministic.transitions(from: 0, action: 1) == [Transition(probability: 1, nextState: 1, reward: 0, terminated: false)])
    }

    @Test("an invalid action throws and the map file loads")
    func actionsAndFiles() throws {
        var world = GridWorld()
        _ = world.reset(seed: 1)
        #expect(throws: EnvironmentError.invalidAction(
            "GridWorld: action 9 is not in the action space Discrete(4) (0 = Up, 1 = Right, 2 = Down, 3 = Left)")) {
            try world.step(9)
        }
        let url = FileManager.default.temporaryDirectory.appendingPathComponent("grid-\(UInt64.random(in: 0 ... .max)).txt")
        try Self.corridorMap.write(to: url, atomically: true, encoding: .utf8)
        defer { try? FileManager.default.removeItem(at: url) }
        #expect(try GridWorld(contentsOfFile: url.path).map == GridWorldMap(parsing: Self.corridorMap))
        let made = try EnvironmentRegistry.standard.make("gridworld", options: ["map": url.path])
        #expect((made as? GridWorld)?.map.title == "Corridor")
        #expect(throws: TextFile.ReadError.self) { try GridWorld(contentsOfFile: "/no/such/map.txt") }
    }

    @Test("the built-in map is valid, reachable, and solvable within its limit")
    func defaultMap() throws {
        let world = GridWorld()
        #expect(world.map.title == "Walled garden")
        #expect(world.map.stepLimit == 100)
        #expect(world.map.rows.count == 7 && world.map.rows.allSatisfy { $0.count == 10 })
        // Deterministic shortest path length by breadth-first search over the table's intended moves.
        var distance = [0: 0], frontier = [0]
        while !frontier.isEmpty {
            var next: [Int] = []
            for state in frontier {
                for action in 0..<4 {
                    let outcomes = world.transitions(from: state, action: action)
                    let intended = outcomes[outcomes.count / 2]
                    guard distance[intended.nextState] == nil else { continue }
                    distance[intended.nextState] = distance[state]! + 1
                    if !intended.terminated { next.append(intended.nextState) }
                }
            }
            frontier = next
        }
        #expect(distance[69] == 15)
        let made = try EnvironmentRegistry.standard.make("GridWorld-v0")
        #expect((made as? GridWorld)?.map == world.map)
    }

    @Test("malformed maps throw invalidMap naming the line and the problem", arguments: [
        ("slip: 0.1\nsteps: 4\nS.G", 2, "unknown setting 'steps'"),
        ("slip: lots\nS.G", 1, "slip must be a number from 0.0 to 1.0, got 'lots'"),
        ("slip: 1.5\nS.G", 1, "slip must be a number from 0.0 to 1.0"),
        ("limit: 0\nS.G", 1, "limit must be a whole number"),
        ("slip: 0.1\nslip: 0.2\nS.G", 2, "'slip' is already set on line 1"),
        ("a: lots\nS.G", 1, "tile 'a' needs a reward"),
        ("a: 1 stop\nS.G", 1, "tile 'a' needs a reward"),
        ("S.G\nslip: 0.1", 2, "comes after the grid"),
        ("// grid\nS..\n.G\n...", 3, "the row has 2 tiles but the first row has 3"),
        ("S.G\n.Q.", 2, "unknown tile 'Q' in column 2"),
        ("S.G\n.q.", 2, "tile 'q' in column 2 has no reward"),
        ("title: none\n\n...\n..G", 3, "no start tile 'S'"),
        ("...\n.S.", 1, "no goal tile 'G'"),
        ("S#.\n##.\n..G", 1, "no goal 'G' can be reached from the start in column 1"),
        ("S.X\n..X\nXXG\n", 1, "no goal 'G' can be reached from the start in column 1"),
        ("S.G\n###\nS..", 3, "no goal 'G' can be reached from the start in column 1"),
        ("S.G\n###\n..G", 3, "the goal in column 3 cannot be reached from any start"),
    ])
    func malformedMaps(text: String, line: Int, message: String) {
        do {
            _ = try GridWorldMap(parsing: text)
            Issue.record("accepted: \(text)")
        } catch EnvironmentError.invalidMap(let actualLine, let actualMessage) {
            #expect(actualLine == line, "\(text): \(actualMessage)")
            #expect(actualMessage.contains(message), "\(actualMessage)")
        } catch {
            Issue.record("\(text): unexpected \(error)")
        }
    }

    @Test("a map without grid rows is refused")
    func emptyMap() {
        #expect(throws: EnvironmentError.invalidMap(line: nil, message: "the map has no grid rows")) {
            try GridWorldMap(parsing: "title: nothing\nslip: 0.1\n")
        }
        #expect("\(EnvironmentError.invalidMap(line: 4, message: "bad"))" == "map line 4: bad")
    }

    @Test("the same seed gives the same slippery episodes")
    func seeding() throws {
        func play(_ seed: UInt64) throws -> [Int] {
            var world = GridWorld()
            var observations = [world.reset(seed: seed)]
            var actions = SeededGenerator(seed: 1)
            for _ in 0..<400 {
                let result = try world.step(actions.uniformInt(below: 4))
                observations.append(result.observation)
                if result.isDone { observations.append(world.reset()) }
            }
            return observations
        }
        #expect(try play(2) == play(2))
        #expect(try play(2) != play(3))
    }
}
