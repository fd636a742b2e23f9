// Element-wise arithmetic with broadcasting. Each operator computes its value, then, when an
// input needs a gradient, records its backward rule next to it:
//
//   z = x + y    ∂z/∂x = 1        ∂z/∂y = 1
//   z = x - y    ∂z/∂x = 1        ∂z/∂y = -1
//   z = x * y    ∂z/∂x = y        ∂z/∂y = x
//   z = x / y    ∂z/∂x = 1/y      ∂z/∂y = -x/y²
//
// A broadcast input gets the gradient summed over the axes it was broadcast along.

extension Tensor {
    // MARK: - Tensor with tensor

    /// Element-wise sum with broadcasting.
    ///
    /// - Throws: ``TensorError/shapeMismatch(_:)`` when the shapes do not broadcast.
    public static func + (lhs: Tensor, rhs: Tensor) throws -> Tensor {
        let result = try combining(lhs, rhs) { $0 + $1 }
        guard needsGradient(lhs, rhs) else { return result }
        let (lhsShape, rhsShape) = (lhs.shape, rhs.shape)
        let (lhsNeeds, rhsNeeds) = (lhs.node != nil, rhs.node != nil)
        return result.recorded(from: lhs, rhs) { gradient in
            (lhsNeeds ? try gradient.summed(toShape: lhsShape) : nil,
             rhsNeeds ? try gradient.summed(toShape: rhsShape) : nil)
        }
    }

    /// Element-wise difference with broadcasting.
    ///
    /// - Throws: ``TensorError/shapeMismatch(_:)`` when the shapes do not broadcast.
    public static func - (lhs: Tensor, rhs: Tensor) throws -> Tensor {
        let result = try combining(lhs, rhs) { $0 - $1 }
        guard needsGradient(lhs, rhs) else { return result }
        let (lhsShape, rhsShape) = (lhs.shape, rhs.shape)
        let (lhsNeeds, rhsNeeds) = (lhs.node != nil, rhs.node != nil)
        return result.recorded(from: lhs, rhs) { gradient in
            (lhsNeeds ? try gradient.summed(toShape: lhsShape) : nil,
             rhsNeeds ? try (-gradient).summed(toShape: rhsShape) : nil)
        }
    }

    /// Element-wise product with broadcasting.
    ///
    /// - Throws: ``TensorError/shapeMismatch(_:)`` when the shapes do not broadcast.
    public static func * (lhs: Tensor, rhs: Tensor) throws -> Tensor {
        let result = try combining(lhs, rhs) { $0 * $1 }
        guard needsGradient(lhs, rhs) else { return result }
        let (left, right) = (lhs.detached(), rhs.detached())
        let (lhsNeeds, rhsNeeds) = (lhs.node != nil, rhs.node != nil)
        return result.recorded(from: lhs, rhs) { gradient in
            (lhsNeeds ? try (gradient * right).summed(toShape: left.shape) : nil,
             rhsNeeds ? try (gradient * left).summed(toShape: right.shape) : nil)
        }
    }

    /// Element-wise quotient with broadcasting (IEEE rules: x/0 is ±infinity or NaN).
    ///
    /// - Throws: ``TensorError/shapeMismatch(_:)`` when the shapes do not broadcast.
    public static func / (lhs: Tensor, rhs: Tensor) throws -> Tensor {
        let result = try combining(lhs, rhs) { $0 / $1 }
        guard needsGradient(lhs, rhs) else { return result }
        let (left, right) = (lhs.detached(), rhs.detached())
        let (lhsNeeds, rhsNeeds) = (lhs.node != nil, rhs.node != nil)
        return result.recorded(from: lhs, rhs) { gradient in
            // ∂/∂y (x / y) = -x / y²
            let rhsGradient = rhsNeeds
                ? try combining(try gradient * left, right) { -$0 / ($1 * $1) }.summed(toShape: right.shape)
                : nil
            return (lhsNeeds ? try (gradient / right).summed(toShape: left.shape) : nil, rhsGradient)
        }
    }

    /// Element-wise negation.
    public static prefix func - (operand: Tensor) -> Tensor {
        let result = operand.mapped { -$0 }
        guard needsGradient(operand) else { return result }
        return result.recorded(from: operand) { gradient in -gradient }
    }

    // MARK: - Tensor with scalar

    /// Adds `rhs` to every element.
    public static func + (lhs: Tensor, rhs: Float) -> Tensor {
        let result = lhs.mapped { $0 + rhs }
        guard needsGradient(lhs) else { return result }
        return result.recorded(from: lhs) { $0 }
    }

    /// Adds `lhs` to every element.
    public static func + (lhs: Float, rhs: Tensor) -> Tensor {
        rhs + lhs
    }

    /// Subtracts `rhs` from every element.
    public static func - (lhs: Tensor, rhs: Float) -> Tensor {
        lhs + (-rhs)
    }

    /// Subtracts every element from `lhs`.
    public static func - (lhs: Float, rhs: Tensor) -> Tensor {
        -rhs + lhs
    }

    /// Multiplies every element by `rhs`.
    public static func * (lhs: Tensor, rhs: Float) -> Tensor {
        let result = lhs.mapped { $0 * rhs }
        guard needsGradient(lhs) else { return result }
        return result.recorded(from: lhs) { gradient in gradient * rhs }
    }

    /// Multiplies every element by `lhs`.
    public static func * (lhs: Float, rhs: Tensor) -> Tensor {
        rhs * lhs
    }

    /// Divides every element by `rhs`.
    public static func / (lhs: Tensor, rhs: Float) -> Tensor {
        lhs * (1 / rhs)
    }

    /// Divides `lhs` by every element.
    public static func / (lhs: Float, rhs: Tensor) -> Tensor {
        let result = rhs.mapped { lhs / $0 }
        guard needsGradient(rhs) else { return result }
        let denominator = rhs.detached()
        return result.recorded(from: rhs) { gradient in
            // ∂/∂y (c / y) = -c / y²
            try combining(gradient, denominator) { -lhs * $0 / ($1 * $1) }
        }
    }
}
