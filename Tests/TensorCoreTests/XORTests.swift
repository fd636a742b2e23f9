import SeededRandom
import Testing
@testable import TensorCore

/// The notes' "neural network in 11 lines" (seed 004, section 4.1): a 3-4-1 sigmoid network
/// without biases learns XOR of the first two inputs (the third is a constant 1).
@Test("The notes' XOR network learns XOR")
func xorNetworkLearns() throws {
    let x = try Tensor([[0, 0, 1], [0, 1, 1], [1, 0, 1], [1, 1, 1]])
    let y = try Tensor(shape: [4, 1], scalars: [0, 1, 1, 0])
    var generator = SeededGenerator(seed: 1)
    // syn0 = 2·random((3, 4)) − 1 and syn1 = 2·random((4, 1)) − 1, stored as [out, in].
    let hidden = try Linear(weight: .randomUniform([4, 3], lower: -1, upper: 1, using: &generator), bias: nil)
    let output = try Linear(weight: .randomUniform([1, 4], lower: -1, upper: 1, using: &generator), bias: nil)
    let network = Sequential(hidden, Sigmoid(), output, Sigmoid())
    // The notes add l1ᵀ·δ with δ = (y − l2)·l2(1 − l2): gradient descent with step 1 on
    // ½ Σ (y − l2)², which is 2 · meanSquaredError over the 4 examples.
    let optimizer = try SGD(parameters: network.parameters(), learningRate: 1)
    for _ in 0..<6_000 {
        optimizer.zeroGradients()
        try (try meanSquaredError(network(x), y) * 2).backward()
        optimizer.step()
    }
    let predictions = try network(x).scalars
    for (prediction, target) in zip(predictions, y.scalars) {
        #expect(abs(prediction - target) < 0.1, "predictions \(predictions)")
    }
}
