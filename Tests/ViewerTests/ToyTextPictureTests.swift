import Foundation
import RLCore
import RLEnvironments
import Testing
@testable import RLViewer

extension SDLSuite {
    /// Taxi's and Blackjack's pictures, drawn offscreen and checked where their parts must be.
    @Suite struct ToyTextPictureTests {
        static let taxi = Color(red: 250, green: 200, blue: 0)
        static let passenger = Color(red: 30, green: 60, blue: 200)
        static let destination = Color(red: 200, green: 0, blue: 200)
        static let wall = Color(red: 40, green: 40, blue: 40)
        static let table = Color(red: 7, green: 99, blue: 36)
        static let cardBack = Color(red: 40, green: 70, blue: 160)

        func picture(of environment: some Environment) throws -> PixelImage {
            let canvas = OffscreenCanvas()
            try canvas.render(environment.drawing())
            return try canvas.image()
        }

        /// A taxi episode started in `state`.
        func taxi(in state: Int) throws -> Taxi {
            var taxi = try Taxi()
            var seed: UInt64 = 0
            while taxi.reset(seed: seed) != state { seed += 1 }
            return taxi
        }

        /// The pixels of `color` in the 80-pixel cell (row, column) of Taxi's picture.
        func count(of color: Color, inCell row: Int, _ column: Int, of image: PixelImage) -> Int {
            var count = 0
            for y in (20 + row * 80)..<(20 + (row + 1) * 80) {
                for x in (20 + column * 80)..<(20 + (column + 1) * 80) where image[x: x, y: y] == color { count += 1 }
            }
            return count
        }

        @Test func taxiShowsTheTaxiThePassengerAndTheDestination() throws {
            // Taxi at (2, 3), passenger at Y (4, 0), destination B (4, 3).
            let image = try picture(of: try taxi(in: Taxi.encode(taxiRow: 2, taxiColumn: 3, passengerLocation: 2, destination: 3)))
            #expect((image.width, image.height) == (440, 440))
            #expect(count(of: Self.taxi, inCell: 2, 3, of: image) > 800)
            #expect((0..<5).allSatisfy { row in (0..<5).allSatisfy { ($0, row) == (3, 2) || count(of: Self.taxi, inCell: row, $0, of: image) == 0 } })
            #expect(count(of: Self.passenger, inCell: 4, 0, of: image) > 300)
            #expect(count(of: Self.destination, inCell: 4, 3, of: image) > 200)
            #expect(count(of: Self.destination, inCell: 0, 0, of: image) == 0)
        }

        @Test func taxiCarriesThePassengerAboard() throws {
            var taxi = try self.taxi(in: Taxi.encode(taxiRow: 0, taxiColumn: 0, passengerLocation: 0, destination: 1))
            _ = try taxi.step(4)   // pick up at R
            _ = try taxi.step(0)   // south
            let aboard = try picture(of: taxi)
            #expect(count(of: Self.passenger, inCell: 1, 0, of: aboard) > 100)
            #expect(count(of: Self.passenger, inCell: 0, 0, of: aboard) == 0)
        }

        @Test func taxiDrawsTheWallsOfTheMap() throws {
            let image = try picture(of: try taxi(in: Taxi.encode(taxiRow: 2, taxiColumn: 2, passengerLocation: 0, destination: 1)))
            // `|R: | : :G|`: a wall between columns 1 and 2 in rows 0 and 1, none in row 2.
            let wallX = 20 + 2 * 80
            #expect(image[x: wallX, y: 20 + 40] == Self.wall && image[x: wallX, y: 20 + 80 + 40] == Self.wall)
            #expect(image[x: wallX, y: 20 + 160 + 10] != Self.wall)
            // `|Y| : |B: |`: walls after columns 0 and 2 in rows 3 and 4.
            #expect(image[x: 20 + 80, y: 20 + 4 * 80 + 40] == Self.wall && image[x: 20 + 240, y: 20 + 3 * 80 + 40] == Self.wall)
        }

        @Test func blackjackShowsTheHandsAsCards() throws {
            var game = try Blackjack()
            try game.setUpcomingCards([3, 7, 10, 8, 7])
            _ = game.reset(seed: 0)
            let dealt = try picture(of: game)
            #expect((dealt.width, dealt.height) == (600, 500))
            #expect(dealt[x: 5, y: 5] == Self.table)
            // One white card per card across a hand's row between the corner and the suit: runs
            // of at least 20 white pixels (a face-down card's white outline is only a pixel wide).
            func cards(in row: Int, of image: PixelImage) -> Int {
                var runs = 0, length = 0
                for x in 0..<image.width {
                    length = image[x: x, y: row] == .white ? length + 1 : 0
                    if length == 20 { runs += 1 }
                }
                return runs
            }
            #expect(cards(in: 260 + 24 + 30, of: dealt) == 2)
            // The dealer's second card is face down until the player sticks.
            #expect(dealt.count(of: Self.cardBack) > 5_000)
            #expect(cards(in: 30 + 24 + 30, of: dealt) == 1)
            _ = try game.step(0)   // stick: the dealer turns the card and draws a 7
            let settled = try picture(of: game)
            #expect(settled.count(of: Self.cardBack) == 0)
            #expect(cards(in: 30 + 24 + 30, of: settled) == 3)
            // Each face-up card has a suit in its middle, red or black.
            let red = Color(red: 190, green: 20, blue: 20)
            let middles = (0..<3).map { settled[x: 30 + 82 * $0 + 35, y: 30 + 24 + 50] }
            #expect(middles.allSatisfy { $0 == red || $0 == .black }, "\(middles)")
        }
    }
}
