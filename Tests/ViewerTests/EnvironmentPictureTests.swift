import Foundation
import RLCore
import RLEnvironments
import Testing
@testable import RLViewer

extension SDLSuite {
    /// The built-in environments' pictures, drawn offscreen and checked where things must be.
    @Suite struct EnvironmentPictureTests {
        static let pole = Color(red: 202, green: 152, blue: 101)
        static let axle = Color(red: 129, green: 132, blue: 203)
        static let hat = Color(red: 200, green: 60, blue: 40)
        static let hole = Color(red: 25, green: 55, blue: 110)
        static let holeDepth = Color(red: 12, green: 30, blue: 70)
        static let flag = Color(red: 250, green: 205, blue: 60)
        static let start = Color(red: 180, green: 210, blue: 235)
        static let ice = Color(red: 210, green: 235, blue: 250)
        static let label = Color(red: 20, green: 20, blue: 20)
        static let gridLine = Color(red: 150, green: 185, blue: 215)
        static let ripple = Color(red: 190, green: 225, blue: 245)

        func picture(of environment: some Environment) throws -> PixelImage {
            let canvas = OffscreenCanvas()
            try canvas.render(environment.drawing())
            return try canvas.image()
        }

        func cartPole(position: Double, angle: Double) throws -> PixelImage {
            var environment = CartPole()
            environment.setState(CartPole.State(cartPosition: position, cartVelocity: 0, poleAngle: angle, poleAngularVelocity: 0))
            return try picture(of: environment)
        }

        /// The mean column of `color` in row `y`.
        func meanColumn(of color: Color, inRow y: Int, of image: PixelImage) -> Double? {
            let columns = image.columns(of: color, inRow: y)
            return columns.isEmpty ? nil : Double(columns.reduce(0, +)) / Double(columns.count)
        }

        @Test func cartPoleCanvasIsGymnasiumsSize() throws {
            let image = try cartPole(position: 0, angle: 0)
            #expect((image.width, image.height) == (600, 400))
        }

        @Test(arguments: [-1.5, 0.0, 1.0, 2.0])
        func cartSitsAtItsPositionOnTheTrack(position: Double) throws {
            let image = try cartPole(position: position, angle: 0)
            // Gymnasium's scale: 600 pixels for the 4.8 m between the limits, 0 in the middle.
            let centre = 300 + position * 125
            // Row 310 crosses the cart below the axle, with nothing else on it: its darkness adds
            // up to the cart's 50 pixels, centred on the cart, edges shaded by their coverage.
            let darkness = (0..<600).map { 1 - Double(image[x: $0, y: 310].red) / 255 }
            #expect(abs(darkness.reduce(0, +) - 50) < 0.1)
            let middle = darkness.enumerated().reduce(0) { $0 + (Double($1.offset) + 0.5) * $1.element } / darkness.reduce(0, +)
            #expect(abs(middle - centre) < 0.05)
            #expect(image.columns(of: .black, inRow: 310).count == (centre == centre.rounded() ? 50 : 49))
            // The cart's 30 rows, and white above and below.
            let column = Int(centre)
            #expect((285..<315).allSatisfy { image[x: column - 20, y: $0] == .black })
            #expect(image[x: column - 20, y: 284] == .white && image[x: column - 20, y: 315] == .white)
        }

        @Test func trackLineCrossesTheWholeCanvas() throws {
            let image = try cartPole(position: 1, angle: 0)
            #expect(image.columns(of: .black, inRow: 299).count == 600)
            #expect(image[x: 10, y: 298] == .white && image[x: 10, y: 300] == .white)
        }

        @Test func uprightPoleStandsAboveTheAxle() throws {
            let image = try cartPole(position: 0, angle: 0)
            // 10 pixels wide, centred on x = 300, from the axle up to 120 pixels above it.
            #expect(image.columns(of: Self.pole, inRow: 200) == Array(295..<305))
            #expect(image.columns(of: Self.pole, inRow: 174) == Array(295..<305))
            #expect(image.columns(of: Self.pole, inRow: 170).isEmpty)
            #expect(image[x: 300, y: 292] == Self.axle)
        }

