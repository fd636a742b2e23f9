import SeededRandom
import Testing
@testable import TensorCore

/// Expects ``GradientCheck`` to find no element whose gradient differs from finite differences.
func expectGradientsMatch(
    _ inputs: [Tensor],
    step: Float = 1e-2,
    tolerance: Float = 5e-3,
    sourceLocation: SourceLocation = #_sourceLocation,
    _ function: ([Tensor]) throws -> Tensor
) throws {
    let mismatches = try GradientCheck.mismatches(inputs, step: step, tolerance: tolerance, function)
    #expect(mismatches.isEmpty, "\(mismatches)", sourceLocation: sourceLocation)
}

/// A random tensor whose elements keep at least `margin` away from zero (away from kinks).
func randomTensor(_ shape: [Int], seed: UInt64, margin: Float = 0.1, range: Float = 1.5) -> Tensor {
    var generator = SeededGenerator(seed: seed)
    let count = shape.reduce(1, *)
    let scalars = (0..<count).map { _ -> Float in
        let magnitude = generator.uniform(margin, range)
        return generator.bernoulli(0.5) ? magnitude : -magnitude
    }
    return try! Tensor(shape: shape, scalars: scalars)
}

/// A random tensor of positive values in [lower, upper) (for log, sqrt, division).
func positiveTensor(_ shape: [Int], seed: UInt64, lower: Float = 0.5, upper: Float = 2) -> Tensor {
    var generator = SeededGenerator(seed: seed)
    return Tensor.randomUniform(shape, lower: lower, upper: upper, using: &generator)
}
