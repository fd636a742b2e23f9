/// An element-wise update of three arrays from a fourth, written for eight elements at once.
///
/// The optimizers' inner loops conform to this: written as plain scalar loops over four buffers
/// they are not vectorized (the compiler cannot rule out aliasing), and they would cost more
/// than the matrix products of a small network's training step. ``apply(count:_:_:_:_:)`` runs
/// the update over `SIMD8<Float>` chunks (packed vector instructions); being generic over a
/// concrete conforming type, it is specialized and the update inlined into the loop.
protocol ChunkedUpdate {
    /// Updates `a`, `b` and `c` from `input`, eight lanes at a time.
    func update(_ a: inout SIMD8<Float>, _ b: inout SIMD8<Float>, _ c: inout SIMD8<Float>, _ input: SIMD8<Float>)
}

extension ChunkedUpdate {
    /// Runs ``update(_:_:_:_:)`` over `count` elements of the buffers. The last partial chunk
    /// is padded with zeros and only its valid lanes are written back.
    @inline(__always)
    func apply(
        count: Int,
        _ a: UnsafeMutableBufferPointer<Float>, _ b: UnsafeMutableBufferPointer<Float>,
        _ c: UnsafeMutableBufferPointer<Float>, _ input: UnsafeBufferPointer<Float>
    ) {
        guard count > 0 else { return }
        // Cannot fail: the guard above ensures elements, so every buffer has an address.
        let pointerA = UnsafeMutableRawPointer(a.baseAddress!)
        let pointerB = UnsafeMutableRawPointer(b.baseAddress!)
        let pointerC = UnsafeMutableRawPointer(c.baseAddress!)
        let pointerInput = UnsafeRawPointer(input.baseAddress!)  // Cannot fail (see above).
        var index = 0
        while index + 8 <= count {
            let offset = index * MemoryLayout<Float>.size
            var x = pointerA.loadUnaligned(fromByteOffset: offset, as: SIMD8<Float>.self)
            var y = pointerB.loadUnaligned(fromByteOffset: offset, as: SIMD8<Float>.self)
            var z = pointerC.loadUnaligned(fromByteOffset: offset, as: SIMD8<Float>.self)
            let w = pointerInput.loadUnaligned(fromByteOffset: offset, as: SIMD8<Float>.self)
            update(&x, &y, &z, w)
            pointerA.storeBytes(of: x, toByteOffset: offset, as: SIMD8<Float>.self)
            pointerB.storeBytes(of: y, toByteOffset: offset, as: SIMD8<Float>.self)
            pointerC.storeBytes(of: z, toByteOffset: offset, as: SIMD8<Float>.self)
            index += 8
        }
        guard index < count else { return }
        var (x, y, z, w) = (SIMD8<Float>(), SIMD8<Float>(), SIMD8<Float>(), SIMD8<Float>())
        for lane in 0..<(count - index) {
            (x[lane], y[lane], z[lane], w[lane]) = (a[index + lane], b[index + lane], c[index + lane], input[index + lane])
        }
        update(&x, &y, &z, w)
        for lane in 0..<(count - index) {
            (a[index + lane], b[index + lane], c[index + lane]) = (x[lane], y[lane], z[lane])
        }
    }
}

/// target[i] += source[i] for `count` elements, eight at a time: gradient accumulation and sums
/// along leading axes.
@inline(__always)
func addVectors(_ source: UnsafePointer<Float>, into target: UnsafeMutablePointer<Float>, count: Int) {
    let from = UnsafeRawPointer(source)
    let to = UnsafeMutableRawPointer(target)
    var index = 0
    while index + 8 <= count {
        let offset = index * MemoryLayout<Float>.size
        let sum = to.loadUnaligned(fromByteOffset: offset, as: SIMD8<Float>.self)
            + from.loadUnaligned(fromByteOffset: offset, as: SIMD8<Float>.self)
        to.storeBytes(of: sum, toByteOffset: offset, as: SIMD8<Float>.self)
        index += 8
    }
    while index < count {
        target[index] += source[index]
        index += 1
    }
}
