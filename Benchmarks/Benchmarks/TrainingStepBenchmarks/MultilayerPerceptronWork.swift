/// The floating-point operations of a multilayer perceptron's matrix products, which the
/// GFLOP/s figures count (element-wise work — activations, the loss, the optimizer — is left
/// out: it is small beside the products and bound by memory, not arithmetic).
///
/// A layer of `in` inputs and `out` outputs on a batch of `B` rows does 2·B·in·out operations
/// forward (a multiply and an add per weight per row), as many for its weight gradient, and as
/// many again for its input gradient, which the first layer skips (observations need none).
struct MultilayerPerceptronWork {
    /// Widths from the input to the output, `[4, 256, 256, 2]`.
    let layerSizes: [Int]
    /// Rows per batch.
    let batchSize: Int

    /// 2·B·in·out for each layer, input side first.
    private var layerProducts: [Double] {
        zip(layerSizes, layerSizes.dropFirst()).map { 2 * Double(batchSize) * Double($0) * Double($1) }
    }

    /// A forward pass.
    var forward: Double { layerProducts.reduce(0, +) }

    /// A forward pass and the backward pass of every weight.
    var trainingStep: Double { 2 * forward + layerProducts.dropFirst().reduce(0, +) }

    /// The backward pass alone: every weight's gradient and every input gradient but the first
    /// layer's (``trainingStep`` − ``forward``).
    var backward: Double { trainingStep - forward }

    /// The first layer's product, 2·B·in·out: the input gradient a training step skips, which a
    /// backward pass adds when the input itself needs a gradient (an action the policy chose,
    /// fed to a critic in SAC's and TD3's actor losses).
    var firstLayer: Double { layerProducts.first ?? 0 }

    /// The widths as benchmark names show them: `4-256-256-2`.
    var shapeName: String { layerSizes.map(String.init).joined(separator: "-") }
}
