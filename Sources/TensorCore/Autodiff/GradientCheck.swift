import SeededRandom

/// Compares reverse-mode gradients with central finite differences: how every differentiable
/// operation of the tensor core is tested, and how you can test an operation, a layer or a
/// loss of your own.
///
/// `function` maps the inputs to a tensor of any shape; the check differentiates
/// L = Σ function(inputs) ⊙ R for fixed random weights R, so every output element matters.
/// Finite differences run in Float32, so the default step is 1e-2 and the tolerance relative
/// 5e-3 (with an absolute floor of 5e-3); keep inputs away from kinks (ReLU at 0, clamp bounds,
/// ties).
///
/// ```swift
/// let mismatches = try GradientCheck.mismatches([x, y]) { inputs in try inputs[0] * inputs[1] }
/// assert(mismatches.isEmpty)
/// ```
public enum GradientCheck {
    /// One element whose analytic gradient differs from the finite difference.
    public struct Mismatch: CustomStringConvertible, Sendable {
        /// The input it belongs to.
        public var input: Int
        /// The element's position in the input, row-major.
        public var element: Int
        /// The gradient `backward()` computed.
        public var analytic: Float
        /// The central finite difference.
        public var numeric: Float

        public var description: String {
            "input \(input) element \(element): analytic \(analytic) vs numeric \(numeric)"
        }
    }

    /// The elements whose gradients disagree with finite differences (empty when all agree).
    ///
    /// - Throws: what `function` throws.
    public static func mismatches(
        _ inputs: [Tensor], step: Float = 1e-2, tolerance: Float = 5e-3, _ function: ([Tensor]) throws -> Tensor
    ) throws -> [Mismatch] {
        var generator = SeededGenerator(seed: 99)
        let output = try withoutGradients { try function(inputs) }
        let weights = Tensor.randomUniform(output.shape, lower: 0.5, upper: 1.5, using: &generator)
        func loss(_ values: [Tensor]) throws -> Float {
            try withoutGradients { try (function(values) * weights).sum().scalar ?? .nan }
        }

        let parameters = inputs.map(Parameter.init)
        let weighted = try function(parameters.map(\.value)) * weights
        try weighted.sum().backward()

        var found: [Mismatch] = []
        for (index, input) in inputs.enumerated() {
            let analytic = parameters[index].gradient?.scalars ?? [Float](repeating: 0, count: input.scalarCount)
            for element in 0..<input.scalarCount {
                var plus = input.scalars
                var minus = input.scalars
                plus[element] += step
                minus[element] -= step
                var shiftedUp = inputs
                var shiftedDown = inputs
                shiftedUp[index] = Tensor(uncheckedShape: input.shape, scalars: plus)
                shiftedDown[index] = Tensor(uncheckedShape: input.shape, scalars: minus)
                let numeric = (try loss(shiftedUp) - loss(shiftedDown)) / (2 * step)
                let scale = max(1, abs(numeric), abs(analytic[element]))
                if !(abs(numeric - analytic[element]) <= tolerance * scale) {
                    found.append(Mismatch(input: index, element: element, analytic: analytic[element], numeric: numeric))
                }
            }
        }
        return found
    }
}
