import Foundation
import RLCore
import RLEnvironments
import Testing
import RLViewer

extension SDLSuite {
    /// Recording episodes offscreen: PNG frames through libpng, animated GIFs through giflib,
    /// read back with the same libraries and compared with the offscreen canvas.
    @Suite struct RecordingTests {
        func temporaryDirectory() -> URL {
            FileManager.default.temporaryDirectory.appendingPathComponent("viewer-frames-\(UUID().uuidString)")
        }

        /// Right, right, down, down, down, right: the deterministic lake's way to the goal.
        func walkToTheGoal(into destination: any FrameDestination) throws -> [EpisodeOutcome] {
            var lake = try FrozenLake(isSlippery: false)
            var plan = [2, 2, 1, 1, 1, 2]
            return try WatchSession(destination: destination, title: "FrozenLake-v1", player: "plan")
                .run(&lake, episodes: 1, seed: 0) { _ in plan.removeFirst() }
        }

        /// The frame the offscreen canvas paints for the lake after `actions`, with `status`.
        func canvasFrame(after actions: [Int], status: ViewerStatus, scale: Double) throws -> PixelImage {
            var lake = try FrozenLake(isSlippery: false)
            _ = lake.reset(seed: 0)
            for action in actions { _ = try lake.step(action) }
            let canvas = OffscreenCanvas()
            try canvas.render(lake.drawing(), status: status, scale: scale)
            return try canvas.image()
        }

        @Test func everyFrameOfTheEpisodesBecomesAPNGFile() throws {
            let directory = temporaryDirectory().appendingPathComponent("nested")
            defer { try? FileManager.default.removeItem(at: directory.deletingLastPathComponent()) }
            let recorder = try FrameRecorder(directory: directory, scale: 1.5)
            let outcomes = try walkToTheGoal(into: recorder)
            #expect(outcomes == [EpisodeOutcome(episode: 1, totalReward: 1, length: 6, terminated: true, truncated: false, succeeded: true)])
            let files = try FileManager.default.contentsOfDirectory(atPath: directory.path).sorted()
            #expect(files == (1...7).map { String(format: "frame-%06d.png", $0) })
            #expect(recorder.frameCount == 7)
            // The last frame, read with libpng, is the canvas's frame: the agent on the goal,
            // the status bar saying so.
            let ending = EpisodeEnding(words: "reached the goal", isSuccess: true)
            let expected = try canvasFrame(after: [2, 2, 1, 1, 1, 2], status: ViewerStatus(
                environment: "FrozenLake-v1", player: "plan", episode: 1, step: 6, totalReward: 1, ending: ending), scale: 1.5)
            let last = try DecodedImages.png(at: recorder.fileURL(forFrame: 7).path)
            #expect((last.width, last.height) == (384, 384 + 23))   // narrower than 400: the bar's text at size 1
            #expect(last.differences(from: expected).pixels == 0)
        }

        @Test func aFileInTheWayIsAClearError() throws {
            let file = temporaryDirectory()
            defer { try? FileManager.default.removeItem(at: file) }
            try Data("x".utf8).write(to: file)
            #expect(throws: ViewerError.cannotWriteImage(path: file.path, reason: "it is a file, not a directory")) {
                try FrameRecorder(directory: file)
            }
        }

        @Test func aGIFHoldsTheEpisodeFrameForFrameAtItsPace() throws {
            let directory = temporaryDirectory()
            try FileManager.default.createDirectory(at: directory, withIntermediateDirectories: true)
            defer { try? FileManager.default.removeItem(at: directory) }
            let path = directory.appendingPathComponent("lake.gif").path
            let recorder = try GIFRecorder(path: path, framesPerSecond: 4, scale: 2)
            _ = try walkToTheGoal(into: recorder)
            // Nothing appears until the recording is finished.
            #expect(!FileManager.default.fileExists(atPath: path))
            try recorder.finish()
            #expect(try FileManager.default.contentsOfDirectory(atPath: directory.path) == ["lake.gif"])

            let animation = try DecodedImages.gif(at: path)
            #expect((animation.width, animation.height) == (512, 512 + 46))
            #expect(animation.frames.count == 7 && recorder.frameCount == 7)
            #expect(animation.loops)
            // A quarter of a second a step at 4 frames a second; the goal stays half a second.
            #expect(animation.frames.map(\.centiseconds) == [25, 25, 25, 25, 25, 25, 50])
            #expect(recorder.recordedSeconds == 2)
            // The lake has more than 256 colours (the blends of its anti-aliased edges): the
            // frequent ones are exact, the rare blends take their nearest palette colour.
            let first = try canvasFrame(after: [], status: ViewerStatus(
                environment: "FrozenLake-v1", player: "plan", episode: 1, step: 0, totalReward: 0), scale: 2)
            #expect(Set(first.pixels).count > 256)
            let difference = animation.frames[0].image.differences(from: first)
            #expect(difference.pixels < first.pixels.count / 200 && difference.largest <= 48, "\(difference)")
            let last = try canvasFrame(after: [2, 2, 1, 1, 1, 2], status: ViewerStatus(
                environment: "FrozenLake-v1", player: "plan", episode: 1, step: 6, totalReward: 1,
                ending: EpisodeEnding(words: "reached the goal", isSuccess: true)), scale: 2)
            #expect(animation.frames[6].image.differences(from: last).pixels < last.pixels.count / 200)
        }

