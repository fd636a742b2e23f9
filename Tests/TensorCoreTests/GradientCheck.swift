import SeededRandom
import Testing
@testable import TensorCore

/// Compares reverse-mode gradients with central finite differences.
///
/// `function` maps the inputs to a tensor of any shape; the check differentiates
/// L = Σ function(inputs) ⊙ R for fixed random weights R, so every output element matters.
/// Finite differences run in Float32, so the step is 1e-2 and the tolerance relative 5e-3 (plus
/// an absolute floor of 5e-3); inputs keep away from kinks (ReLU at 0, clamp bounds, ties).
func expectGradientsMatch(
    _ inputs: [Tensor],
    step: Float = 1e-2,
    tolerance: Float = 5e-3,
    sourceLocation: SourceLocation = #_sourceLocation,
    _ function: ([Tensor]) throws -> Tensor
) throws {
    var generator = SeededGenerator(seed: 99)
    let output = try withoutGradients { try function(inputs) }
    let weights = Tensor.randomUniform(output.shape, lower: 0.5, upper: 1.5, using: &generator)
    func loss(_ values: [Tensor]) throws -> Float {
        try withoutGradients { try (function(values) * weights).sum().scalar! }
    }

    let parameters = inputs.map(Parameter.init)
    let weighted = try function(parameters.map(\.value)) * weights
    try weighted.sum().backward()

    for (index, input) in inputs.enumerated() {
        let analytic = parameters[index].gradient?.scalars ?? [Float](repeating: 0, count: input.scalarCount)
        #expect(analytic.count == input.scalarCount, sourceLocation: sourceLocation)
        for element in 0..<input.scalarCount {
            var plus = input.scalars
            var minus = input.scalars
            plus[element] += step
            minus[element] -= step
            var shiftedUp = inputs
            var shiftedDown = inputs
            shiftedUp[index] = try Tensor(shape: input.shape, scalars: plus)
            shiftedDown[index] = try Tensor(shape: input.shape, scalars: minus)
            let numeric = (try loss(shiftedUp) - loss(shiftedDown)) / (2 * step)
            let scale = max(1, abs(numeric), abs(analytic[element]))
            #expect(
                abs(numeric - analytic[element]) <= tolerance * scale,
                "input \(index) element \(element): analytic \(analytic[element]) vs numeric \(numeric)",
                sourceLocation: sourceLocation)
        }
    }
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
