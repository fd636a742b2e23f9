import CGIFLib
import Foundation
import Testing

#if canImport(Glibc)
import Glibc
#elseif canImport(Darwin)
import Darwin
#endif

@Suite("rl watch --record and --scale")
struct RecordCommandTests {
    /// A GIF's screen size and number of frames, as giflib reads them.
    func gifFrames(at path: String) throws -> (width: Int, height: Int, frames: Int) {
        var error: Int32 = 0
        let gif = try #require(DGifOpenFileName(path, &error), "giflib cannot open \(path)")
        defer { DGifCloseFile(gif, &error) }
        try #require(DGifSlurp(gif) == GIF_OK, "giflib cannot read \(path)")
        return (Int(gif.pointee.SWidth), Int(gif.pointee.SHeight), Int(gif.pointee.ImageCount))
    }

    @Test("a GIF of the trained agent: a frame per reset and step, the lake at twice its size with the status bar")
    func gif() throws {
        let folder = try TemporaryFolder()
        let run = try TrainedRuns.qTable(in: folder)
        let result = try RLProcess.run(["watch", run, "--episodes", "2", "--record", "lake.gif"], in: folder.url)
        #expect(result.status == 0, "\(result.standardError)")
        // Two episodes of six steps: 14 frames, a quarter of a second each, the goal half a second.
        #expect(result.standardOutput.contains("played 2 episodes on FrozenLake-v1 (slippery=false): returns 1, 1; reached the goal in 2 of 2."))
        #expect(result.standardOutput.contains("Wrote lake.gif: 14 frames of 512x558 pixels, 4.0 s, "))
        let gif = try gifFrames(at: folder.path("lake.gif"))
        #expect(gif.width == 512 && gif.height == 558 && gif.frames == 14)
        #expect(try folder.contents() == ["lake.gif", "run"])
    }

    @Test("--scale sets the frame size; a folder gets PNG frames")
    func pngFrames() throws {
        let folder = try TemporaryFolder()
        let result = try RLProcess.run(["watch", "random", "cartpole", "--episodes", "1", "--seed", "4", "--scale", "0.5",
                                        "--record", "frames"], in: folder.url)
        #expect(result.status == 0, "\(result.standardError)")
        // A frame per reset and step, 300 pixels wide: the text of the bar at size 1.
        let files = try folder.contents("frames")
        #expect(result.standardOutput.contains("Wrote \(files.count) frames to frames (frame-000001.png … "))
        let bytes = [UInt8](try Data(contentsOf: folder.url.appendingPathComponent("frames/\(files[0])")))
        func integer(at offset: Int) -> Int { bytes[offset..<(offset + 4)].reduce(0) { $0 << 8 | Int($1) } }
        #expect(integer(at: 16) == 300 && integer(at: 20) == 200 + 23)
    }

    @Test("PNG frames are PNG files of the scaled size")
    func pngFiles() throws {
        let folder = try TemporaryFolder()
        let result = try RLProcess.run(["watch", "random", "frozenlake", "--no-slippery", "--episodes", "1", "--scale", "1",
                                        "--record", "frames/"], in: folder.url)
        #expect(result.status == 0, "\(result.standardError)")
        let files = try folder.contents("frames")
        #expect(!files.isEmpty && files.first == "frame-000001.png")
        let bytes = [UInt8](try Data(contentsOf: folder.url.appendingPathComponent("frames/frame-000001.png")))
        #expect(bytes.starts(with: [0x89, 0x50, 0x4E, 0x47]))
        // IHDR: width and height, big-endian, at bytes 16 and 20: 256 wide, the lake and a 23-pixel bar.
        func integer(at offset: Int) -> Int { bytes[offset..<(offset + 4)].reduce(0) { $0 << 8 | Int($1) } }
        #expect(integer(at: 16) == 256 && integer(at: 20) == 256 + 23)
    }

    @Test("bad input: an unwritable GIF path, --scale 0, a path that is neither .gif nor a folder")
    func badInput() throws {
        let folder = try TemporaryFolder()
        try Data("notes".utf8).write(to: folder.url.appendingPathComponent("notes.txt"))
        let cases: [(arguments: [String], status: Int32, line: String)] = [
            (["watch", "random", "frozenlake", "--record", "missing-folder/lake.gif"], 1,
             "rl: error: cannot write the image missing-folder/lake.gif: No such file or directory"),
            (["watch", "random", "frozenlake", "--scale", "0"], 64, "rl: error: --scale must be above 0 and at most 16, got 0"),
            (["watch", "random", "frozenlake", "--scale", "-2", "--record", "x.gif"], 64, "rl: error: --scale must be above 0 and at most 16, got -2"),
            (["play", "frozenlake", "--scale", "100"], 64, "rl: error: --scale must be above 0 and at most 16, got 100"),
            (["watch", "random", "frozenlake", "--record", "episode.mp4"], 64,
             "rl: error: --record takes FILE.gif (an animated GIF) or a folder for PNG frames, got 'episode.mp4'"),
            (["watch", "random", "frozenlake", "--record", "notes.txt"], 64,
             "rl: error: --record takes FILE.gif (an animated GIF) or a folder for PNG frames, got 'notes.txt'"),
        ]
        for (arguments, status, line) in cases {
            let result = try RLProcess.run(arguments, in: folder.url)
            #expect(result.status == status, "\(arguments)")
            #expect(result.errorLines == [line], "\(arguments)")
            #expect(result.standardOutput.isEmpty, "\(arguments)")
        }
        // Nothing was written: no GIF, no temporary file, no folder.
        #expect(try folder.contents() == ["notes.txt"])
    }

    @Test("Ctrl-C ends a recording with the frames so far, and the GIF is whole")
    func interrupted() throws {
        let folder = try TemporaryFolder()
        // A random walk on CliffWalking has no time limit: it records until stopped.
        let running = try RLProcess.start(["watch", "random", "cliffwalking", "--record", "walk.gif"], in: folder.url)
        #expect(running.wait(upTo: 60) { (try? folder.contents().contains { $0.hasSuffix(".partial") }) == true })
        kill(running.process.processIdentifier, SIGINT)
        let result = try running.finish(within: 60)
        #expect(result.status == 0, "\(result.standardError)")
        #expect(result.standardOutput.hasPrefix("The untrained random agent played no complete episode on CliffWalking-v1.\nWrote walk.gif: "))
        #expect(try folder.contents() == ["walk.gif"])
        #expect(try gifFrames(at: folder.path("walk.gif")).frames >= 1)
    }
}
