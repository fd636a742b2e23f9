/// One value in the computation graph that reverse-mode differentiation walks backwards.
///
/// Each operation that reads a tensor needing a gradient creates a node holding its inputs'
/// nodes and its *backward rule*: a closure that turns the gradient of the operation's result
/// into gradients of its inputs (micrograd's `_backward`, one per operation, never one per
/// element). Parameters own leaf nodes, which have no rule and keep the gradient they receive.
///
/// Memory: nodes point only at their inputs, and rules capture input *values* (never nodes), so
/// the graph has no cycles and is freed with the last tensor that refers to it. ``deinit``
/// unlinks long chains with a loop, so a graph of a million operations does not overflow the
/// stack when it is freed.
final class GradientNode {
    /// The gradient rule: given ∂L/∂result, the contributions ∂L/∂input for each input that
    /// needs one (`nil` for the others). Cleared once used, which frees the values it captured.
    typealias BackwardRule = (_ gradient: Tensor) throws -> InputGradients

    /// The nodes of this node's inputs, `nil` where an input needs no gradient.
    var inputs: [GradientNode?]
    /// This node's rule; `nil` for leaves and for nodes whose graph was already differentiated.
    var rule: BackwardRule?
    /// The gradient accumulated so far (kept for leaves, dropped for the rest after use).
    var gradient: Tensor?
    /// The shape of the value this node stands for (its gradient has the same shape).
    let shape: [Int]
    /// Whether this node is a parameter's leaf.
    let isLeaf: Bool

    /// Creates a leaf: the node of a parameter, which accumulates its gradient across calls.
    init(leafOfShape shape: [Int]) {
        self.inputs = []
        self.rule = nil
        self.shape = shape
        self.isLeaf = true
    }

    init(shape: [Int], inputs: [GradientNode?], rule: @escaping BackwardRule) {
        self.inputs = inputs
        self.rule = rule
        self.shape = shape
        self.isLeaf = false
    }

    deinit {
        // Freeing the head of a long chain would free each input from inside the previous one's
        // deinit. Take the inputs over and free them here, one level at a time.
        guard !inputs.isEmpty else { return }
        var pending = inputs.compactMap { $0 }
        inputs = []
        rule = nil
        while var node = pending.popLast() {
            if isKnownUniquelyReferenced(&node) {
                pending.append(contentsOf: node.inputs.compactMap { $0 })
                node.inputs = []
                node.rule = nil
            }
        }
    }

    /// Adds a contribution to this node's gradient.
    func accumulate(_ contribution: Tensor) {
        if gradient == nil {
            gradient = contribution
        } else {
            // Cannot fail: the branch above handles nil (in place, so that the storage is not copied).
            gradient!.addInPlace(contribution)
        }
    }

    /// Runs reverse-mode differentiation from this node with ∂L/∂self = `seed`.
    ///
    /// Visits every node once, after all the nodes that read it (a topological order found
    /// with an explicit stack, no recursion), then releases the rules it used.
    func propagate(seed: Tensor) throws {
        guard isLeaf || rule != nil else {
            throw TensorError.invalidArgument(
                "backward() was already called on this graph; compute the value again to differentiate it again")
        }
        let order = topologicalOrder()
        accumulate(seed)
        for node in order.reversed() {
            guard let rule = node.rule else { continue }
            node.rule = nil
            let inputs = node.inputs
            node.inputs = []
            guard let gradient = node.gradient else { continue }
            node.gradient = nil
            switch try rule(gradient) {
            case .one(let contribution):
                inputs[0]?.accumulate(contribution)
            case .two(let first, let second):
                if let first { inputs[0]?.accumulate(first) }
                if let second { inputs[1]?.accumulate(second) }
            case .many(let contributions):
                for (input, contribution) in zip(inputs, contributions) {
                    if let input, let contribution { input.accumulate(contribution) }
                }
            }
        }
    }

    /// The nodes reachable from this one, each after all of its inputs.
    private func topologicalOrder() -> [GradientNode] {
        var order: [GradientNode] = []
        var visited = Set<ObjectIdentifier>()
        var stack: [(node: GradientNode, inputsDone: Bool)] = [(self, false)]
        while let (node, inputsDone) = stack.popLast() {
            if inputsDone {
                order.append(node)
                continue
            }
            guard visited.insert(ObjectIdentifier(node)).inserted else { continue }
            stack.append((node, true))
            for case let input? in node.inputs where !visited.contains(ObjectIdentifier(input)) {
                stack.append((input, false))
            }
        }
        return order
    }
}

/// The gradients a backward rule hands to its inputs, in input order.
enum InputGradients {
    case one(Tensor)
    case two(Tensor?, Tensor?)
    case many([Tensor?])
}
