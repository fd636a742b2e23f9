#if canImport(Glibc)
import Glibc
#elseif canImport(Darwin)
import Darwin
#endif

/// Text handed to the caller as a C string it owns: allocated with `malloc`, released with
/// `swiftrl_string_free` (which is `free`).
enum CString {
    /// A new C string holding `text`, or `nil` when memory runs out.
    static func make(_ text: String) -> UnsafeMutablePointer<CChar>? {
        strdup(text)
    }
}
