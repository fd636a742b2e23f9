import Foundation
import RLCore
import RLEnvironments
import Testing
import RLViewer

extension SDLSuite {
    /// Recording episodes to BMP files, offscreen.
    @Suite struct FrameRecorderTests {
        func temporaryDirectory() -> URL {
            FileManager.default.temporaryDirectory.appendingPathComponent("viewer-frames-\(UUID().uuidString)")
        }

        @Test func everyFrameOfTheEpisodesBecomesAFile() throws {
            let directory = temporaryDirectory().appendingPathComponent("nested")
            defer { try? FileManager.default.removeItem(at: directory.deletingLastPathComponent()) }
            let recorder = try FrameRecorder(directory: directory)
            var lake = try FrozenLake(isSlippery: false)
            // Right, right, down, down, down, right reaches the goal.
            var plan = [2, 2, 1, 1, 1, 2]
            let outcomes = try WatchSession(destination: recorder, title: "FrozenLake-v1")
                .run(&lake, episodes: 1, seed: 0) { _ in plan.removeFirst() }
            #expect(outcomes == [EpisodeOutcome(episode: 1, totalReward: 1, length: 6, terminated: true, truncated: false, succeeded: true)])
            let files = try FileManager.default.contentsOfDirectory(atPath: directory.path).sorted()
            #expect(files == (1...7).map { String(format: "frame-%06d.bmp", $0) })
            #expect(recorder.frameCount == 7)
            // The last frame shows the agent on the goal: a 256 × 256 24-bit BMP.
            let bytes = [UInt8](try Data(contentsOf: recorder.fileURL(forFrame: 7)))
            #expect(bytes.count == 54 + 256 * 256 * 3)
            // Bottom-up rows: the goal tile's centre (224, 224) is row 255 - 224 from the start.
            let offset = 54 + (255 - 224) * 256 * 3 + 224 * 3
            #expect(Array(bytes[offset..<(offset + 3)]) == [40, 60, 200])
        }

        @Test func aFileInTheWayIsAClearError() throws {
            let file = temporaryDirectory()
            defer { try? FileManager.default.removeItem(at: file) }
            try Data("x".utf8).write(to: file)
            #expect(throws: ViewerError.cannotWriteImage(path: file.path, reason: "it is a file, not a directory")) {
                try FrameRecorder(directory: file)
            }
        }
    }
}
