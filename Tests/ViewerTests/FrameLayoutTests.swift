import RLCore
import Testing
@testable import RLViewer

/// Where the picture and the status bar go, at any size, and what the bar shows.
struct FrameLayoutTests {
    static let bar = Color(red: 32, green: 34, blue: 40)

    @Test func aScaleMakesTheFrameThePictureTimesTheScaleWithTheBarBelow() throws {
        let layout = try FrameLayout(drawingWidth: 256, drawingHeight: 256, scale: 2)
        #expect((layout.width, layout.height) == (512, 512 + 46))
        #expect(layout.picture == PixelRectangle(x: 0, y: 0, width: 512, height: 512))
        #expect(layout.transform == PictureTransform(scale: 2))
        #expect(layout.statusBar == PixelRectangle(x: 0, y: 512, width: 512, height: 46))
        // The same size laid out again (a window of that size) is the same layout.
        #expect(try FrameLayout(width: 512, height: 558, drawingWidth: 256, drawingHeight: 256) == layout)
    }

    @Test func theBarsTextGrowsWithTheWidth() throws {
        #expect([200, 399, 400, 1_099, 1_100, 3_000].map(FrameLayout.textPixelSize(forWidth:)) == [1, 1, 2, 2, 3, 3])
        #expect(try FrameLayout(drawingWidth: 256, drawingHeight: 256, scale: 1).statusBar.height == 23)
        #expect(try FrameLayout(drawingWidth: 600, drawingHeight: 400, scale: 2).statusBar.height == 69)
    }

    @Test func smallPicturesOpenAtAComfortableSize() {
        #expect(FrameLayout.defaultScale(drawingWidth: 256, drawingHeight: 256) == 2)     // FrozenLake 4x4
        #expect(FrameLayout.defaultScale(drawingWidth: 512, drawingHeight: 512) == 1)     // FrozenLake 8x8
        #expect(FrameLayout.defaultScale(drawingWidth: 768, drawingHeight: 256) == 1)     // CliffWalking
        #expect(FrameLayout.defaultScale(drawingWidth: 600, drawingHeight: 400) == 1)     // CartPole
        #expect(FrameLayout.defaultScale(drawingWidth: 100, drawingHeight: 50) == 5)
    }

    @Test func badScalesAndFramesTooSmallForABarAreErrors() {
        #expect(throws: ViewerError.self) { try FrameLayout(drawingWidth: 256, drawingHeight: 256, scale: 0) }
        #expect(throws: ViewerError.self) { try FrameLayout(drawingWidth: 256, drawingHeight: 256, scale: -1) }
        #expect(throws: ViewerError.self) { try FrameLayout(drawingWidth: 600, drawingHeight: 400, scale: 100) }
        #expect(throws: ViewerError.self) { try FrameLayout(width: 300, height: 20, drawingWidth: 600, drawingHeight: 400) }
    }

    @Test func theStatusBarIsReadableEvenOnASmallFrame() throws {
        // A 256-pixel frame (FrozenLake at scale 1): text of 1 pixel a font pixel, and the
        // whole heading fits, unabridged.
        let status = ViewerStatus(environment: "FrozenLake-v1 (slippery=false)", player: "qtable", episode: 12, step: 100,
                                  totalReward: -12.5, isPaused: true, speed: "1/2x")
        let fitted = StatusBar.fitted(status.heading.uppercased(), right: nil, width: 256 - 6, largest: 1)
        #expect(fitted.size == 1 && fitted.left == "FROZENLAKE-V1 (SLIPPERY=FALSE) · QTABLE")
        // A line too long for its size is drawn smaller rather than cut, and cut only below size 1.
        #expect(StatusBar.fitted("EPISODE 12  STEP 100  RETURN -12.5", right: "PAUSED · 1/2X", width: 400, largest: 2).size == 1)
        let cut = StatusBar.fitted(String(repeating: "X", count: 100), right: nil, width: 120, largest: 2)
        #expect(cut.size == 1 && cut.left.hasSuffix("…") && TextRaster(pixelSize: 1).width(of: cut.left) <= 120)

        let canvas = OffscreenCanvas()
        try canvas.render(Drawing(width: 256, height: 256), status: status, scale: 1)
        let image = try canvas.image()
        // The bar is dark, with light heading text in it.
        #expect(image[x: 1, y: 256 + 1] == Self.bar)
        #expect(image.count(of: StatusBar.headingColor) > 100)
        #expect(image.count(of: StatusBar.paceColor) > 20)
    }

    @Test func anEndingTurnsTheBarAndThePicturesFrameItsColour() throws {
        let canvas = OffscreenCanvas()
        func frame(_ ending: EpisodeEnding?) throws -> PixelImage {
            try canvas.render(Drawing(width: 300, height: 200), status: ViewerStatus(
                environment: "T", episode: 1, step: 3, totalReward: 0, ending: ending), scale: 1)
            return try canvas.image()
        }
        let failure = try frame(EpisodeEnding(words: "fell into a hole", isSuccess: false))
        #expect(failure[x: 1, y: 201] == StatusBar.background(for: EpisodeEnding(words: "", isSuccess: false)))
        #expect(failure[x: 0, y: 0] == Color(red: 225, green: 60, blue: 50) && failure[x: 150, y: 100] == .white)
        let success = try frame(EpisodeEnding(words: "reached the goal", isSuccess: true))
        #expect(success[x: 299, y: 199] == Color(red: 60, green: 190, blue: 90))
        let running = try frame(nil)
        #expect(running[x: 0, y: 0] == .white && running[x: 1, y: 201] == Self.bar)
    }

    @Test func theTitleIsShortAndTheLineHasEverything() {
        let status = ViewerStatus(environment: "Taxi-v4", player: "qtable", episode: 3, step: 11, totalReward: 9.5, isPaused: true,
                                  speed: "4x", ending: EpisodeEnding(words: "delivered the passenger", isSuccess: true))
        #expect(status.windowTitle == "Taxi-v4 · qtable · episode 3")
        #expect(status.line == "Taxi-v4 · qtable · episode 3 · step 11 · return 9.5 · paused · 4x · delivered the passenger")
        #expect(status.counts == "episode 3  step 11  return 9.5" && status.pace == "paused · 4x")
    }
}