        @Test func aGIFOfCartPoleDecodesToTheCanvasFrames() throws {
            let directory = temporaryDirectory()
            try FileManager.default.createDirectory(at: directory, withIntermediateDirectories: true)
            defer { try? FileManager.default.removeItem(at: directory) }
            let path = directory.appendingPathComponent("cartpole.gif").path
            let recorder = try GIFRecorder(path: path, framesPerSecond: 50)
            var cartPole = CartPole()
            let outcomes = try WatchSession(destination: recorder, title: "CartPole-v1")
                .run(&cartPole, episodes: 1, seed: 3) { _ in 1 }
            try recorder.finish()
            let animation = try DecodedImages.gif(at: path)
            #expect(animation.frames.count == outcomes[0].length + 1)
            #expect((animation.width, animation.height) == (600, 400 + 46))
            // 2 hundredths a frame at 50 a second, and half a second on the last.
            #expect(animation.frames.dropLast().allSatisfy { $0.centiseconds == 2 } && animation.frames.last?.centiseconds == 50)
            var reference = CartPole()
            _ = reference.reset(seed: 3)
            let canvas = OffscreenCanvas()
            try canvas.render(reference.drawing(), status: ViewerStatus(environment: "CartPole-v1", episode: 1, step: 0, totalReward: 0), scale: 1)
            // CartPole's frame has few enough colours for an exact palette: pixel for pixel.
            let first = try canvas.image()
            #expect(Set(first.pixels).count <= 256)
            #expect(animation.frames[0].image.differences(from: first).pixels == 0)
        }

        @Test func framesWithMoreThan256ColoursAreReducedCloseToTheOriginal() throws {
            // A gradient of about 500 distinct colours in one frame: the palette holds 256 of them.
            struct Rainbow: Environment {
                let observationSpace = Discrete(1)
                let actionSpace = Discrete(1)
                mutating func reset(seed: UInt64?) -> Int { 0 }
                mutating func step(_ action: Int) throws -> StepResult<Int> { StepResult(observation: 0, reward: 0, terminated: true) }
                func drawing() -> Drawing {
                    var stripes: [Drawing.Shape] = []
                    for index in 0..<600 {
                        let red = UInt8(index * 255 / 599)
                        let color = Color(red: red, green: UInt8(100 + (index % 2) * 12), blue: 255 - red)
                        stripes.append(.rectangle(Rectangle(x: Double(index), y: 0, width: 1, height: 40), color: color))
                    }
                    return Drawing(width: 600, height: 40, shapes: stripes)
                }
            }
            let directory = temporaryDirectory()
            try FileManager.default.createDirectory(at: directory, withIntermediateDirectories: true)
            defer { try? FileManager.default.removeItem(at: directory) }
            let path = directory.appendingPathComponent("rainbow.gif").path
            let recorder = try GIFRecorder(path: path, framesPerSecond: 10)
            var rainbow = Rainbow()
            _ = try WatchSession(destination: recorder, title: "Rainbow").run(&rainbow, episodes: 1, seed: nil) { _ in 0 }
            try recorder.finish()
            let animation = try DecodedImages.gif(at: path)
            let canvas = OffscreenCanvas()
            try canvas.render(rainbow.drawing(), status: ViewerStatus(environment: "Rainbow", episode: 1, step: 0, totalReward: 0), scale: 1)
            let original = try canvas.image()
            #expect(Set(original.pixels).count > 256)
            let decoded = animation.frames[0].image
            #expect(Set(decoded.pixels).count <= 256)
            // 256 stripes keep their colour, the others take the nearest: each pixel lands near its colour.
            let errors = zip(original.pixels, decoded.pixels).map { a, b in
                max(abs(Int(a.red) - Int(b.red)), abs(Int(a.green) - Int(b.green)), abs(Int(a.blue) - Int(b.blue)))
            }
            let worst = errors.max() ?? 0, mean = Double(errors.reduce(0, +)) / Double(errors.count)
            #expect(worst <= 16 && mean <= 8, "channels off by \(worst) at worst, \(mean) on average")
        }

        @Test func anUnwritableGIFPathIsAClearErrorAndNothingIsLeftBehind() throws {
            #expect {
                try GIFRecorder(path: "/nonexistent-directory/episode.gif", framesPerSecond: 4)
            } throws: { error in
                guard case ViewerError.cannotWriteImage(let path, let reason) = error else { return false }
                return path == "/nonexistent-directory/episode.gif" && reason == "No such file or directory"
            }
            let directory = temporaryDirectory()
            try FileManager.default.createDirectory(at: directory, withIntermediateDirectories: true)
            defer { try? FileManager.default.removeItem(at: directory) }
            do {
                // A recorder dropped without finishing leaves no file, not even its temporary one.
                let recorder = try GIFRecorder(path: directory.appendingPathComponent("dropped.gif").path, framesPerSecond: 4)
                #expect(throws: ViewerError.self) { try recorder.finish() }   // no frame was recorded
            }
            _ = try GIFRecorder(path: directory.appendingPathComponent("dropped.gif").path, framesPerSecond: 4)
            #expect(try FileManager.default.contentsOfDirectory(atPath: directory.path).isEmpty)
            #expect(throws: ViewerError.self) { try GIFRecorder(path: directory.appendingPathComponent("x.gif").path, framesPerSecond: 0) }
        }
    }
}
