import Foundation
import RL
import RLViewer

/// `rl watch` and `rl play` in an SDL window, recorded to a GIF or PNG frames, or in the
/// terminal, through the viewer library's sessions (RLViewer).
///
/// Where the episodes go (``target(render:recording:scale:recordingPace:keysFromPipe:firstFrame:title:)``):
///
/// - `--record FILE.gif`: an animated GIF; `--record DIR`: PNG frames `DIR/frame-000001.png`, …;
///   both painted offscreen with the status bar, no display needed.
/// - `--render sdl`: a window, or one clear error line when there is no display.
/// - `--render ansi`: the terminal.
/// - neither: a window when there is a display; otherwise the terminal, after a one-line notice
///   on standard error. `rl play` with keys coming from a pipe stays in the terminal silently,
///   as the keys would not reach a window.
enum WindowViewing {
    /// Where the episodes of one command go.
    enum Target {
        /// The command's own text display.
        case terminal
        /// An open window, or a recorder.
        case viewer(any FrameDestination)
    }

    /// The keys of a watched window or terminal, for a line on standard error.
    static let watchKeys = "space pauses, → steps while paused, + and − change the speed, r restarts the episode, q quits"

    /// Chooses where episodes go and opens the window or the recording.
    ///
    /// - Parameters:
    ///   - render: `--render` as given, `nil` when left out.
    ///   - recording: `--record`, when given.
    ///   - scale: `--scale`, when given (else the picture's default scale).
    ///   - recordingPace: frames per second of a GIF.
    ///   - keysFromPipe: whether keys come from redirected standard input (`rl play`).
    ///   - firstFrame: the environment's picture, for the window's size.
    ///   - title: the window's first title.
    /// - Throws: ``CommandFailure`` for `--render sdl` without a display; the viewer's errors
    ///   for a window SDL cannot open, or a GIF or folder that cannot be written.
    static func target(render: RenderMode?, recording: RecordingTarget?, scale: Double?, recordingPace: Double,
                       keysFromPipe: Bool, firstFrame: Drawing, title: String) throws -> Target {
        let scale = scale ?? FrameLayout.defaultScale(drawingWidth: firstFrame.width, drawingHeight: firstFrame.height)
        switch recording {
        case .gif(let path)?:
            return .viewer(try GIFRecorder(path: path, framesPerSecond: recordingPace, scale: scale))
        case .frames(let folder)?:
            return .viewer(try FrameRecorder(directory: URL(fileURLWithPath: folder), scale: scale))
        case nil:
            break
        }
        func window() throws -> ViewerWindow {
            let layout = try FrameLayout(drawingWidth: firstFrame.width, drawingHeight: firstFrame.height, scale: scale)
            return try ViewerWindow(title: title, width: layout.width, height: layout.height)
        }
        switch render {
        case .ansi?:
            return .terminal
        case .sdl?:
            if let reason = VideoSubsystem.missingDisplayReason() {
                throw CommandFailure("--render sdl needs a display, but \(reason); use --render ansi, or --record FILE.gif to record the episodes")
            }
            return .viewer(try window())
        case nil:
            if keysFromPipe { return .terminal }
            do {
                if let reason = VideoSubsystem.missingDisplayReason() { throw ViewerError.noDisplay(reason) }
                return .viewer(try window())
            } catch ViewerError.noDisplay(let reason) {
                StandardError.writeLine("rl: no display for a window (\(reason)); showing the episodes as text")
                return .terminal
            }
        }
    }

    /// Plays `episodes` greedy episodes of `agent` on `destination` (the keys of the window or
    /// terminal work), at `framesPerSecond` (`0`: as fast as possible).
    ///
    /// - Throws: what the agent, the environment and the viewer throw.
    static func watch(
        _ agent: any Agent, on environment: inout any Environment, destination: any FrameDestination,
        title: String, episodes: Int, framesPerSecond: Double, seed: UInt64
    ) throws -> [PlayedEpisode] {
        func watch<A: Agent, E: Environment>(_ agent: A, _ environment: inout E) throws -> [EpisodeOutcome] {
            // Breaks ties between equally good actions, as evaluation does.
            var generator = SeededGenerator(seed: seed)
            // The policy reads the spaces, not the environment, which the session holds.
            let observationSpace = environment.observationSpace
            let actionSpace = environment.actionSpace
            let session = WatchSession(destination: destination, title: title, player: A.name)
            return try session.run(&environment, episodes: episodes, seed: seed,
                                   framesPerSecond: framesPerSecond > 0 ? framesPerSecond : .infinity) { observation in
                try agent.action(for: observation, in: observationSpace, using: &generator).element(of: actionSpace, agent: A.name)
            }
        }
        return try watch(agent, &environment).map(PlayedEpisode.init(viewed:))
    }

    /// Lets the person play in `window` until they quit or finish `episodes` (all when `nil`).
    ///
    /// - Throws: the viewer's errors (actions no key reaches) and the environment's.
    static func play(
        _ environment: inout any Environment, window: any FrameDestination, title: String, episodes: Int?, seed: UInt64
    ) throws -> [PlayedEpisode] {
        func play<E: Environment>(_ environment: inout E) throws -> [EpisodeOutcome] {
            let controls = try PlaySession.controls(for: environment)
            StandardError.writeLine("Keys: \(controls.hint); r restarts the episode, q quits.")
            return try PlaySession(destination: window, title: title).run(&environment, episodes: episodes ?? .max, seed: seed)
        }
        return try play(&environment).map(PlayedEpisode.init(viewed:))
    }

    /// Completes a recording (a GIF is written when finished) and says in one line what was
    /// written: `Wrote runs/cartpole.gif: 313 frames of 600x446 pixels, 6.3 s, 212 kB.` or
    /// `Wrote 42 frames to frames (frame-000001.png … frame-000042.png).`, naming the folder as
    /// `--record` gave it; `nil` for a window.
    ///
    /// - Throws: the recorder's error when the GIF cannot be completed.
    static func finishRecording(_ destination: any FrameDestination, recordedTo given: String?) throws -> String? {
        if let recorder = destination as? GIFRecorder {
            try recorder.finish()
            let bytes = (try? FileManager.default.attributesOfItem(atPath: recorder.path)[.size] as? Int) ?? 0
            let size = recorder.frameSize.map { " of \($0.width)x\($0.height) pixels" } ?? ""
            return "Wrote \(recorder.path): \(NumberText.count(recorder.frameCount)) frame\(recorder.frameCount == 1 ? "" : "s")\(size), "
                + "\(NumberText.fixed(recorder.recordedSeconds, 1)) s, \(NumberText.count((bytes + 512) / 1024)) kB."
        }
        guard let recorder = destination as? FrameRecorder else { return nil }
        let folder = given ?? recorder.directory.path
        guard recorder.frameCount > 0 else { return "Wrote no frame to \(folder)." }
        let first = recorder.fileURL(forFrame: 1).lastPathComponent
        let last = recorder.fileURL(forFrame: recorder.frameCount).lastPathComponent
        return "Wrote \(recorder.frameCount) frame\(recorder.frameCount == 1 ? "" : "s") to \(folder) (\(first) … \(last))."
    }
}

extension PlayedEpisode {
    /// An episode as the viewer's loops report it.
    init(viewed: EpisodeOutcome) {
        self.init(number: viewed.episode, steps: viewed.length, totalReturn: viewed.totalReward,
                  terminated: viewed.terminated, truncated: viewed.truncated, succeeded: viewed.succeeded)
    }
}
