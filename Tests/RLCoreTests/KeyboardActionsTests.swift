import RLCore
import Testing

@Suite("Keyboard actions")
struct KeyboardActionsTests {
    /// A finite environment that gives letter keys and an idle action.
    struct Lettered: Environment, ActionNaming, KeyboardPlayable {
        let observationSpace = Discrete(2)
        let actionSpace = Discrete(3)
        var actionNames: [String] { ["Left", "Wait", "Jump"] }
        var actionKeys: [Character?] { [nil, nil, "j"] }
        var idleAction: Int? { 1 }
        mutating func reset(seed: UInt64?) -> Int { 0 }
        mutating func step(_ action: Int) throws -> StepResult<Int> { StepResult(observation: 0, reward: 0) }
    }

    /// An environment with two-dimensional continuous actions, which keys cannot reach.
    struct Planar: Environment {
        let observationSpace = Discrete(1)
        let actionSpace = Box<SIMD2<Float>>(low: -1, high: 1)
        mutating func reset(seed: UInt64?) -> Int { 0 }
        mutating func step(_ action: SIMD2<Float>) throws -> StepResult<Int> { StepResult(observation: 0, reward: 0) }
    }

    @Test("a finite action space: every action, its name, and no letters or idle action unless the environment gives them")
    func finite() throws {
        let corridor = try #require(KeyboardActions(for: Corridor()))
        #expect(corridor.actions == [0, 1] && corridor.names == ["Left", "Right"])
        #expect(corridor.letters == [nil, nil] && corridor.idleAction == nil)
        #expect(corridor.action(1) == 1 && corridor.action(2) == nil)
        let lettered = try #require(KeyboardActions(for: TimeLimit(Lettered(), maxEpisodeSteps: 5)))
        #expect(lettered.letters == [nil, nil, "j"] && lettered.idleAction == 1)
    }

    @Test("a one-dimensional box: push left (low), no push (0, the idle action), push right (high)")
    func continuous() throws {
        let slider = try #require(KeyboardActions(for: Slider()))
        #expect(slider.actions == [-1, 0, 1] && slider.idleAction == 1)
        #expect(slider.names == ["Push left (-1.0)", "No push (0.0)", "Push right (1.0)"])
        #expect(KeyboardActions(for: Planar()) == nil)
    }
}
