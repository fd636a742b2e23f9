import FloatingPointMode

/// Runs the body of one C entry point: turns any error into a status code and the thread's last
/// error message, and leaves the caller's thread in the floating-point mode it had.
///
/// The suite flushes subnormal floats to zero on every thread that steps environments
/// (``DenormalMode``), the caller's included; a Python interpreter's thread must not keep that
/// setting after the call, so it is put back when it was not set before.
@inline(__always)
func guarded(_ body: () throws -> Void) -> Int32 {
    let wasFlushing = DenormalMode.isFlushingToZero
    defer { if !wasFlushing && DenormalMode.isFlushingToZero { DenormalMode.keepSubnormals() } }
    do {
        try body()
        return StatusCode.ok.rawValue
    } catch {
        let code = StatusCode(for: error)
        LastError.set("\(error)", code: code)
        return code.rawValue
    }
}

/// Reads a C string argument, refusing a null pointer or bytes that are not UTF-8.
func text(_ pointer: UnsafePointer<CChar>?, _ name: String) throws -> String {
    guard let pointer else { throw InterfaceError(.invalidArgument, "\(name) is a null pointer") }
    guard let value = String(validatingCString: pointer) else {
        throw InterfaceError(.invalidArgument, "\(name) is not valid UTF-8")
    }
    return value
}