        @Test(arguments: [0.05, 0.1, 0.2])
        func poleLeansToTheSideOfItsAngle(angle: Double) throws {
            let right = try cartPole(position: 0.5, angle: angle)
            let left = try cartPole(position: 0.5, angle: -angle)
            let axleColumn = 300 + 0.5 * 125
            // 100 pixels above the axle (at y ≈ 292.5) the pole is off centre by 100·tan θ.
            let row = 192
            let expectedOffset = (292.5 - (Double(row) + 0.5)) * tan(angle)
            let rightMean = try #require(meanColumn(of: Self.pole, inRow: row, of: right))
            let leftMean = try #require(meanColumn(of: Self.pole, inRow: row, of: left))
            #expect(abs(rightMean - (axleColumn + expectedOffset)) < 1.5, "mean column \(rightMean)")
            #expect(abs(leftMean - (axleColumn - expectedOffset)) < 1.5, "mean column \(leftMean)")
            #expect(right[x: Int(axleColumn), y: 292] == Self.axle)
        }

        /// The pixels of `color` in FrozenLake's 64-pixel tile (row, column).
        func count(of color: Color, inTile row: Int, _ column: Int, of image: PixelImage) -> Int {
            var count = 0
            for y in (row * 64)..<((row + 1) * 64) {
                for x in (column * 64)..<((column + 1) * 64) where image[x: x, y: y] == color { count += 1 }
            }
            return count
        }

        /// The tiles (row, column) where `color` appears.
        func tiles(with color: Color, of image: PixelImage) -> Set<[Int]> {
            Set(image.pixels.indices.filter { image.pixels[$0] == color }.map { [($0 / image.width) / 64, ($0 % image.width) / 64] })
        }

        @Test func frozenLakeShowsItsIceHolesFlagAndTheAgentOnTheStart() throws {
            var environment = try FrozenLake(isSlippery: false)
            _ = environment.reset(seed: 0)
            let image = try picture(of: environment)
            #expect((image.width, image.height) == (256, 256))
            // SFFF / FHFH / FFFH / HFFG: dark water in the holes, deeper in their middles.
            #expect(tiles(with: Self.holeDepth, of: image) == [[1, 1], [1, 3], [2, 3], [3, 0]])
            for (row, column) in [(1, 1), (1, 3), (2, 3), (3, 0)] {
                #expect(image[x: 64 * column + 32, y: 64 * row + 36] == Self.holeDepth)
                #expect(count(of: Self.hole, inTile: row, column, of: image) > 600)
            }
            // The flag on the goal, the agent's red hat on the start, nowhere else.
            #expect(tiles(with: Self.flag, of: image) == [[3, 3]] && count(of: Self.flag, inTile: 3, 3, of: image) > 200)
            #expect(tiles(with: Self.hat, of: image) == [[0, 0]] && count(of: Self.hat, inTile: 0, 0, of: image) > 80)
            // Ice around, the start's paler ice around the agent, its label in the corner.
            #expect(image[x: 64 + 50, y: 12] == Self.ice && image[x: 128 + 32, y: 128 + 20] == Self.ice)
            #expect(image[x: 58, y: 58] == Self.start)
            #expect(image[x: 6, y: 4] == Self.label && image[x: 4, y: 4] == Self.start)
            // The tiles' outlines.
            #expect(image[x: 64, y: 150] == Self.gridLine && image[x: 63, y: 150] == Self.gridLine)
        }

        @Test func frozenLakeAgentMovesWithItsActions() throws {
            var environment = try FrozenLake(isSlippery: false)
            _ = environment.reset(seed: 0)
            _ = try environment.step(2)   // right
            _ = try environment.step(2)   // right
            _ = try environment.step(1)   // down
            let image = try picture(of: environment)
            #expect(tiles(with: Self.hat, of: image) == [[1, 2]])
            #expect(image[x: 58, y: 58] == Self.start)
        }

