#if canImport(Glibc)
import Glibc
#elseif canImport(Darwin)
import Darwin
#endif
import RL
import Synchronization

/// Set by the signal handler when the person presses Ctrl-C (or the process is asked to stop).
/// An atomic, because the handler runs asynchronously to the code that reads it.
private let interruptionRequested = Atomic<Bool>(false)

/// Ctrl-C (SIGINT) and SIGTERM as a request to stop cleanly: training ends after the current
/// episode and still saves, and `rl play`/`rl watch` restore the terminal before leaving.
///
/// ``install()`` replaces the default handlers; loops poll ``isRequested``. The handler is
/// installed without `SA_RESTART`, so a blocking `read` or `poll` returns `EINTR` and the loop
/// around it notices at once. A second Ctrl-C ends the process the default way (for a stop
/// that takes too long).
enum Interruption {
    /// The signals treated as a request to stop.
    static let signals = [SIGINT, SIGTERM]

    /// Whether a stop was requested since ``install()``.
    static var isRequested: Bool {
        interruptionRequested.load(ordering: .relaxed)
    }

    /// Installs the handler for ``signals``.
    static func install() {
        // Touch the flag first: globals are initialised lazily, and a signal handler must not be
        // the first to do it.
        interruptionRequested.store(false, ordering: .relaxed)
        for signalNumber in signals {
            setHandler(handleInterruption, for: signalNumber, restartingCalls: false)
        }
        // A process inherits its parent's blocked signals (a test runner, for one, starts its
        // children with almost all of them blocked); a blocked Ctrl-C would never arrive.
        var unblocked = sigset_t()
        sigemptyset(&unblocked)
        for signalNumber in signals { sigaddset(&unblocked, signalNumber) }
        pthread_sigmask(SIG_UNBLOCK, &unblocked, nil)
    }

    /// Gives the signals back their default meaning (end the process), for work that cannot be
    /// stopped half-way and is quick to redo, such as a final evaluation.
    static func restoreDefault() {
        for signalNumber in signals {
            setHandler(SIG_DFL, for: signalNumber, restartingCalls: true)
        }
    }

    private static func setHandler(
        _ handler: (@convention(c) (Int32) -> Void)?, for signalNumber: Int32, restartingCalls: Bool
    ) {
        var action = sigaction()
        #if canImport(Glibc)
        action.__sigaction_handler.sa_handler = handler
        #else
        action.__sigaction_u.__sa_handler = handler
        #endif
        sigemptyset(&action.sa_mask)
        action.sa_flags = restartingCalls ? Int32(SA_RESTART) : 0
        sigaction(signalNumber, &action, nil)
    }
}

/// The signal handler: only async-signal-safe work (an atomic store, `signal`).
private func handleInterruption(_ signalNumber: Int32) {
    interruptionRequested.store(true, ordering: .relaxed)
    // The next press of the same key ends the process without waiting.
    signal(signalNumber, SIG_DFL)
}

/// Stops training at the next step once Ctrl-C (or SIGTERM) arrives, so that even an episode
/// that never ends can be interrupted, and says so at once.
final class InterruptionCallback: TrainingCallback {
    private let onStop: () -> Void
    private var stopped = false

    /// Calls `onStop` once, when the request arrives.
    init(onStop: @escaping () -> Void = {}) {
        self.onStop = onStop
    }

    func stepDidEnd(_ training: TrainingSession) throws -> TrainingDecision {
        guard Interruption.isRequested else { return .proceed }
        if !stopped {
            stopped = true
            onStop()
        }
        return .stop
    }
}
