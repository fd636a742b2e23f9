import CFuzzerDriver
import Foundation

// libFuzzer runs the target: every input it makes goes to `fuzzCheckpoint`. Its options are the
// command line's (`-max_total_time=600 CORPUS_FOLDER`; see Fuzz/README.md).
var argumentCount = CommandLine.argc
var arguments: UnsafeMutablePointer<UnsafeMutablePointer<CChar>?>? = CommandLine.unsafeArgv
exit(LLVMFuzzerRunDriver(&argumentCount, &arguments) { bytes, count in
    guard let bytes else { return 0 }
    return fuzzCheckpoint(bytes, count)
})
