import RLCore
import Testing

@Suite("EnvironmentOptions")
struct EnvironmentOptionsTests {
    let options = EnvironmentOptions(
        ["flag": "Yes", "off": "0", "count": " 12 ", "rate": "0.25", "seed": "18446744073709551615",
         "word": "maybe", "huge": "1e400", "negative": "-3"],
        environment: "Test-v0")

    @Test("typed accessors read good values and give nil for absent ones")
    func readsValues() throws {
        #expect(try options.bool("flag") == true)
        #expect(try options.bool("off") == false)
        #expect(try options.integer("count", in: 1...20) == 12)
        #expect(try options.double("rate", in: 0...1) == 0.25)
        #expect(try options.seed("seed") == UInt64.max)
        #expect(try options.bool("absent") == nil)
        #expect(try options.integer("absent") == nil)
        #expect(try options.double("absent") == nil)
        #expect(options.string("word") == "maybe")
        #expect(options.contains("word") && !options.contains("absent"))
    }

    @Test("bad values throw one clear line naming environment, option, requirement and value")
    func badValues() {
        #expect(throws: EnvironmentError.invalidOption("Test-v0: option word must be true or false, got 'maybe'")) {
            try options.bool("word")
        }
        #expect(throws: EnvironmentError.invalidOption("Test-v0: option word must be a whole number, got 'maybe'")) {
            try options.integer("word")
        }
        #expect(throws: EnvironmentError.invalidOption("Test-v0: option count must be from 1 to 10, got ' 12 '")) {
            try options.integer("count", in: 1...10)
        }
        #expect(throws: EnvironmentError.invalidOption("Test-v0: option huge must be a number, got '1e400'")) {
            try options.double("huge")
        }
        #expect(throws: EnvironmentError.invalidOption("Test-v0: option rate must be from 0.5 to 1.0, got '0.25'")) {
            try options.double("rate", in: 0.5...1)
        }
        #expect(throws: EnvironmentError.self) { try options.seed("negative") }
    }

    @Test("unknown option names are rejected with the list of known ones")
    func unknownNames() throws {
        let given = EnvironmentOptions(["slipery": "true"], environment: "FrozenLake-v1")
        #expect(throws: EnvironmentError.invalidOption("FrozenLake-v1: unknown option 'slipery'; options: map, slippery")) {
            try given.checkNames(allowed: ["map", "slippery"])
        }
        #expect(throws: EnvironmentError.invalidOption("FrozenLake-v1: unknown option 'slipery'; it takes no options")) {
            try given.checkNames(allowed: [])
        }
        try EnvironmentOptions(["map": "4x4"]).checkNames(allowed: ["map"])
    }
}
