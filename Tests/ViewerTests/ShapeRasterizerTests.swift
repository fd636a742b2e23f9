import Foundation
import RLCore
import Testing
@testable import RLViewer

/// The coverage rule for every shape, checked without SDL.
struct ShapeRasterizerTests {
    let rasterizer = ShapeRasterizer(canvasWidth: 100, canvasHeight: 80)

    /// Each covered pixel's coverage, by [column, row]; a pixel listed twice is an error.
    func coverage(_ shape: Drawing.Shape, with rasterizer: ShapeRasterizer? = nil) throws -> [[Int]: Double] {
        var covered: [[Int]: Double] = [:]
        for pixel in try (rasterizer ?? self.rasterizer).coverage(of: shape) {
            #expect(covered[[pixel.column, pixel.row]] == nil, "pixel (\(pixel.column), \(pixel.row)) covered twice")
            covered[[pixel.column, pixel.row]] = pixel.coverage
        }
        return covered
    }

    /// The coverage-weighted centre of row `row`'s covered pixels.
    func centre(of covered: [[Int]: Double], inRow row: Int) -> Double {
        var (weighted, total) = (0.0, 0.0)
        for (pixel, value) in covered where pixel[1] == row {
            weighted += (Double(pixel[0]) + 0.5) * value
            total += value
        }
        return weighted / total
    }

    /// The pixels a shape covers wholly.
    func whole(_ covered: [[Int]: Double]) -> Set<[Int]> {
        Set(covered.filter { $0.value == 1 }.keys)
    }

    func rectangle(columns: Range<Int>, rows: Range<Int>) -> Set<[Int]> {
        Set(columns.flatMap { column in rows.map { [column, $0] } })
    }

    @Test func filledRectangleOnWholePixelsCoversExactlyItsPixels() throws {
        let covered = try coverage(.rectangle(Rectangle(x: 10, y: 20, width: 5, height: 3), color: .black))
        #expect(Set(covered.keys) == rectangle(columns: 10..<15, rows: 20..<23))
        #expect(covered.values.allSatisfy { $0 == 1 })
    }

    @Test func rectangleWithNegativeSizeExtendsLeftAndUp() throws {
        let covered = try coverage(.rectangle(Rectangle(x: 15, y: 23, width: -5, height: -3), color: .black))
        #expect(Set(covered.keys) == rectangle(columns: 10..<15, rows: 20..<23))
    }

    @Test func edgesThroughTheMiddleOfPixelsCoverHalfOfThem() throws {
        let covered = try coverage(.rectangle(Rectangle(x: 10.5, y: 20, width: 4, height: 2.5), color: .black))
        #expect(covered[[10, 20]] == 0.5 && covered[[14, 20]] == 0.5)
        #expect(covered[[12, 20]] == 1 && covered[[12, 22]] == 0.5)
        #expect(covered[[10, 22]] == 0.25)
        // Coverage adds up to the area.
        #expect(covered.values.reduce(0, +) == 10)
    }

    @Test func outlinedRectangleIsABorderOneUnitWideInsideTheFilledArea() throws {
        let covered = try coverage(.rectangle(Rectangle(x: 0, y: 0, width: 4, height: 4), color: .black, filled: false))
        let expected: Set<[Int]> = [[0, 0], [1, 0], [2, 0], [3, 0], [0, 1], [3, 1], [0, 2], [3, 2], [0, 3], [1, 3], [2, 3], [3, 3]]
        #expect(Set(covered.keys) == expected && covered.values.allSatisfy { $0 == 1 })
    }

    @Test func neighbouringTilesNeitherOverlapNorLeaveAGap() throws {
        let left = try coverage(.rectangle(Rectangle(x: 0, y: 0, width: 32.5, height: 10), color: .black))
        let right = try coverage(.rectangle(Rectangle(x: 32.5, y: 0, width: 32.5, height: 10), color: .black))
        for column in 0..<65 {
            for row in 0..<10 {
                #expect((left[[column, row]] ?? 0) + (right[[column, row]] ?? 0) == 1, "pixel (\(column), \(row))")
            }
        }
        #expect(left[[32, 0]] == 0.5 && right[[32, 0]] == 0.5)
    }

