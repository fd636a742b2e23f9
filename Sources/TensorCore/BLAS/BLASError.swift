/// Why the tensor core cannot run its matrix products: the BLAS library is missing or its
/// settings are wrong. Thrown by the first matrix product (`matmul`, `affine`, a `Linear`
/// layer) and by ``BLAS/library()``.
public enum BLASError: Error, Equatable, CustomStringConvertible {
    /// No BLAS library could be loaded; the message says what was tried and how to fix it.
    case unavailable(String)
    /// An environment variable of the kernel policy holds a value it does not accept.
    case invalidSetting(String)

    public var description: String {
        switch self {
        case .unavailable(let message): message
        case .invalidSetting(let message): message
        }
    }
}
