import Foundation

/// Runs `body` on a thread of its own, as a worker or a library user's thread would, and
/// returns its result (or rethrows its error) once it has finished.
func onNewThread<Value: Sendable>(_ body: @escaping @Sendable () throws -> Value) throws -> Value {
    let outcome = Outcome<Value>()
    let finished = DispatchSemaphore(value: 0)
    let thread = Thread {
        outcome.result = Result { try body() }
        finished.signal()
    }
    thread.start()
    finished.wait()
    guard let result = outcome.result else { throw CocoaError(.featureUnsupported) }
    return try result.get()
}

/// The result a thread hands back: written once by the thread before it signals, read after
/// the wait.
private final class Outcome<Value: Sendable>: @unchecked Sendable {
    var result: Result<Value, any Error>?
}
