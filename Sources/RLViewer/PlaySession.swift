import RLCore

/// A person plays an environment in a window with the keyboard (see ``KeyboardControls``).
///
/// Two styles, chosen from the environment unless given:
///
/// - **Turn by turn** (environments with finitely many observations: FrozenLake, grid
///   worlds): each key press is one step; nothing happens between presses.
/// - **Real time** (continuous observations: CartPole, Acrobot, the mountain cars, Pendulum):
///   after the first arrow key, the environment steps at its frames per second, each step
///   playing the direction key held down; with none held, the environment's idle action (no
///   torque, no push, 0 for continuous actions: ``KeyboardActions``) or, where there is none
///   (CartPole), the last one pressed. Space pauses, `+` and `−` change the speed.
///
/// In both, `r` restarts the episode and `q`, Escape or closing the window quits. When an
/// episode ends its last frame stays, and the next key press starts the next episode.
public struct PlaySession {
    /// How the environment advances.
    public enum Style: Equatable, Sendable {
        /// One step per key press.
        case turnByTurn
        /// One step per frame, with the held or last direction.
        case realTime
    }

    /// The window.
    public let destination: any FrameDestination
    /// The environment's name, first in the status bar.
    public let title: String
    /// The style, or `nil` to choose from the observation space.
    public var style: Style?
    /// The longest an episode may run, for environments without a time limit.
    public var maxStepsPerEpisode: Int

    public init(destination: any FrameDestination, title: String, style: Style? = nil, maxStepsPerEpisode: Int = 100_000) {
        self.destination = destination
        self.title = title
        self.style = style
        self.maxStepsPerEpisode = maxStepsPerEpisode
    }

    /// The style for an environment: turn by turn when its observations are finite.
    public static func defaultStyle(for environment: some Environment) -> Style {
        environment.observationSpace.isFinite ? .turnByTurn : .realTime
    }

    /// The keys for an environment's actions (see ``KeyboardActions``: a finite action space,
    /// or the three pushes of a bounded one-dimensional box).
    ///
    /// - Throws: ``ViewerError/unsupportedEnvironment(_:)`` when its actions are neither.
    public static func controls(for environment: some Environment) throws -> KeyboardControls {
        let actions = try keyboardActions(for: environment)
        return KeyboardControls(actionCount: actions.count, actionNames: actions.names, actionLetters: actions.letters,
                                idleAction: actions.idleAction)
    }

    static func keyboardActions<Played: Environment>(for environment: Played) throws -> KeyboardActions<Played.Action> {
        guard let actions = KeyboardActions(for: environment) else {
            throw ViewerError.unsupportedEnvironment(
                "cannot play with keys: the actions \(environment.actionSpace) are neither a finite set nor a bounded one-dimensional box")
        }
        return actions
    }

    /// Lets the person play until they have finished `episodes` episodes or quit, and returns
    /// how the finished ones ended.
    ///
    /// - Throws: ``ViewerError/unsupportedEnvironment(_:)`` when the destination is not real
    ///   time (nobody could press keys), the actions cannot be reached by keys, or `episodes`
    ///   is below 1; ``ViewerError`` when a frame cannot be shown; what the environment throws.
    public func run<Played: Environment>(_ environment: inout Played, episodes: Int, seed: UInt64?) throws -> [EpisodeOutcome] {
        guard destination.isRealTime else {
            throw ViewerError.unsupportedEnvironment("playing needs a window that takes key presses")
        }
        guard episodes >= 1, maxStepsPerEpisode >= 1 else {
            throw ViewerError.unsupportedEnvironment("playing needs at least 1 episode of at least 1 step")
        }
        let controls = try Self.controls(for: environment)
        let actions = try Self.keyboardActions(for: environment)
        let style = style ?? Self.defaultStyle(for: environment)
        var pacer = try FramePacer(framesPerSecond: Double(environment.framesPerSecond))
        var driver = EpisodeDriver(environment: environment, seed: seed, maxStepsPerEpisode: maxStepsPerEpisode)
        defer { environment = driver.environment }
        var outcomes: [EpisodeOutcome] = []
        let clock = ContinuousClock()

        // Real time: the actions of the direction keys held down (the latest last), the last
        // action pressed, whether the episode waits for its first key, and whether it is paused.
        var heldActions: [Int] = []
        var lastAction: Int?
        var isWaitingForKey = true
        var isPaused = false
        var nextFrame = clock.now

        func show() throws {
            let prompt = driver.isOver ? (outcomes.count < episodes ? "a key plays again" : nil)
                : style == .realTime && isWaitingForKey ? "press \(controls.hint) to start" : nil
            let speed = style == .realTime && pacer.speedExponent != 0 ? pacer.speedDescription : nil
            try destination.show(driver.environment, status: driver.status(
                environment: title, player: nil, isPaused: isPaused && !driver.isOver, speed: speed, prompt: prompt))
        }
        /// Plays `action` and shows the result; records the outcome when the episode ends.
        func play(_ action: Int) throws {
            guard let element = actions.action(action) else { return }
            if let outcome = try driver.apply(element) {
                outcomes.append(outcome)
                isWaitingForKey = true
            }
            try show()
        }

        try show()
        while true {
            let isStepping = style == .realTime && !isWaitingForKey && !isPaused && !driver.isOver
            let events = destination.waitForEvents(until: isStepping ? nextFrame : nil)
            for event in events {
                if event.isQuitRequest { return outcomes }
                if case .keyUp(let key) = event, let action = controls.action(for: key),
                   let index = heldActions.lastIndex(of: action) {
                    heldActions.remove(at: index)
                }
                guard case .keyDown(let key) = event else { continue }
                if key == .letter("r") {
                    driver.restartEpisode()
                    (isWaitingForKey, isPaused, heldActions) = (true, false, [])
                    try show()
                } else if driver.isOver {
                    // The finished episode's last frame stays until a key asks for the next.
                    guard outcomes.count < episodes else { return outcomes }
                    driver.beginNextEpisode()
                    (isWaitingForKey, isPaused, heldActions) = (true, false, [])
                    try show()
                } else if let action = controls.action(for: key) {
                    lastAction = action
                    if style == .turnByTurn {
                        try play(action)
                    } else {
                        heldActions.append(action)
                        if isWaitingForKey {
                            isWaitingForKey = false
                            nextFrame = clock.now
                        }
                    }
                } else if style == .realTime && key == .space && !isWaitingForKey {
                    isPaused.toggle()
                    nextFrame = clock.now + pacer.frameInterval
                    try show()
                } else if style == .realTime && pacer.handle(key) {
                    try show()
                }
            }
            guard style == .realTime, !isWaitingForKey, !isPaused, !driver.isOver, clock.now >= nextFrame,
                  let action = heldActions.last ?? controls.idleAction ?? lastAction else { continue }
            try play(action)
            nextFrame = max(nextFrame + pacer.frameInterval, clock.now)
        }
    }
}
