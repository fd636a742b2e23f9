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

    @Test("Box names vectors outside it: NaN, past each finite bound, wrong length")
    func boxOutside() {
        let box = Box<[Float]>(low: [-1, 0], high: [1, 2])
        let outside = box.outsideElements
        #expect(outside.count == 4)
        #expect(outside.allSatisfy { !box.contains($0) })
        let fixed = Box<SIMD2<Float>>(low: [-.infinity, -.infinity], high: [.infinity, .infinity])
        #expect(fixed.outsideElements.count == 1)
        #expect(fixed.outsideElements.allSatisfy { !fixed.contains($0) })
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
}
