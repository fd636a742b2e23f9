// A contiguous range of positions along one axis.
//
//   y = x[…, range, …]      ∂L/∂x = the gradient placed back at `range`, zeros elsewhere
//
// SAC's actor puts the means and the log standard deviations side by side in one output; slices
// take them apart.

extension Tensor {
    /// The positions `range` along `axis`, every other axis whole.
    ///
    /// - Throws: ``TensorError/invalidArgument(_:)`` when the axis does not exist or the range
    ///   is not within it.
    public func slice(alongAxis axis: Int, _ range: Range<Int>) throws -> Tensor {
        let normalized = try normalizedAxis(axis, for: "slice")
        guard range.lowerBound >= 0, range.upperBound <= shape[normalized] else {
            throw TensorError.invalidArgument(
                "slice: \(range) is outside axis \(axis) of shape \(describe(shape: shape))")
        }
        let layout = AxisLayout(shape: shape, axis: normalized)
        var resultShape = shape
        resultShape[normalized] = range.count
        let width = range.count * layout.inner
        let result = Tensor(uncheckedShape: resultShape, count: layout.outer * width) { output in
            storage.withUnsafeBufferPointer { input in
                for outer in 0..<layout.outer {
                    let source = (outer * layout.length + range.lowerBound) * layout.inner
                    for index in 0..<width { output[outer * width + index] = input[source + index] }
                }
            }
        }
        guard Tensor.needsGradient(self) else { return result }
        let inputShape = shape
        let inputCount = scalarCount
        return result.recorded(from: self) { gradient in
            Tensor(uncheckedShape: inputShape, count: inputCount) { input in
                input.initialize(repeating: 0)
                gradient.storage.withUnsafeBufferPointer { output in
                    for outer in 0..<layout.outer {
                        let target = (outer * layout.length + range.lowerBound) * layout.inner
                        for index in 0..<width { input[target + index] = output[outer * width + index] }
                    }
                }
            }
        }
    }
}
