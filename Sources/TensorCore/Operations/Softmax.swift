import Foundation

// Softmax and log-softmax along an axis, computed after subtracting the maximum so that eˣ
// never overflows.
//
//   softmax      yₖ = e^(xₖ − m) / Σⱼ e^(xⱼ − m)        ∂L/∂xₖ = yₖ (gₖ − Σⱼ gⱼ yⱼ)
//   logSoftmax   yₖ = xₖ − m − ln Σⱼ e^(xⱼ − m)         ∂L/∂xₖ = gₖ − softmaxₖ · Σⱼ gⱼ
//
// where m is the maximum along the axis and g = ∂L/∂y.

extension Tensor {
    /// The softmax along `axis` (default the last): non-negative values summing to 1.
    ///
    /// - Throws: ``TensorError/invalidArgument(_:)`` when the axis does not exist.
    public func softmax(alongAxis axis: Int = -1) throws -> Tensor {
        let layout = AxisLayout(shape: shape, axis: try normalizedAxis(axis, for: "softmax"))
        let result = Tensor(uncheckedShape: shape, scalars: Tensor.softmaxScalars(scalars, layout, logarithm: false))
        guard Tensor.needsGradient(self) else { return result }
        let output = result.scalars
        return result.recorded(from: self) { gradient in
            var input = gradient.scalars
            Tensor.forEachLine(layout) { offsets in
                var dot: Float = 0
                for offset in offsets { dot += gradient.scalars[offset] * output[offset] }
                for offset in offsets { input[offset] = output[offset] * (gradient.scalars[offset] - dot) }
            }
            return Tensor(uncheckedShape: gradient.shape, scalars: input)
        }
    }

    /// The logarithm of the softmax along `axis` (default the last), computed stably.
    ///
    /// - Throws: ``TensorError/invalidArgument(_:)`` when the axis does not exist.
    public func logSoftmax(alongAxis axis: Int = -1) throws -> Tensor {
        let layout = AxisLayout(shape: shape, axis: try normalizedAxis(axis, for: "logSoftmax"))
        let result = Tensor(uncheckedShape: shape, scalars: Tensor.softmaxScalars(scalars, layout, logarithm: true))
        guard Tensor.needsGradient(self) else { return result }
        let output = result.scalars
        return result.recorded(from: self) { gradient in
            var input = gradient.scalars
            Tensor.forEachLine(layout) { offsets in
                var total: Float = 0
                for offset in offsets { total += gradient.scalars[offset] }
                for offset in offsets { input[offset] = gradient.scalars[offset] - Foundation.exp(output[offset]) * total }
            }
            return Tensor(uncheckedShape: gradient.shape, scalars: input)
        }
    }

    /// Softmax (or log-softmax) of every line of `scalars` along the layout's axis.
    private static func softmaxScalars(_ scalars: [Float], _ layout: AxisLayout, logarithm: Bool) -> [Float] {
        var result = scalars
        forEachLine(layout) { offsets in
            var largest = -Float.infinity
            for offset in offsets { largest = Swift.max(largest, scalars[offset]) }
            if largest == -.infinity { largest = 0 }
            var total: Float = 0
            for offset in offsets { total += Foundation.exp(scalars[offset] - largest) }
            if logarithm {
                let logTotal = Foundation.log(total)
                for offset in offsets { result[offset] = scalars[offset] - largest - logTotal }
            } else {
                for offset in offsets { result[offset] = Foundation.exp(scalars[offset] - largest) / total }
            }
        }
        return result
    }

    /// Calls `body` with the offsets of each line along the layout's axis.
    @inline(__always)
    static func forEachLine(_ layout: AxisLayout, _ body: (StrideTo<Int>) -> Void) {
        for outer in 0..<layout.outer {
            for inner in 0..<layout.inner {
                let start = outer * layout.length * layout.inner + inner
                body(stride(from: start, to: start + layout.length * layout.inner, by: layout.inner))
            }
        }
    }
}
