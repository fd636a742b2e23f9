import Foundation

// Softmax and log-softmax along an axis, computed after subtracting the maximum so that eˣ
// never overflows.
//
//   softmax      yₖ = e^(xₖ − m) / Σⱼ e^(xⱼ − m)        ∂L/∂xₖ = yₖ (gₖ − Σⱼ gⱼ yⱼ)
//   logSoftmax   yₖ = xₖ − m − ln Σⱼ e^(xⱼ − m)         ∂L/∂xₖ = gₖ − softmaxₖ · Σⱼ gⱼ
//   logSumExp    y  = m + ln Σⱼ e^(xⱼ − m)              ∂L/∂xₖ = g · softmaxₖ
//
// where m is the maximum along the axis and g = ∂L/∂y.

extension Tensor {
    /// The softmax along `axis` (default the last): non-negative values summing to 1.
    ///
    /// - Throws: ``TensorError/invalidArgument(_:)`` when the axis does not exist.
    public func softmax(alongAxis axis: Int = -1) throws -> Tensor {
        let layout = AxisLayout(shape: shape, axis: try normalizedAxis(axis, for: "softmax"))
        let result = Tensor.softmax(of: self, layout, logarithm: false)
        guard Tensor.needsGradient(self) else { return result }
        let output = result.detached()
        return result.recorded(from: self) { gradient in
            Tensor.alongLines(layout, of: gradient, output) { g, y, input, offsets in
                var dot: Float = 0
                for offset in offsets { dot += g[offset] * y[offset] }
                for offset in offsets { input[offset] = y[offset] * (g[offset] - dot) }
            }
        }
    }

    /// The logarithm of the softmax along `axis` (default the last), computed stably.
    ///
    /// - Throws: ``TensorError/invalidArgument(_:)`` when the axis does not exist.
    public func logSoftmax(alongAxis axis: Int = -1) throws -> Tensor {
        let layout = AxisLayout(shape: shape, axis: try normalizedAxis(axis, for: "logSoftmax"))
        let result = Tensor.softmax(of: self, layout, logarithm: true)
        guard Tensor.needsGradient(self) else { return result }
        let output = result.detached()
        return result.recorded(from: self) { gradient in
            Tensor.alongLines(layout, of: gradient, output) { g, y, input, offsets in
                var total: Float = 0
                for offset in offsets { total += g[offset] }
                for offset in offsets { input[offset] = g[offset] - Foundation.exp(y[offset]) * total }
            }
        }
    }

    /// ln Σ eˣ along `axis` (default the last), computed stably; the axis is removed unless
    /// `keepingDimensions`.
    ///
    /// - Throws: ``TensorError/invalidArgument(_:)`` when the axis does not exist.
    public func logSumExp(alongAxis axis: Int = -1, keepingDimensions: Bool = false) throws -> Tensor {
        let normalized = try normalizedAxis(axis, for: "logSumExp")
        let layout = AxisLayout(shape: shape, axis: normalized)
        var keptShape = shape
        keptShape[normalized] = 1
        var resultShape = keptShape
        if !keepingDimensions { resultShape.remove(at: normalized) }
        let logTotals = Tensor.softmax(of: self, layout, logarithm: true)
        // y = x₀ − logSoftmax(x)₀ along each line: the same stable sum, read once per line.
        let values = Tensor(uncheckedShape: resultShape, count: layout.outer * layout.inner) { output in
            storage.withUnsafeBufferPointer { x in
                logTotals.storage.withUnsafeBufferPointer { logSoftmax in
                    var line = 0
                    Tensor.forEachLine(layout) { offsets in
                        let first = offsets.first(where: { _ in true }) ?? 0
                        output[line] = layout.length > 0 ? x[first] - logSoftmax[first] : -.infinity
                        line += 1
                    }
                }
            }
        }
        guard Tensor.needsGradient(self) else { return values }
        let probabilities = try withoutGradients { try self.softmax(alongAxis: normalized) }
        let inputShape = shape
        return values.recorded(from: self) { gradient in
            // ∂L/∂xₖ = g · softmaxₖ, g broadcast back along the axis.
            try Tensor(uncheckedShape: keptShape, storage: gradient.storage).broadcasted(to: inputShape) * probabilities
        }
    }

    /// Softmax (or log-softmax) of every line of `input` along the layout's axis.
    private static func softmax(of input: Tensor, _ layout: AxisLayout, logarithm: Bool) -> Tensor {
        alongLines(layout, of: input, input) { scalars, _, result, offsets in
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
    }

    /// A tensor shaped like `first`, computed line by line along the layout's axis: `body`
    /// reads both inputs and writes every element of the line given by `offsets`.
    @inline(__always)
    private static func alongLines(
        _ layout: AxisLayout, of first: Tensor, _ second: Tensor,
        _ body: (UnsafeBufferPointer<Float>, UnsafeBufferPointer<Float>, UnsafeMutableBufferPointer<Float>, StrideTo<Int>) -> Void
    ) -> Tensor {
        Tensor(uncheckedShape: first.shape, count: first.scalarCount) { output in
            first.storage.withUnsafeBufferPointer { a in
                second.storage.withUnsafeBufferPointer { b in
                    forEachLine(layout) { body(a, b, output, $0) }
                }
            }
        }
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
