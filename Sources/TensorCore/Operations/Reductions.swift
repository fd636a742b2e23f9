// Sums, means and maxima, over everything or along axes.
//
//   sum     y = Σₖ xₖ              ∂y/∂xₖ = 1            (the gradient is spread back)
//   mean    y = (1/n) Σₖ xₖ        ∂y/∂xₖ = 1/n
//   max     y = maxₖ xₖ            ∂y/∂xₖ = 1 at the first maximum, 0 elsewhere

extension Tensor {
    // MARK: - Sum and mean

    /// The sum of all elements, as a rank-0 tensor.
    public func sum() -> Tensor {
        let total = Tensor.sumAlong(axis: 0, of: storage, shape: [scalarCount]).withUnsafeBufferPointer { $0[0] }
        let result = Tensor(total)
        guard Tensor.needsGradient(self) else { return result }
        let inputShape = shape
        return result.recorded(from: self) { gradient in
            // Cannot fail: the sum is a scalar, so its gradient is one.
            Tensor(repeating: gradient.scalar!, shape: inputShape)
        }
    }

    /// The sums along `axes` (negative axes count from the end).
    ///
    /// - Parameters:
    ///   - axes: the axes to sum over; each at most once.
    ///   - keepingDimensions: keep the summed axes with size 1 (for broadcasting the result
    ///     back against the input) instead of removing them.
    /// - Throws: ``TensorError/invalidArgument(_:)`` for an axis that does not exist or repeats.
    public func sum(alongAxes axes: [Int], keepingDimensions: Bool = false) throws -> Tensor {
        let normalized = try axes.map { try normalizedAxis($0, for: "sum") }
        guard Set(normalized).count == normalized.count else {
            throw TensorError.invalidArgument("sum: axis listed twice in \(axes)")
        }
        var keptShape = shape
        var reduced = storage
        for axis in normalized {
            reduced = Tensor.sumAlong(axis: axis, of: reduced, shape: keptShape)
            keptShape[axis] = 1
        }
        let resultShape = keepingDimensions
            ? keptShape : shape.enumerated().filter { !normalized.contains($0.offset) }.map(\.element)
        let result = Tensor(uncheckedShape: resultShape, storage: reduced)
        guard Tensor.needsGradient(self) else { return result }
        let inputShape = shape
        return result.recorded(from: self) { gradient in
            Tensor(uncheckedShape: keptShape, storage: gradient.storage).broadcasted(to: inputShape)
        }
    }

    /// The mean of all elements, as a rank-0 tensor (NaN for an empty tensor).
    public func mean() -> Tensor {
        sum() * (1 / Float(scalarCount))
    }

    /// The means along `axes`; see ``sum(alongAxes:keepingDimensions:)``.
    ///
    /// - Throws: ``TensorError/invalidArgument(_:)`` for an axis that does not exist or repeats.
    public func mean(alongAxes axes: [Int], keepingDimensions: Bool = false) throws -> Tensor {
        let total = try sum(alongAxes: axes, keepingDimensions: keepingDimensions)
        let count = Swift.max(1, scalarCount / Swift.max(1, total.scalarCount))
        return total * (1 / Float(count))
    }

    /// Sums one axis of row-major elements, keeping it with size 1.
    static func sumAlong(axis: Int, of elements: TensorStorage, shape: [Int]) -> TensorStorage {
        let layout = AxisLayout(shape: shape, axis: axis)
        let count = layout.outer * layout.inner
        let result = TensorStorage.create(count: count)
        result.withUnsafeMutableBufferPointer { output in
            elements.withUnsafeBufferPointer { input in
                if layout.inner == 1 {
                    for outer in 0..<layout.outer {
                        var total: Float = 0
                        let base = outer * layout.length
                        for index in 0..<layout.length { total += input[base + index] }
                        output[outer] = total
                    }
                } else {
                    output.initialize(repeating: 0)
                    for outer in 0..<layout.outer {
                        // Cannot fail: tensor storage always has an address.
                        let target = output.baseAddress! + outer * layout.inner
                        for position in 0..<layout.length {
                            let source = input.baseAddress! + (outer * layout.length + position) * layout.inner
                            addVectors(source, into: target, count: layout.inner)
                        }
                    }
                }
            }
        }
        return result
    }

    // MARK: - Maximum

