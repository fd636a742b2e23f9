import Foundation

/// Where a ``VectorEnvironment`` stands between two steps: each copy's own state, the
/// observations the next step answers, and the running episodes' figures, so that a saved
/// training run (an on-policy agent's checkpoint) goes on exactly where it stopped.
///
/// Made by ``VectorEnvironment/runningState()`` and put back by
/// ``VectorEnvironment/restore(_:)`` into a vector of the same environment and copy count.
/// The copies' states are their ``StatefulEnvironment`` states as JSON (``EnvironmentStateText``).
public struct VectorRunningState: Codable, Equatable, Sendable {
    /// Each copy's state, as JSON.
    public var copies: [String]
    /// The observation rows, `copies × observationWidth` floats.
    public var observations: [Float]
    /// The observations as indices, for finite observation spaces.
    public var observationIndices: [Int]?
    /// The return of each copy's running episode.
    public var episodeReturns: [Double]
    /// The length of each copy's running episode.
    public var episodeLengths: [Int]
    /// Copies the next step resets (next-step autoreset).
    public var needsAutoreset: [Bool]
    /// The episodes finished since the vector was made.
    public var completedEpisodes: Int
    /// The environment steps taken since the vector was made.
    public var totalSteps: Int
}

/// A vector environment whose state between two steps can be saved, whatever its copies' type
/// (``VectorEnvironment``): for code that holds vectors of several environment types.
public protocol VectorStateSaving: AnyObject {
    /// The vector's state between two steps, or `nil` when it cannot be saved.
    ///
    /// - Throws: what encoding a copy's state throws.
    func runningState() throws -> VectorRunningState?
}

extension VectorEnvironment: VectorStateSaving {
    /// The vector's state between two steps, or `nil` when a copy cannot save its state (it is
    /// not a ``StatefulEnvironment``) or the vector was never reset.
    ///
    /// - Throws: what encoding a copy's state throws.
    public func runningState() throws -> VectorRunningState? {
        guard control.pointee.state == .ready else { return nil }
        var states: [String] = []
        states.reserveCapacity(copyCount)
        for index in 0..<copyCount {
            guard let state = try EnvironmentStateText.encode(copies[index]) else { return nil }
            states.append(state)
        }
        return VectorRunningState(
            copies: states,
            observations: Array(observations),
            observationIndices: observationIndices.map(Array.init),
            episodeReturns: Array(episodeReturns),
            episodeLengths: Array(episodeLengths),
            needsAutoreset: Array(UnsafeBufferPointer(start: storage.needsAutoreset, count: copyCount)),
            completedEpisodes: completedEpisodes,
            totalSteps: totalSteps)
    }

    /// Puts back a state ``runningState()`` saved, from a vector of the same environment and
    /// copy count; the vector is then ready to step. The last step's rewards and flags read 0 and
    /// false.
    ///
    /// - Throws: ``EnvironmentError/invalidVector(_:)`` when the state has another number of
    ///   copies or rows of another width, or a copy's state does not fit its environment.
    public func restore(_ state: VectorRunningState) throws {
        let count = copyCount
        guard state.copies.count == count, state.episodeReturns.count == count, state.episodeLengths.count == count,
              state.needsAutoreset.count == count else {
            throw EnvironmentError.invalidVector("\(name): the saved state is of \(state.copies.count) copies, not \(count)")
        }
        guard state.observations.count == count * observationWidth,
              (state.observationIndices?.count ?? count) == count,
              (state.observationIndices != nil) == storage.writesObservationIndices else {
            throw EnvironmentError.invalidVector("\(name): the saved observations do not fit \(count) rows of \(observationWidth)")
        }
        // Decode every copy first, so that a state that does not fit changes nothing.
        var restored: [Copy] = []
        restored.reserveCapacity(count)
        for index in 0..<count {
            var copy = copies[index]
            do {
                guard try EnvironmentStateText.decode(state.copies[index], into: &copy) else {
                    throw EnvironmentError.invalidVector("\(name): copy \(index) cannot restore a state")
                }
            } catch let error as EnvironmentError {
                if case .invalidVector = error { throw error }
                throw EnvironmentError.invalidVector("\(name): copy \(index)'s saved state does not fit: \(error)")
            }
            restored.append(copy)
        }
        for index in 0..<count { copies[index] = restored[index] }
        storage.clearForReset()
        storage.observations.update(from: state.observations, count: state.observations.count)
        if let indices = state.observationIndices { storage.observationIndices.update(from: indices, count: count) }
        storage.episodeReturns.update(from: state.episodeReturns, count: count)
        storage.episodeLengths.update(from: state.episodeLengths, count: count)
        storage.needsAutoreset.update(from: state.needsAutoreset, count: count)
        control.pointee.completedEpisodes = state.completedEpisodes
        control.pointee.totalSteps = state.totalSteps
        control.pointee.state = .ready
    }
}
