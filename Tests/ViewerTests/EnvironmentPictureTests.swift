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
        static let agent = Color(red: 200, green: 60, blue: 40)
        static let hole = Color(red: 25, green: 55, blue: 110)
        static let goal = Color(red: 250, green: 205, blue: 60)
        static let start = Color(red: 180, green: 210, blue: 235)
        static let ice = Color(red: 210, green: 235, blue: 250)
        static let label = Color(red: 20, green: 20, blue: 20)

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
            // Row 310 crosses the cart below the axle, with nothing else on it.
            let cart = image.columns(of: .black, inRow: 310)
            #expect(cart.count == 50)
            // The pixels whose centres are within 25 pixels of the cart's centre.
            #expect(cart.first == Int((centre - 25 - 0.5).rounded(.up)))
            #expect(cart.last == Int((centre + 25 - 0.5).rounded(.up)) - 1)
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

        @Test func frozenLakeShowsItsTilesAndTheAgentOnTheStart() throws {
            var environment = try FrozenLake(isSlippery: false)
            _ = environment.reset(seed: 0)
            let image = try picture(of: environment)
            #expect((image.width, image.height) == (256, 256))
            // SFFF / FHFH / FFFH / HFFG, 64-pixel tiles; tile centres at 32 + 64k.
            func centre(_ row: Int, _ column: Int) -> Color { image[x: 32 + 64 * column, y: 32 + 64 * row] }
            #expect(centre(0, 0) == Self.agent)
            #expect(centre(1, 1) == Self.hole && centre(1, 3) == Self.hole && centre(2, 3) == Self.hole && centre(3, 0) == Self.hole)
            #expect(centre(3, 3) == Self.goal)
            #expect(centre(0, 1) == Self.ice && centre(2, 2) == Self.ice)
            // The start tile's colour around the agent, and the tiles' labels in the corner.
            #expect(image[x: 58, y: 58] == Self.start)
            #expect(image[x: 64 + 4, y: 64 + 4] == .white)                // the H's top-left pixel, light on dark
            #expect(image[x: 3 * 64 + 4, y: 3 * 64 + 4] == Self.goal)     // the G's top row starts
            #expect(image[x: 3 * 64 + 6, y: 3 * 64 + 4] == Self.label)    // one font pixel in
            // The grid lines: the outline of each tile.
            #expect(image[x: 64, y: 100] == Color(red: 90, green: 90, blue: 90))
        }

        @Test func frozenLakeAgentMovesWithItsActions() throws {
            var environment = try FrozenLake(isSlippery: false)
            _ = environment.reset(seed: 0)
            _ = try environment.step(2)   // right
            _ = try environment.step(2)   // right
            _ = try environment.step(1)   // down
            let image = try picture(of: environment)
            #expect(image[x: 2 * 64 + 32, y: 64 + 32] == Self.agent)
            #expect(image[x: 32, y: 32] == Self.start)
            // One disc, and only one: its pixels all lie in the agent's tile.
            let agentPixels = image.pixels.indices.filter { image.pixels[$0] == Self.agent }
            #expect(agentPixels.allSatisfy { ($0 % 256) / 64 == 2 && ($0 / 256) / 64 == 1 })
            #expect(agentPixels.count > 1000)
        }

        @Test func frozenLakeAgentInAHoleCoversTheHolesCentre() throws {
            var environment = try FrozenLake(isSlippery: false)
            _ = environment.reset(seed: 0)
            _ = try environment.step(1)   // down
            let result = try environment.step(2)   // right, into the hole at (1, 1)
            #expect(result.terminated)
            let image = try picture(of: environment)
            #expect(image[x: 96, y: 96] == Self.agent)
            #expect(image[x: 70, y: 124] == Self.hole)
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