    @Test func triangleCoversItsAreaWithWholePixelsInsideAndHalvesOnTheDiagonal() throws {
        // The right triangle (0,0), (10,0), (0,10): the hypotenuse halves the pixels it crosses.
        let covered = try coverage(.polygon([Point(x: 0, y: 0), Point(x: 10, y: 0), Point(x: 0, y: 10)], color: .black))
        #expect(whole(covered) == Set((0..<10).flatMap { column in (0..<10).filter { column + $0 + 1 < 10 }.map { [column, $0] } }))
        for column in 0..<10 { #expect(covered[[column, 9 - column]] == 0.5, "diagonal pixel \(column)") }
        #expect(abs(covered.values.reduce(0, +) - 50) < 0.5)
    }

    @Test func concavePolygonLeavesItsNotchEmpty() throws {
        // A U shape: two 4-pixel-wide posts joined by a 2-pixel bar at the bottom.
        let covered = try coverage(.polygon([
            Point(x: 0, y: 0), Point(x: 4, y: 0), Point(x: 4, y: 8), Point(x: 8, y: 8), Point(x: 8, y: 0),
            Point(x: 12, y: 0), Point(x: 12, y: 10), Point(x: 0, y: 10),
        ], color: .black))
        #expect(covered[[2, 2]] == 1 && covered[[10, 2]] == 1 && covered[[6, 9]] == 1)
        #expect(covered[[6, 2]] == nil)
        #expect(covered.count == 4 * 8 * 2 + 12 * 2 && covered.values.allSatisfy { $0 == 1 })
    }

    @Test func circleIsRoundSymmetricAndSoftAtItsEdge() throws {
        let covered = try coverage(.circle(center: Point(x: 50, y: 40), radius: 10, color: .black))
        // Whole inside, nothing outside, fractions only on the rim.
        for (pixel, value) in covered {
            let dx = Double(pixel[0]) + 0.5 - 50, dy = Double(pixel[1]) + 0.5 - 40
            let distance = (dx * dx + dy * dy).squareRoot()
            #expect(distance < 10 + 0.75, "pixel \(pixel) at \(distance) is covered")
            if distance < 10 - 0.75 { #expect(value == 1, "pixel \(pixel) inside") }
        }
        #expect(covered.values.contains { $0 > 0 && $0 < 1 })
        // Mirror symmetric about the centre (pixel c mirrors to 99 - c, row r to 79 - r).
        #expect(covered.allSatisfy { covered[[99 - $0.key[0], 79 - $0.key[1]]] == $0.value })
        // The area is π r², to the 1/16 steps of coverage.
        #expect(abs(covered.values.reduce(0, +) - Double.pi * 100) < 1.5)
    }

    @Test func onePixelWideLineAlongAWholeCoordinateHalvesTheRowsEitherSide() throws {
        let covered = try coverage(.line(from: Point(x: 0, y: 30), to: Point(x: 100, y: 30), color: .black))
        #expect(Set(covered.keys) == rectangle(columns: 0..<100, rows: 29..<31))
        #expect(covered.values.allSatisfy { $0 == 0.5 })
        // Along a pixel's middle it covers that row alone.
        let crisp = try coverage(.line(from: Point(x: 0, y: 30.5), to: Point(x: 100, y: 30.5), color: .black))
        #expect(Set(crisp.keys) == rectangle(columns: 0..<100, rows: 30..<31) && crisp.values.allSatisfy { $0 == 1 })
    }

    @Test func thickLineIsAsWideAsAsked() throws {
        let covered = try coverage(.line(from: Point(x: 20, y: 10), to: Point(x: 20, y: 50), color: .black, width: 6))
        #expect(Set(covered.keys) == rectangle(columns: 17..<23, rows: 10..<50) && covered.values.allSatisfy { $0 == 1 })
    }

    @Test func diagonalLineCoversItsAreaAlongItsSegment() throws {
        let covered = try coverage(.line(from: Point(x: 10, y: 10), to: Point(x: 60, y: 60), color: .black, width: 2))
        for row in 12..<58 {
            #expect(covered.keys.contains { $0[1] == row }, "row \(row) has no pixel")
            // The coverage-weighted centre of each row lies on the diagonal.
            let centre = centre(of: covered, inRow: row)
            #expect(abs(centre - (Double(row) + 0.5)) < 0.1, "row \(row): centre \(centre)")
        }
        #expect(abs(covered.values.reduce(0, +) - 50 * 2.0.squareRoot() * 2) < 6)   // 1/16 steps on ~200 edge pixels
    }

    @Test func aNearlyUprightThinBarLeansSmoothlyWithoutAKink() throws {
        // A 10-pixel bar 120 pixels long, 0.02 rad off vertical: its middle drifts 2.4 pixels
        // over its length. Row by row, the covered centre must follow that line closely, with
        // no whole-pixel jump where the edges cross a column.
        let angle = 0.02
        let (base, length, half) = (Point(x: 50.3, y: 70), 60.0, 5.0)
        let top = Point(x: base.x + length * sin(angle), y: base.y - length * cos(angle))
        let covered = try coverage(.line(from: base, to: top, color: .black, width: 2 * half))
        var previous: Double?
        for row in 14..<68 {
            let centre = centre(of: covered, inRow: row)
            let expected = base.x + (base.y - (Double(row) + 0.5)) * tan(angle)
            #expect(abs(centre - expected) < 0.05, "row \(row): centre \(centre), expected \(expected)")
            if let previous { #expect(abs(centre - previous) < 0.1, "row \(row) jumps from \(previous) to \(centre)") }
            previous = centre
        }
    }

    @Test func zeroLengthLineAndTooFewPolygonPointsCoverNothing() throws {
        #expect(try coverage(.line(from: Point(x: 5, y: 5), to: Point(x: 5, y: 5), color: .black, width: 3)).isEmpty)
        #expect(try coverage(.polygon([Point(x: 0, y: 0), Point(x: 9, y: 9)], color: .black)).isEmpty)
    }

    @Test func shapesAreCutToTheCanvasAndToTheClip() throws {
        let covered = try coverage(.rectangle(Rectangle(x: -50, y: 70, width: 1e300, height: 50), color: .black))
        #expect(Set(covered.keys) == rectangle(columns: 0..<100, rows: 70..<80))
        #expect(try coverage(.circle(center: Point(x: -1e12, y: 5), radius: 3, color: .black)).isEmpty)
        #expect(try coverage(.text("far", at: Point(x: -1e12, y: 5), color: .black)).isEmpty)
        #expect(try coverage(.polygon([Point(x: -10, y: -10), Point(x: 1e9, y: -10), Point(x: -10, y: 1e9)], color: .black)).count == 100 * 80)
        let clipped = ShapeRasterizer(canvasWidth: 100, canvasHeight: 80, clip: PixelRectangle(x: 10, y: 10, width: 20, height: 5))
        let inClip = try coverage(.circle(center: Point(x: 20, y: 12), radius: 30, color: .black), with: clipped)
        #expect(Set(inClip.keys) == rectangle(columns: 10..<30, rows: 10..<15))
    }

    @Test func aTransformScalesAndMovesShapesAsVectors() throws {
        let doubled = ShapeRasterizer(canvasWidth: 100, canvasHeight: 80, transform: PictureTransform(scale: 2, offsetX: 3, offsetY: 4))
        let covered = try coverage(.rectangle(Rectangle(x: 5, y: 5, width: 10, height: 4), color: .black), with: doubled)
        #expect(Set(covered.keys) == rectangle(columns: 13..<33, rows: 14..<22))
        // A line one unit wide becomes two pixels wide; text's font pixels become 4 pixels.
        let line = try coverage(.line(from: Point(x: 0, y: 10.5), to: Point(x: 10, y: 10.5), color: .black), with: doubled)
        #expect(Set(line.values) == [1] && Set(line.keys.map { $0[1] }) == [24, 25])
        let text = try coverage(.text("I", at: Point(x: 0, y: 0), color: .black), with: doubled)
        #expect(text.count == BitmapFont.litPixels(of: "I").count * 16)
    }

    @Test func textLightsTheFontsPixelsAtTwiceTheSize() throws {
        let covered = try coverage(.text("H", at: Point(x: 4, y: 6), color: .black))
        // The H: both 7-pixel posts and the bar on the fourth row, each font pixel 2 × 2.
        let font = BitmapFont.litPixels(of: "H")
        #expect(font.count == 7 + 7 + 3)
        #expect(covered.count == font.count * 4 && covered.values.allSatisfy { $0 == 1 })
        #expect(covered[[4, 6]] != nil && covered[[5, 7]] != nil)        // the left post's top
        #expect(covered[[12, 18]] != nil && covered[[13, 19]] != nil)    // the right post's bottom
        #expect(covered[[8, 6]] == nil)                                  // between the posts
        #expect(covered[[8, 12]] != nil)                                 // the bar
    }

    @Test func lowercaseIsDrawnInCapitalsAndUnknownCharactersAsABox() {
        #expect(BitmapFont.litPixels(of: "g").map { [$0.row, $0.column] } == BitmapFont.litPixels(of: "G").map { [$0.row, $0.column] })
        let box = BitmapFont.litPixels(of: "€")
        #expect(box.count == 5 + 5 + 5 + 5)
        #expect(BitmapFont.litPixels(of: "ß").count == box.count)
        // The status bar's symbols have glyphs of their own.
        for symbol: Character in ["·", "←", "→", "↑", "↓", "…", "—"] {
            #expect(BitmapFont.litPixels(of: symbol).map { [$0.row, $0.column] } != box.map { [$0.row, $0.column] }, "\(symbol)")
        }
        #expect(BitmapFont.litPixels(of: "−").count == BitmapFont.litPixels(of: "-").count)
    }

    @Test(arguments: [
        Drawing.Shape.circle(center: Point(x: .nan, y: 0), radius: 3, color: .black),
        .circle(center: Point(x: 1, y: 1), radius: -1, color: .black),
        .line(from: Point(x: 0, y: 0), to: Point(x: .infinity, y: 0), color: .black),
        .line(from: Point(x: 0, y: 0), to: Point(x: 5, y: 0), color: .black, width: -2),
        .polygon([Point(x: 0, y: 0), Point(x: 1, y: .nan), Point(x: 2, y: 0)], color: .black),
        .rectangle(Rectangle(x: 0, y: 0, width: .infinity, height: 2), color: .black),
        .text("x", at: Point(x: .nan, y: 0), color: .black),
    ])
    func badNumbersAreAnInvalidDrawing(shape: Drawing.Shape) {
        #expect(throws: ViewerError.self) { try rasterizer.coverage(of: shape) }
        do {
            _ = try rasterizer.coverage(of: shape)
        } catch let error as ViewerError {
            guard case .invalidDrawing = error else { Issue.record("unexpected \(error)"); return }
            #expect(error.description.hasPrefix("cannot draw the picture: "))
        } catch {
            Issue.record("unexpected \(error)")
        }
    }
}
