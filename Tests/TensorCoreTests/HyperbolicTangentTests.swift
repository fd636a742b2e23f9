import Foundation
import Testing
@testable import TensorCore

@Suite("tanh")
struct HyperbolicTangentTests {
    /// The distance in units in the last place between two floats of the same sign.
    func unitsApart(_ a: Float, _ b: Float) -> Int {
        if a == b { return 0 }
        return abs(Int(Int32(bitPattern: a.bitPattern)) - Int(Int32(bitPattern: b.bitPattern)))
    }

    @Test("within 3 units in the last place of the C library's tanhf from −12 to 12, odd, and exact at the edges")
    func matchesTheLibrary() {
        var worst = 0
        // A million evenly spaced points, and magnitudes from 1e-30 up by factors of 1.001.
        let even = (0...1_000_000).map { -12 + 24 * Float($0) / 1_000_000 }
        let small = (0..<70_000).map { Float(1e-30) * Foundation.pow(1.001, Float($0)) }.filter { $0 < 12 }
        for x in even + small + small.map(-) {
            worst = max(worst, unitsApart(hyperbolicTangent(x), Foundation.tanh(x)))
            if hyperbolicTangent(-x) != -hyperbolicTangent(x) { Issue.record("not odd at \(x)") }
        }
        #expect(worst <= 3, "worst \(worst) ulp")
        // Across the switch between the series and the exponential.
        for x in stride(from: Float(0.5), through: 0.6, by: 1e-5) {
            #expect(unitsApart(hyperbolicTangent(x), Foundation.tanh(x)) <= 3)
        }
        #expect(hyperbolicTangent(0) == 0 && hyperbolicTangent(1e-20) == 1e-20)
        #expect(hyperbolicTangent(.infinity) == 1 && hyperbolicTangent(-.infinity) == -1 && hyperbolicTangent(.nan).isNaN)
    }
}
