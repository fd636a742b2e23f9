extension Tensor {
    /// The tensors joined end to end along `axis`; the gradient is split back into the pieces.
    ///
    /// All tensors need the same rank and the same dimensions except along `axis`.
    ///
    /// - Throws: ``TensorError/invalidArgument(_:)`` for an empty list or a missing axis;
    ///   ``TensorError/shapeMismatch(_:)`` naming the first tensor that does not fit.
    public static func concatenating(_ tensors: [Tensor], alongAxis axis: Int = 0) throws -> Tensor {
        guard let first = tensors.first else {
            throw TensorError.invalidArgument("concatenating needs at least one tensor")
        }
        let normalized = try first.normalizedAxis(axis, for: "concatenating")
        for (index, tensor) in tensors.enumerated() {
            let fits = tensor.rank == first.rank
                && zip(tensor.shape, first.shape).enumerated().allSatisfy { $0.offset == normalized || $0.element.0 == $0.element.1 }
            guard fits else {
                throw TensorError.shapeMismatch(
                    "concatenating along axis \(axis): tensor \(index) has shape \(describe(shape: tensor.shape)), "
                        + "which does not fit tensor 0's \(describe(shape: first.shape))")
            }
        }
        var resultShape = first.shape
        resultShape[normalized] = tensors.reduce(0) { $0 + $1.shape[normalized] }
        let outer = first.shape[..<normalized].reduce(1, *)
        let inner = first.shape[(normalized + 1)...].reduce(1, *)
        let result = Tensor(uncheckedShape: resultShape, count: resultShape.reduce(1, *)) { output in
            var offset = 0
            for block in 0..<outer {
                for tensor in tensors {
                    let width = tensor.shape[normalized] * inner
                    tensor.storage.withUnsafeBufferPointer { source in
                        for index in 0..<width { output[offset + index] = source[block * width + index] }
                    }
                    offset += width
                }
            }
        }
        guard needsGradient(tensors) else { return result }
        let pieces = tensors.map { (shape: $0.shape, needsGradient: $0.node != nil) }
        return result.recorded(from: tensors) { gradient in
            var parts = [[Float]](repeating: [], count: pieces.count)
            var offset = 0
            let scalars = gradient.scalars
            for _ in 0..<outer {
                for (index, piece) in pieces.enumerated() {
                    let width = piece.shape[normalized] * inner
                    if piece.needsGradient { parts[index].append(contentsOf: scalars[offset..<(offset + width)]) }
                    offset += width
                }
            }
            return zip(pieces, parts).map { piece, part in
                piece.needsGradient ? Tensor(uncheckedShape: piece.shape, scalars: part) : nil
            }
        }
    }
}
