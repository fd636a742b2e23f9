/// A call of the C interface refused by the interface itself (a null pointer, a buffer of the
/// wrong size, an unknown handle), with the status code it returns and a one-line message.
struct InterfaceError: Error, CustomStringConvertible {
    /// The code the call returns.
    let code: StatusCode
    /// What was wrong, for `swiftrl_last_error()`.
    let message: String

    init(_ code: StatusCode, _ message: String) {
        self.code = code
        self.message = message
    }

    var description: String { message }
}
