import RLCore
import Testing

@Suite("EnvironmentRegistry")
struct EnvironmentRegistryTests {
    static let corridor = EnvironmentRegistration(
        id: "Corridor-v0", aliases: ["corridor"], summary: "Walk right to the end.", maxEpisodeSteps: 4,
        options: [OptionDescription("broken", help: "accept invalid actions (true or false)", defaultValue: "false")]
    ) { options in
        Corridor(brokenBy: try options.bool("broken") ?? false ? .acceptsInvalidAction : .none)
    }

    func registry() throws -> EnvironmentRegistry {
        var registry = EnvironmentRegistry()
        try registry.register(Self.corridor)
        return registry
    }

    @Test("makes a registered environment by id, alias or differently-cased id, with its time limit")
    func makesWithTimeLimit() throws {
        let registry = try registry()
        for name in ["Corridor-v0", "corridor", "CORRIDOR-V0"] {
            let environment = try registry.make(name)
            let limited = try #require(environment as? TimeLimit<Corridor>, "\(name): \(type(of: environment))")
            #expect(limited.maxEpisodeSteps == 4)
        }
        #expect(registry.names == ["Corridor-v0", "corridor"])
    }

    @Test("options reach the factory; unknown names and bad values throw")
    func options() throws {
        let registry = try registry()
        let broken = try #require(try registry.make("corridor", options: ["broken": "true"]) as? TimeLimit<Corridor>)
        #expect(broken.wrapped.brokenBy == .acceptsInvalidAction)
        #expect(throws: EnvironmentError.invalidOption(
            "Corridor-v0: unknown option 'brokn'; options: broken, max-episode-steps")) {
            try registry.make("corridor", options: ["brokn": "true"])
        }
        #expect(throws: EnvironmentError.invalidOption("Corridor-v0: option broken must be true or false, got 'sure'")) {
            try registry.make("corridor", options: ["broken": "sure"])
        }
    }

    @Test("max-episode-steps replaces the limit, or removes it with none")
    func maxEpisodeSteps() throws {
        let registry = try registry()
        let longer = try #require(try registry.make("corridor", options: ["max-episode-steps": "9"]) as? TimeLimit<Corridor>)
        #expect(longer.maxEpisodeSteps == 9)
        #expect(try registry.make("corridor", options: ["max-episode-steps": "none"]) is Corridor)
        #expect(throws: EnvironmentError.self) { try registry.make("corridor", options: ["max-episode-steps": "0"]) }
        #expect(throws: EnvironmentError.self) { try registry.make("corridor", options: ["max-episode-steps": "ten"]) }
    }

    @Test("an unknown name lists every id and alias")
    func unknownName() throws {
        #expect(throws: EnvironmentError.unknownEnvironment(id: "hallway", known: ["Corridor-v0", "corridor"])) {
            try registry().make("hallway")
        }
        let message = "\(EnvironmentError.unknownEnvironment(id: "hallway", known: ["Corridor-v0", "corridor"]))"
        #expect(message == "unknown environment 'hallway'; known: Corridor-v0, corridor")
    }

    @Test("registering the same id replaces it; a name of another environment is refused")
    func registration() throws {
        var registry = try registry()
        let replacement = EnvironmentRegistration(id: "Corridor-v0", aliases: ["hall"], summary: "Replaced.") { _ in Corridor() }
        try registry.register(replacement)
        #expect(registry.registrations.count == 1)
        #expect(registry.names == ["Corridor-v0", "hall"])
        #expect(try registry.make("hall") is Corridor)

        let clash = EnvironmentRegistration(id: "Other-v0", aliases: ["hall"], summary: "Clash.") { _ in Corridor() }
        #expect(throws: EnvironmentError.invalidOption("cannot register 'Other-v0': the name 'hall' already belongs to Corridor-v0")) {
            try registry.register(clash)
        }
        let spaced = EnvironmentRegistration(id: "Bad id", summary: "Spaces.") { _ in Corridor() }
        #expect(throws: EnvironmentError.self) { try registry.register(spaced) }
    }

    @Test("a registration reports its spaces and options for listings")
    func listing() throws {
        let spaces = try Self.corridor.spaceDescriptions()
        #expect(spaces.observation == "Discrete(6)")
        #expect(spaces.action == "Discrete(2)")
        #expect(Self.corridor.allOptions.map(\.name) == ["broken", "max-episode-steps"])
    }
}
