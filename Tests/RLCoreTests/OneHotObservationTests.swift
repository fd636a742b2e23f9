import RLCore
import Testing

@Suite("OneHotObservation")
struct OneHotObservationTests {
    @Test("observations become one-hot vectors in a [0, 1] box of the discrete count")
    func encodes() throws {
        var environment = OneHotObservation(Corridor())
        #expect(environment.observationSpace == Box<[Float]>(low: 0, high: 1, shape: [6]))
        var plain = Corridor()
        let first = environment.reset(seed: 9)
        let plainFirst = plain.reset(seed: 9)
        #expect(first == (0..<6).map { $0 == plainFirst ? 1 : 0 })
        for _ in 0..<5 {
            let result = try environment.step(1)
            let plainResult = try plain.step(1)
            #expect(result.observation.count == 6)
            #expect(result.observation.firstIndex(of: 1) == plainResult.observation)
            #expect(result.observation.reduce(0, +) == 1)
            #expect(result.reward == plainResult.reward && result.terminated == plainResult.terminated)
            if result.isDone { break }
        }
    }

    @Test("the encoder matches the discrete space's flattening")
    func encoderMatchesFlattening() {
        let environment = OneHotObservation(Corridor())
        #expect(environment.encode(3) == [0, 0, 0, 1, 0, 0])
    }
}
