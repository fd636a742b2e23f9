import RLCore

/// Plays episodes of an environment with a policy — an agent's greedy actions — in a window,
/// or into a ``FrameRecorder``.
///
/// ```swift
/// let window = try ViewerWindow(title: "CartPole-v1", width: 600, height: 446)
/// let outcomes = try WatchSession(destination: window, title: "CartPole-v1", player: "dqn")
///     .run(&environment, episodes: 5, seed: 0) { observation in
///         try agent.action(for: observation)
///     }
/// ```
///
/// In a window, frames come at the environment's `framesPerSecond` and the keys of
/// ``WatchControls`` work; the status bar shows the environment, the player, the episode, the
/// step, the return so far and the pace, and the moment an episode ends, how it ended. The last
/// frame of an episode stays for half a second before the next one begins.
/// A destination that is not real time (a recorder) gets every frame at once, without pauses.
///
/// Each reset shows a frame, and each step one more; the first episode is reset with `seed`
/// and the others continue the environment's random stream.
public struct WatchSession {
    /// Where the frames go.
    public let destination: any FrameDestination
    /// The environment's name, first in the status bar.
    public let title: String
    /// Who plays (an agent's name), shown after the environment's.
    public let player: String?
    /// The longest an episode may run before the next begins, for environments without a
    /// time limit.
    public var maxStepsPerEpisode: Int

    /// A session showing frames on `destination`, the status bar naming the environment `title`
    /// and the player `player` (an agent's name; `nil` to leave it out).
    public init(destination: any FrameDestination, title: String, player: String? = nil, maxStepsPerEpisode: Int = 100_000) {
        self.destination = destination
        self.title = title
        self.player = player
        self.maxStepsPerEpisode = maxStepsPerEpisode
    }

    /// Plays `episodes` episodes, or fewer when the person quits, and returns how the finished
    /// ones ended.
    ///
    /// - Parameters:
    ///   - environment: the environment, left in its state after the last step.
    ///   - episodes: how many episodes to play (≥ 1; `Int.max` to play until the person quits).
    ///   - seed: the seed of the first reset (`nil` continues the environment's stream).
    ///   - framesPerSecond: the pace at 1x; `nil` for the environment's own, `.infinity` for
    ///     no waiting between frames.
    ///   - chooseAction: the policy: the action for an observation.
    /// - Throws: ``ViewerError`` when a frame cannot be shown, the pace is not above 0, or
    ///   `episodes` or ``maxStepsPerEpisode`` is below 1; whatever `chooseAction` and the
    ///   environment throw.
    public func run<Watched: Environment>(
        _ environment: inout Watched, episodes: Int, seed: UInt64?, framesPerSecond: Double? = nil,
        chooseAction: (Watched.Observation) throws -> Watched.Action
    ) throws -> [EpisodeOutcome] {
        guard episodes >= 1, maxStepsPerEpisode >= 1 else {
            throw ViewerError.unsupportedEnvironment(
                "watching needs at least 1 episode of at least 1 step (asked for \(episodes) episodes of at most \(maxStepsPerEpisode) steps)")
        }
        let pace = framesPerSecond ?? Double(environment.framesPerSecond)
        var controls = WatchControls(pacer: try FramePacer(framesPerSecond: pace))
        var driver = EpisodeDriver(environment: environment, seed: seed, maxStepsPerEpisode: maxStepsPerEpisode)
        defer { environment = driver.environment }
        var outcomes: [EpisodeOutcome] = []
        let clock = ContinuousClock()

        func show() throws {
            try destination.show(driver.environment, status: driver.status(
                environment: title, player: player, isPaused: controls.isPaused, speed: controls.speedNote))
        }
        try show()
        var nextFrame = clock.now + controls.pacer.frameInterval

        while true {
            // Paused, the loop waits for keys, except while single steps asked for are pending.
            let deadline = !destination.isRealTime || controls.pendingSteps > 0 ? clock.now
                : controls.isPaused ? nil : nextFrame
            let events = destination.waitForEvents(until: deadline)
            for event in events { controls.handle(event) }
            if controls.quitRequested { break }
            if controls.takeRestartRequest() {
                driver.restartEpisode()
                try show()
                nextFrame = clock.now + controls.pacer.frameInterval
                continue
            }
            if controls.takePaceChange() {
                // Pausing, resuming or a new speed: the status changes and the next frame is
                // one new interval away.
                try show()
                nextFrame = clock.now + controls.pacer.frameInterval
            }
            let isDue = controls.isPaused
                ? controls.takePendingStep()
                : !destination.isRealTime || clock.now >= nextFrame
            guard isDue else { continue }

            if driver.isOver {
                guard outcomes.count < episodes else { break }
                driver.beginNextEpisode()
            } else if let outcome = try driver.apply(chooseAction(driver.observation)) {
                outcomes.append(outcome)
            }
            try show()
            let interval = driver.isOver ? controls.pacer.endOfEpisodePause : controls.pacer.frameInterval
            // Keeps a steady rhythm, but never tries to catch up on frames missed while late.
            nextFrame = max(nextFrame + interval, clock.now)
        }
        return outcomes
    }
}
