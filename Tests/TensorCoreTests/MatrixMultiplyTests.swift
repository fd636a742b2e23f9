import SeededRandom
import Testing
@testable import TensorCore

/// OpenBLAS products against a plain triple loop, for shapes that exercise every path.
@Suite("Matrix products")
struct MatrixMultiplyTests {
    /// C = A·B by the textbook loop, in Double.
    func naiveProduct(_ a: Tensor, _ b: Tensor) -> [Float] {
        let (rows, inner, columns) = (a.shape[0], a.shape[1], b.shape[1])
        var result = [Float](repeating: 0, count: rows * columns)
        for row in 0..<rows {
            for column in 0..<columns {
                var total = 0.0
                for k in 0..<inner { total += Double(a[row, k]) * Double(b[k, column]) }
                result[row * columns + column] = Float(total)
            }
        }
        return result
    }

    func expectClose(_ actual: [Float], _ expected: [Float], sourceLocation: SourceLocation = #_sourceLocation) {
        #expect(actual.count == expected.count, sourceLocation: sourceLocation)
        for (a, e) in zip(actual, expected) {
            #expect(abs(a - e) <= 1e-4 * max(1, abs(e)), "\(a) vs \(e)", sourceLocation: sourceLocation)
        }
    }

    @Test(arguments: [(1, 1, 1), (1, 7, 1), (1, 5, 9), (9, 5, 1), (3, 1, 4), (7, 13, 5), (64, 33, 2), (2, 64, 65)])
    func productMatchesNaiveLoop(shape: (Int, Int, Int)) throws {
        var generator = SeededGenerator(seed: UInt64(shape.0 * 10_000 + shape.1 * 100 + shape.2))
        let a = Tensor.randomNormal([shape.0, shape.1], using: &generator)
        let b = Tensor.randomNormal([shape.1, shape.2], using: &generator)
        expectClose(try a.matmul(b).scalars, naiveProduct(a, b))
        #expect(try a.matmul(b).shape == [shape.0, shape.2])
    }

    @Test(arguments: [false, true], [false, true])
    func transposedOperandsMatchNaiveLoop(transposeA: Bool, transposeB: Bool) throws {
        var generator = SeededGenerator(seed: 5)
        for (rows, inner, columns) in [(1, 6, 4), (5, 6, 1), (4, 3, 7)] {
            let a = Tensor.randomNormal([rows, inner], using: &generator)
            let b = Tensor.randomNormal([inner, columns], using: &generator)
            // Store the operands transposed and let the product read them transposed back.
            let storedA = transposeA ? try a.transposed() : a
            let storedB = transposeB ? try b.transposed() : b
            let product = Tensor.product(storedA, transposed: transposeA, storedB, transposed: transposeB)
            expectClose(product.scalars, naiveProduct(a, b))
        }
    }

    @Test func affineMatchesProductPlusBias() throws {
        var generator = SeededGenerator(seed: 8)
        let x = Tensor.randomNormal([5, 3], using: &generator)
        let w = Tensor.randomNormal([4, 3], using: &generator)
        let b = Tensor.randomNormal([4], using: &generator)
        let expected = try x.matmul(w.transposed()) + b
        expectClose(try Tensor.affine(x, weight: w, bias: b).scalars, expected.scalars)
        // A single example (rank 1) takes the matrix-vector path.
        let single = try Tensor.affine(Tensor(Array(x.scalars[0..<3])), weight: w, bias: b)
        #expect(single.shape == [4])
        expectClose(single.scalars, Array(expected.scalars[0..<4]))
    }

    @Test func mismatchedShapesThrowNamingThem() throws {
        let a = Tensor.zeros([2, 3])
        #expect(throws: TensorError.shapeMismatch("matmul needs [m, k] x [k, n] matrices, got [2, 3] x [2, 3]")) {
            try a.matmul(a)
        }
        #expect(throws: TensorError.self) { try Tensor.zeros([3]).matmul(a) }
        #expect(throws: TensorError.self) { try Tensor.affine(Tensor.zeros([2, 4]), weight: a, bias: nil) }
        #expect(throws: TensorError.self) { try Tensor.affine(Tensor.zeros([2, 3]), weight: a, bias: Tensor.zeros([3])) }
    }

    @Test func openBLASRunsOnOneThreadAndRepeatsExactly() throws {
        var generator = SeededGenerator(seed: 11)
        let a = Tensor.randomNormal([64, 256], using: &generator)
        let b = Tensor.randomNormal([256, 256], using: &generator)
        let first = try a.matmul(b)
        #expect(try BLAS.library().threadCount == 1)
        #expect(try a.matmul(b) == first)
    }
}
