import RLCore
import SeededRandom
import Testing

@Suite("Spaces")
struct SpaceTests {
    @Test("Discrete contains exactly start ..< start + count")
    func discreteContains() {
        let space = Discrete(4, start: -1)
        #expect((-1...2).allSatisfy(space.contains))
        #expect(!space.contains(-2))
        #expect(!space.contains(3))
        #expect("\(space)" == "Discrete(4, start: -1)")
        #expect("\(Discrete(3))" == "Discrete(3)")
    }

    @Test("Discrete samples cover the space uniformly and repeat with the seed")
    func discreteSample() {
        let space = Discrete(4, start: 10)
        var generator = SeededGenerator(seed: 7)
        var counts = [Int: Int]()
        for _ in 0..<40_000 { counts[space.sample(using: &generator), default: 0] += 1 }
        #expect(Set(counts.keys) == [10, 11, 12, 13])
        for count in counts.values { #expect(abs(count - 10_000) < 400) }
        var first = SeededGenerator(seed: 3), second = SeededGenerator(seed: 3)
        #expect((0..<50).map { _ in space.sample(using: &first) } == (0..<50).map { _ in space.sample(using: &second) })
    }

    @Test("Discrete flattens one-hot and numbers elements from 0")
    func discreteFlattenAndIndex() {
        let space = Discrete(5, start: 2)
        #expect(space.flattenedCount == 5)
        #expect(space.flattened(4) == [0, 0, 1, 0, 0])
        #expect(space.elementCount == 5)
        #expect(space.index(of: 2) == 0)
        #expect(space.index(of: 7) == nil)
        #expect(space.element(atIndex: 4) == 6)
        #expect(space.element(atIndex: 5) == nil)
        #expect(space.isFinite)
    }

    @Test("Discrete names the integers just outside it")
    func discreteOutside() {
        #expect(Discrete(4).outsideElements == [-1, 4])
        #expect(Discrete(2, start: 5).outsideElements == [4, 7])
    }

    @Test("Box contains respects each bound and rejects NaN and wrong lengths")
    func boxContains() {
        let box = Box<[Float]>(low: [-1, 0], high: [1, .infinity])
        #expect(box.contains([0, 1e30]))
        #expect(box.contains([-1, 0]))
        #expect(!box.contains([1.5, 0]))
        #expect(!box.contains([0, -0.1]))
        #expect(!box.contains([.nan, 0]))
        #expect(!box.contains([0]))
        #expect(box.elementCount == nil && !box.isFinite)
        #expect(box.flattened([0.5, 2]) == [0.5, 2])
    }

    @Test("Box samples stay inside bounded, half-bounded, unbounded and huge dimensions")
    func boxSample() {
        let huge = Float.greatestFiniteMagnitude
        let box = Box<SIMD4<Float>>(low: [-2, 0, -.infinity, -huge], high: [2, .infinity, .infinity, huge])
        var generator = SeededGenerator(seed: 11)
        var hugeValues = Set<Float>()
        for _ in 0..<2_000 {
            let sample = box.sample(using: &generator)
            #expect(box.contains(sample), "\(sample)")
            hugeValues.insert(sample[3])
        }
        // The dimension as wide as Float allows still gets spread-out samples, not one value.
        #expect(hugeValues.count > 1_000)
    }

    @Test("Box names vectors outside it: NaN, ±infinity and wrong lengths to refuse, finite ones past each bound to clip")
    func boxOutside() {
        let box = Box<[Float]>(low: [-1, 0], high: [1, 2])
        let outside = box.outsideElements
        #expect(outside.count == 4)
        #expect(outside.allSatisfy { !box.contains($0) })
        #expect(outside.contains { $0.count == 2 && $0.allSatisfy { $0 == .infinity } })
        let clippable = box.clippableElements
        #expect(clippable == [[Float(1).nextUp.nextUp, 0], [Float(-1).nextDown.nextDown, 2]])
        #expect(clippable.allSatisfy { !box.contains($0) && $0.allSatisfy(\.isFinite) })
        // Unbounded: only NaN is outside; infinity belongs to the box, as in Gymnasium.
        let fixed = Box<SIMD2<Float>>(low: [-.infinity, -.infinity], high: [.infinity, .infinity])
        #expect(fixed.outsideElements.count == 1)
        #expect(fixed.outsideElements.allSatisfy { !fixed.contains($0) })
        #expect(fixed.clippableElements.isEmpty)
        #expect(Discrete(3).clippableElements.isEmpty)
    }

    @Test("Unflattening rebuilds elements from floats: Box copies unclipped, Discrete reads one-hot")
    func unflatten() {
        let box = Box<SIMD2<Float>>(low: [-1, -1], high: [1, 1])
        #expect(box.unflatten([0.5, 3]) == SIMD2(0.5, 3))
        #expect(box.unflatten([0.5]) == nil)
        let discrete = Discrete(4, start: 2)
        #expect(discrete.unflatten(discrete.flattened(4)) == 4)
        #expect(discrete.unflatten([0, 0, 1]) == nil)
    }

    @Test("A Float is a vector of one scalar: Box<Float> is a one-dimensional box")
    func scalarBox() {
        let torque = Box<Float>(low: -2, high: 2)
        #expect(torque.shape == [1] && torque.flattenedCount == 1)
        #expect(torque.contains(1.5) && !torque.contains(2.5))
        #expect(torque.unflatten([0.25]) == 0.25)
        let continuous: any ContinuousSpace = torque
        #expect(continuous.low == [-2] && continuous.high == [2])
    }

    @Test("FloatVector6: six scalars on the stack, a Box of shape [6]")
    func sixScalars() {
        var vector = FloatVector6(1, 2, 3, 4, 5, 6)
        #expect(vector.scalars == [1, 2, 3, 4, 5, 6] && vector.scalarCount == 6 && FloatVector6.fixedScalarCount == 6)
        vector[5] = -1
        #expect(vector[5] == -1 && vector == FloatVector6(count: 6) { $0 == 5 ? -1 : Float($0 + 1) })
        #expect("\(vector)" == "[1.0, 2.0, 3.0, 4.0, 5.0, -1.0]")
        let box = Box<FloatVector6>(low: -2, high: 6)
        #expect(box.shape == [6] && box.flattenedCount == 6 && box.contains(vector))
        #expect(box.flattened(vector) == vector.scalars)
        #expect(box.unflatten(vector.scalars) == vector)
        var generator = SeededGenerator(seed: 1)
        #expect((0..<100).allSatisfy { _ in box.contains(box.sample(using: &generator)) })
        #expect(!box.contains(FloatVector6(0, 0, 0, 0, 0, 7)))
        #expect(box.outsideElements.allSatisfy { !box.contains($0) })
    }

    @Test("DiscreteTuple: contains, samples, flattens as concatenated one-hots, numbers its elements row-major")
    func discreteTuple() {
        let space = DiscreteTuple<SIMD3<Int>>(Discrete(32), Discrete(11), Discrete(2))
        #expect("\(space)" == "Tuple(Discrete(32), Discrete(11), Discrete(2))")
        #expect(space.contains(SIMD3(21, 10, 1)) && !space.contains(SIMD3(32, 1, 0)) && !space.contains(SIMD3(4, 1, 2)))
        #expect(space.flattenedCount == 45 && space.elementCount == 704)
        let flat = space.flattened(SIMD3(4, 1, 1))
        #expect(flat.count == 45 && flat.reduce(0, +) == 3 && flat[4] == 1 && flat[32 + 1] == 1 && flat[43 + 1] == 1)
        #expect(space.unflatten(flat) == SIMD3(4, 1, 1))
        #expect(space.unflatten([Float](repeating: 0, count: 44)) == nil)
        #expect(space.index(of: SIMD3(0, 0, 0)) == 0 && space.index(of: SIMD3(0, 0, 1)) == 1 && space.index(of: SIMD3(1, 0, 0)) == 22)
        #expect(space.index(of: SIMD3(31, 10, 1)) == 703 && space.index(of: SIMD3(-1, 0, 0)) == nil)
        #expect((0..<704).allSatisfy { space.element(atIndex: $0).flatMap(space.index(of:)) == $0 })
        #expect(space.element(atIndex: 704) == nil && space.element(atIndex: -1) == nil)
        var generator = SeededGenerator(seed: 2)
        var seen = Set<Int>()
        for _ in 0..<20_000 {
            let sample = space.sample(using: &generator)
            #expect(space.contains(sample))
            seen.insert(space.index(of: sample) ?? -1)
        }
        #expect(seen.count == 704)
        #expect(space.outsideElements.count == 6 && space.outsideElements.allSatisfy { !space.contains($0) })
        let shifted = DiscreteTuple<SIMD2<Int>>([Discrete(3, start: 1), Discrete(2, start: -1)])
        #expect(shifted.element(atIndex: 5) == SIMD2(3, 0) && shifted.index(of: SIMD2(3, 0)) == 5)
        #expect(shifted.flattened(SIMD2(2, -1)) == [0, 1, 0, 1, 0])
    }
}
