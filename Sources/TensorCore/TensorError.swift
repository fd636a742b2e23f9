/// An error thrown by a tensor operation, a layer, an optimizer or the safetensors reader.
///
/// Every case carries a message written for the person who called the API: it names the
/// operation and the shapes or values involved, so `"\(error)"` is enough to fix the call.
public enum TensorError: Error, Equatable, CustomStringConvertible {
    /// Two tensors' shapes do not fit an operation (broadcasting, matrix product, loss, ...).
    case shapeMismatch(String)
    /// An argument is outside what the operation accepts (an axis, an index, a size, a rate).
    case invalidArgument(String)
    /// A safetensors file could not be read or written; the message says which file and why.
    case invalidFile(String)

    public var description: String {
        switch self {
        case .shapeMismatch(let message): "shape mismatch: \(message)"
        case .invalidArgument(let message): "invalid argument: \(message)"
        case .invalidFile(let message): message
        }
    }
}

/// Formats a shape the way error messages and `description` show it: `[64, 256]`.
func describe(shape: [Int]) -> String {
    "[" + shape.map(String.init).joined(separator: ", ") + "]"
}
