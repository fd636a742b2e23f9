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

/// Set while a save that must not be cut short runs (``Interruption/whileSaving(liveLine:_:)``):
/// the handler then stays, and says that the save goes on.
private let savingInProgress = Atomic<Bool>(false)

/// Whether, while saving, a progress line is open on standard error (the note then starts on a
/// line of its own).
private let savingNoteOnLiveLine = Atomic<Bool>(false)

/// Whether a "still saving…" note was written during the current save.
private let savingNoteWritten = Atomic<Bool>(false)

/// Ctrl-C (SIGINT) and SIGTERM as a request to stop cleanly: training ends after the current
/// episode and still saves, and `rl play`/`rl watch` restore the terminal before leaving.
///
/// ``install()`` replaces the default handlers; loops poll ``isRequested``. The handler is
/// installed without `SA_RESTART`, so a blocking `read` or `poll` returns `EINTR` and the loop
/// around it notices at once. A second Ctrl-C ends the process the default way (for a stop
/// that takes too long), except during ``whileSaving(liveLine:_:)``: a checkpoint being written
/// is finished whatever is pressed, and each press says so.
enum Interruption {
    /// The signals treated as a request to stop.
    static let signals = [SIGINT, SIGTERM]

    /// Whether a stop was requested since ``install()``.
    static var isRequested: Bool {
        interruptionRequested.load(ordering: .relaxed)
    }

    /// Installs the handler for ``signals``.
    static func install() {
        install(clearing: true)
    }

    /// Installs the handler, forgetting an earlier request when `clearing`.
    private static func install(clearing: Bool) {
        // Touch the flags first: globals are initialised lazily, and a signal handler must not be
        // the first to do it.
        if clearing { interruptionRequested.store(false, ordering: .relaxed) }
        savingInProgress.store(false, ordering: .relaxed)
        savingNoteOnLiveLine.store(false, ordering: .relaxed)
        savingNoteWritten.store(false, ordering: .relaxed)
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

    /// Runs `body` (writing a checkpoint) so that Ctrl-C and SIGTERM cannot cut it short: each
    /// press prints "still saving…" and is otherwise ignored until `body` returns. Afterwards a
    /// press means what it meant before: after a first one, the next ends the process.
    ///
    /// `liveLine`: whether a progress line is open on standard error (the note then goes on a
    /// line of its own).
    static func whileSaving<Result>(liveLine: Bool, _ body: () throws -> Result) rethrows -> Result {
        savingNoteOnLiveLine.store(liveLine, ordering: .relaxed)
        savingNoteWritten.store(false, ordering: .relaxed)
        savingInProgress.store(true, ordering: .sequentiallyConsistent)
        // A first Ctrl-C gave the signals their default meaning back; while saving they must not
        // end the process. Restarting calls: the save's writes must not fail with EINTR.
        for signalNumber in signals {
            setHandler(handleInterruption, for: signalNumber, restartingCalls: true)
        }
        defer {
            savingInProgress.store(false, ordering: .sequentiallyConsistent)
            if isRequested {
                for signalNumber in signals { setHandler(SIG_DFL, for: signalNumber, restartingCalls: true) }
            } else {
                install(clearing: false)
            }
        }
        return try body()
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

/// The signal handler: only async-signal-safe work (atomic loads and stores, `write`, `signal`).
private func handleInterruption(_ signalNumber: Int32) {
    interruptionRequested.store(true, ordering: .relaxed)
    if savingInProgress.load(ordering: .sequentiallyConsistent) {
        // Static text: nothing here may allocate. On a terminal the first note ends the live line
        // (which the display draws again below the notes); later ones replace the "^C" the
        // terminal echoed on the empty line the last note left.
        let earlier = savingNoteWritten.exchange(true, ordering: .relaxed)
        let note: StaticString = !savingNoteOnLiveLine.load(ordering: .relaxed)
            ? "still saving… (Ctrl-C is ignored until the checkpoint is written)\n"
            : earlier
            ? "\r\u{1B}[Kstill saving… (Ctrl-C is ignored until the checkpoint is written)\r\n"
            : "\r\nstill saving… (Ctrl-C is ignored until the checkpoint is written)\r\n"
        _ = write(STDERR_FILENO, note.utf8Start, note.utf8CodeUnitCount)
        return
    }
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