    /// The largest element along `axis`; the gradient goes to the first largest element.
    ///
    /// - Throws: ``TensorError/invalidArgument(_:)`` when the axis does not exist or is empty.
    public func max(alongAxis axis: Int, keepingDimensions: Bool = false) throws -> Tensor {
        let (values, positions, keptShape) = try maxima(alongAxis: axis)
        var resultShape = keptShape
        if !keepingDimensions { resultShape.remove(at: try normalizedAxis(axis, for: "max")) }
        let result = Tensor(uncheckedShape: resultShape, scalars: values)
        guard Tensor.needsGradient(self) else { return result }
        let inputShape = shape
        let inputCount = scalarCount
        return result.recorded(from: self) { gradient in
            Tensor.scattering(gradient, to: positions, shape: inputShape, count: inputCount)
        }
    }

    /// The index along `axis` of the first largest element, for each position of the other axes
    /// (row-major order). Not differentiable: the result is a list of indices.
    ///
    /// - Throws: ``TensorError/invalidArgument(_:)`` when the axis does not exist or is empty.
    public func argmax(alongAxis axis: Int) throws -> [Int] {
        let normalized = try normalizedAxis(axis, for: "argmax")
        let layout = AxisLayout(shape: shape, axis: normalized)
        return try maxima(alongAxis: axis).positions.map { ($0 / layout.inner) % layout.length }
    }

    /// Maxima along an axis, their flat positions among the elements, and the shape with the axis kept.
    private func maxima(alongAxis axis: Int) throws -> (values: [Float], positions: [Int], keptShape: [Int]) {
        let normalized = try normalizedAxis(axis, for: "max")
        let layout = AxisLayout(shape: shape, axis: normalized)
        guard layout.length > 0 else {
            throw TensorError.invalidArgument("max: axis \(axis) of shape \(describe(shape: shape)) is empty")
        }
        let count = layout.outer * layout.inner
        var values = [Float](repeating: 0, count: count)
        var positions = [Int](repeating: 0, count: count)
        storage.withUnsafeBufferPointer { input in
            for outer in 0..<layout.outer {
                for inner in 0..<layout.inner {
                    var best = (outer * layout.length) * layout.inner + inner
                    for position in 1..<layout.length {
                        let candidate = (outer * layout.length + position) * layout.inner + inner
                        // `>` keeps the first of equal maxima; NaN never wins.
                        if input[candidate] > input[best] { best = candidate }
                    }
                    values[outer * layout.inner + inner] = input[best]
                    positions[outer * layout.inner + inner] = best
                }
            }
        }
        var keptShape = shape
        keptShape[normalized] = 1
        return (values, positions, keptShape)
    }

    /// The element-wise larger of two tensors, with broadcasting; where they are equal the
    /// gradient goes to `lhs`.
    ///
    /// - Throws: ``TensorError/shapeMismatch(_:)`` when the shapes do not broadcast.
    public static func maximum(_ lhs: Tensor, _ rhs: Tensor) throws -> Tensor {
        let result = try combining(lhs, rhs) { $0 >= $1 ? $0 : $1 }
        guard needsGradient(lhs, rhs) else { return result }
        let (left, right) = (lhs.detached(), rhs.detached())
        let (lhsNeeds, rhsNeeds) = (lhs.node != nil, rhs.node != nil)
        return result.recorded(from: lhs, rhs) { gradient in
            let lhsWins = try combining(left, right) { $0 >= $1 ? 1 : 0 }
            let lhsGradient = lhsNeeds ? try (gradient * lhsWins).summed(toShape: left.shape) : nil
            let rhsGradient = rhsNeeds ? try (gradient * (1 - lhsWins)).summed(toShape: right.shape) : nil
            return (lhsGradient, rhsGradient)
        }
    }

    /// The element-wise smaller of two tensors, with broadcasting; where they are equal the
    /// gradient goes to `lhs` (PPO's clipped objective, the twin critics' target of TD3 and SAC).
    ///
    /// - Throws: ``TensorError/shapeMismatch(_:)`` when the shapes do not broadcast.
    public static func minimum(_ lhs: Tensor, _ rhs: Tensor) throws -> Tensor {
        let result = try combining(lhs, rhs) { $0 <= $1 ? $0 : $1 }
        guard needsGradient(lhs, rhs) else { return result }
        let (left, right) = (lhs.detached(), rhs.detached())
        let (lhsNeeds, rhsNeeds) = (lhs.node != nil, rhs.node != nil)
        return result.recorded(from: lhs, rhs) { gradient in
            let lhsWins = try combining(left, right) { $0 <= $1 ? 1 : 0 }
            let lhsGradient = lhsNeeds ? try (gradient * lhsWins).summed(toShape: left.shape) : nil
            let rhsGradient = rhsNeeds ? try (gradient * (1 - lhsWins)).summed(toShape: right.shape) : nil
            return (lhsGradient, rhsGradient)
        }
    }
}
