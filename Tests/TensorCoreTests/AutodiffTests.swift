import Testing
@testable import TensorCore

@Suite("Autodiff mechanics")
struct AutodiffTests {
    @Test func gradientsAccumulateUntilCleared() throws {
        let w = Parameter(Tensor([1, 2, 3]))
        try (w.value * 2).sum().backward()
        try (w.value * 2).sum().backward()
        #expect(w.gradient?.scalars == [4, 4, 4])
        w.zeroGradient()
        #expect(w.gradient == nil)
    }

    @Test func sharedSubexpressionsAddTheirContributions() throws {
        // L = Σ (x·x + x) has ∂L/∂x = 2x + 1, reaching x along three paths.
        let x = Parameter(Tensor([1, -2, 0.5]))
        let value = x.value
        try (value * value + value).sum().backward()
        #expect(x.gradient?.scalars == [3, -3, 2])
    }

    @Test func constantsAndDisabledRecordingHaveNoGraph() throws {
        let w = Parameter(Tensor([1, 2]))
        #expect((Tensor([1, 1]) * 3).requiresGradient == false)
        #expect((w.value * 3).requiresGradient)
        let inside = withoutGradients { w.value * 3 }
        #expect(inside.requiresGradient == false)
        #expect(throws: TensorError.self) { try inside.sum().backward() }
        #expect((w.value * 3).detached().requiresGradient == false)
    }

    @Test func backwardNeedsAScalarAndRunsOnce() throws {
        let w = Parameter(Tensor([1, 2]))
        #expect(throws: TensorError.self) { try (w.value * 2).backward() }
        let loss = (w.value * 2).sum()
        try loss.backward()
        #expect(throws: TensorError.self) { try loss.backward() }
        let vector = w.value * 3
        try vector.backward(seed: Tensor([1, 10]))
        #expect(w.gradient?.scalars == [2 + 3, 2 + 30])
        #expect(throws: TensorError.self) { try (w.value * 3).backward(seed: Tensor([1])) }
    }

    @Test func longChainsNeitherOverflowNorLeak() throws {
        // Freeing or differentiating a very long graph must not recurse once per node.
        let w = Parameter(Tensor([1]))
        var value = w.value
        for _ in 0..<200_000 { value = value + 0 }
        try value.sum().backward()
        #expect(w.gradient?.scalars == [1])
        var undifferentiated = w.value
        for _ in 0..<200_000 { undifferentiated = undifferentiated * 1 }
        _ = undifferentiated  // freed here without calling backward
    }

    @Test func graphIsReleasedAfterBackward() throws {
        // Once differentiated, the graph no longer holds the weights, so an optimizer
        // can update them in place without copying.
        weak var weakNode: GradientNode?
        let w = Parameter(Tensor([1, 2]))
        do {
            let loss = try (w.value * w.value).sum()
            weakNode = loss.node
            try loss.backward()
            #expect(loss.node?.inputs.isEmpty == true)
        }
        #expect(weakNode == nil)
    }
}