        @Test func frozenLakeAgentSinksIntoAHoleAndCheersOnTheGoal() throws {
            var environment = try FrozenLake(isSlippery: false)
            _ = environment.reset(seed: 0)
            let standing = try picture(of: environment)
            _ = try environment.step(1)   // down
            let result = try environment.step(2)   // right, into the hole at (1, 1)
            #expect(result.terminated)
            let sunk = try picture(of: environment)
            // In the hole: the hat there, ripples on the water around the agent, and the ending
            // for the status bar.
            #expect(tiles(with: Self.hat, of: sunk) == [[1, 1]])
            #expect(count(of: Self.ripple, inTile: 1, 1, of: sunk) > 100 && count(of: Self.ripple, inTile: 0, 0, of: standing) == 0)
            #expect(environment.episodeEnding == EpisodeEnding(words: "fell into a hole", isSuccess: false))
            // On the goal the arms go up: the hands are above the shoulders.
            _ = environment.reset(seed: 0)
            for action in [2, 2, 1, 1, 1, 2] { _ = try environment.step(action) }
            let cheering = try picture(of: environment)
            #expect(tiles(with: Self.hat, of: cheering) == [[3, 3]])
            let skin = Color(red: 246, green: 208, blue: 172)
            func highestSkinRow(_ image: PixelImage, tileRow: Int, tileColumn: Int) -> Int? {
                ((tileRow * 64)..<((tileRow + 1) * 64)).first { y in
                    ((tileColumn * 64)..<((tileColumn + 1) * 64)).contains { image[x: $0, y: y] == skin }
                }.map { $0 - tileRow * 64 }
            }
            let standingTop = try #require(highestSkinRow(standing, tileRow: 0, tileColumn: 0))
            let cheeringTop = try #require(highestSkinRow(cheering, tileRow: 3, tileColumn: 3))
            #expect(cheeringTop < standingTop - 5)
            #expect(environment.episodeEnding == EpisodeEnding(words: "reached the goal", isSuccess: true))
        }

        @Test func cliffWalkingShowsTheCliffTheFlagAndTheAgent() throws {
            var environment = CliffWalking()
            _ = environment.reset(seed: 0)
            let image = try picture(of: environment)
            #expect((image.width, image.height) == (768, 256))
            let chasm = Color(red: 28, green: 22, blue: 20)
            // The cliff: the bottom row between the start and the goal, dark below a rock edge.
            #expect((1..<11).allSatisfy { image[x: 64 * $0 + 32, y: 3 * 64 + 50] == chasm })
            #expect(image[x: 32, y: 3 * 64 + 50] != chasm && image[x: 11 * 64 + 32, y: 3 * 64 + 50] != chasm)
            #expect(tiles(with: Self.hat, of: image) == [[3, 0]])
            #expect(tiles(with: Self.flag, of: image) == [[3, 11]])
        }

        @Test func gridWorldShowsBricksPitsAndTheGoal() throws {
            var environment = try GridWorld()
            _ = environment.reset(seed: 0)
            let image = try picture(of: environment)
            let brick = Color(red: 168, green: 88, blue: 62)
            let pit = Color(red: 15, green: 12, blue: 12)
            #expect(image.count(of: brick) > 1000 && image.count(of: pit) > 200)
            #expect(image.count(of: Self.flag) > 200 && image.count(of: Self.hat) > 80)
        }

        @Test func everyRegisteredEnvironmentDraws() throws {
            for name in EnvironmentRegistry.standard.registrations.map(\.id) {
                var environment = try EnvironmentRegistry.standard.make(name)
                _ = environment.reset(seed: 1)
                let image = try picture(of: environment)
                let drawing = environment.drawing()
                #expect((image.width, image.height) == (drawing.width, drawing.height), "\(name)")
                #expect(Set(image.pixels).count >= 3, "\(name) drew too few colours")
            }
        }
    }
}
