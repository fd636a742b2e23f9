import RLCore
import Testing
@testable import RLViewer

/// The pixel rule for every shape, checked without SDL.
struct ShapeRasterizerTests {
    let rasterizer = ShapeRasterizer(canvasWidth: 100, canvasHeight: 80)

    /// The set of pixels the blocks cover, as (column, row).
    func pixels(_ shape: Drawing.Shape) throws -> Set<[Int]> {
        var covered = Set<[Int]>()
        for block in try rasterizer.blocks(for: shape) {
            for row in block.y..<(block.y + block.height) {
                for column in block.x..<(block.x + block.width) {
                    #expect(!covered.contains([column, row]), "pixel (\(column), \(row)) covered twice")
                    covered.insert([column, row])
                }
            }
        }
        return covered
    }

    @Test func filledRectangleOnWholePixelsCoversExactlyItsPixels() throws {
        let covered = try pixels(.rectangle(Rectangle(x: 10, y: 20, width: 5, height: 3), color: .black))
        let expected = Set((10..<15).flatMap { column in (20..<23).map { [column, $0] } })
        #expect(covered == expected)
    }

    @Test func rectangleWithNegativeSizeExtendsLeftAndUp() throws {
        let covered = try pixels(.rectangle(Rectangle(x: 15, y: 23, width: -5, height: -3), color: .black))
        #expect(covered == Set((10..<15).flatMap { column in (20..<23).map { [column, $0] } }))
    }

    @Test func outlinedRectangleIsAOnePixelBorderInsideTheFilledArea() throws {
        let covered = try pixels(.rectangle(Rectangle(x: 0, y: 0, width: 4, height: 4), color: .black, filled: false))
        let expected: Set<[Int]> = [[0, 0], [1, 0], [2, 0], [3, 0], [0, 1], [3, 1], [0, 2], [3, 2], [0, 3], [1, 3], [2, 3], [3, 3]]
        #expect(covered == expected)
    }

    @Test func neighbouringTilesNeitherOverlapNorLeaveAGap() throws {
        let left = try pixels(.rectangle(Rectangle(x: 0, y: 0, width: 32.5, height: 10), color: .black))
        let right = try pixels(.rectangle(Rectangle(x: 32.5, y: 0, width: 32.5, height: 10), color: .black))
        #expect(left.isDisjoint(with: right))
        #expect(left.union(right) == Set((0..<65).flatMap { column in (0..<10).map { [column, $0] } }))
    }

    @Test func triangleCoversThePixelsWhoseCentresAreInside() throws {
        // The right triangle (0,0), (10,0), (0,10): centre (c + 0.5, r + 0.5) is inside when
        // c + r + 1 < 10, strictly, as the hypotenuse is a right/bottom edge.
        let covered = try pixels(.polygon([Point(x: 0, y: 0), Point(x: 10, y: 0), Point(x: 0, y: 10)], color: .black))
        let expected = Set((0..<10).flatMap { column in (0..<10).filter { column + $0 + 1 < 10 }.map { [column, $0] } })
        #expect(covered == expected)
    }

    @Test func concavePolygonLeavesItsNotchEmpty() throws {
        // A U shape: two 4-pixel-wide posts joined by a 2-pixel bar at the bottom.
        let covered = try pixels(.polygon([
            Point(x: 0, y: 0), Point(x: 4, y: 0), Point(x: 4, y: 8), Point(x: 8, y: 8), Point(x: 8, y: 0),
            Point(x: 12, y: 0), Point(x: 12, y: 10), Point(x: 0, y: 10),
        ], color: .black))
        #expect(covered.contains([2, 2]))
        #expect(covered.contains([10, 2]))
        #expect(!covered.contains([6, 2]))
        #expect(covered.contains([6, 9]))
        #expect(covered.count == 4 * 8 * 2 + 12 * 2)
    }

    @Test func circleIsRoundAndSymmetric() throws {
        let covered = try pixels(.circle(center: Point(x: 50, y: 40), radius: 10, color: .black))
        // Each pixel whose centre is within the radius, and only those (no centre lies exactly
        // on this circle: half-integer offsets never sum to 100 in squares).
        for column in 30..<70 {
            for row in 20..<60 {
                let dx = Double(column) + 0.5 - 50, dy = Double(row) + 0.5 - 40
                #expect(covered.contains([column, row]) == (dx * dx + dy * dy < 100),
                        "pixel (\(column), \(row))")
            }
        }
        // Mirror symmetric about the centre (pixel c mirrors to 99 - c, row r to 79 - r).
        #expect(covered == Set(covered.map { [99 - $0[0], 79 - $0[1]] }))
        // The area is close to π r².
        #expect(abs(Double(covered.count) - Double.pi * 100) < 10)
    }

    @Test func onePixelWideLineAlongAWholeCoordinatePaintsTheRowAboveIt() throws {
        let covered = try pixels(.line(from: Point(x: 0, y: 30), to: Point(x: 100, y: 30), color: .black))
        #expect(covered == Set((0..<100).map { [$0, 29] }))
    }

    @Test func thickLineIsAsWideAsAsked() throws {
        let covered = try pixels(.line(from: Point(x: 20, y: 10), to: Point(x: 20, y: 50), color: .black, width: 6))
        #expect(covered == Set((17..<23).flatMap { column in (10..<50).map { [column, $0] } }))
    }

    @Test func diagonalLineHasNoGapsAndKeepsToItsSegment() throws {
        let covered = try pixels(.line(from: Point(x: 10, y: 10), to: Point(x: 60, y: 60), color: .black, width: 1))
        for row in 12..<58 {
            let columns = covered.filter { $0[1] == row }.map { $0[0] }
            #expect(!columns.isEmpty, "row \(row) has no pixel")
            #expect(columns.allSatisfy { abs(Double($0) - Double(row)) <= 1 }, "row \(row): \(columns)")
        }
        #expect(covered.allSatisfy { (9...61).contains($0[0]) && (9...61).contains($0[1]) })
    }

    @Test func zeroLengthLineAndTooFewPolygonPointsPaintNothing() throws {
        #expect(try pixels(.line(from: Point(x: 5, y: 5), to: Point(x: 5, y: 5), color: .black, width: 3)).isEmpty)
        #expect(try pixels(.polygon([Point(x: 0, y: 0), Point(x: 9, y: 9)], color: .black)).isEmpty)
    }

    @Test func shapesAreCutToTheCanvas() throws {
        let covered = try pixels(.rectangle(Rectangle(x: -50, y: 70, width: 1e300, height: 50), color: .black))
        #expect(covered == Set((0..<100).flatMap { column in (70..<80).map { [column, $0] } }))
        #expect(try pixels(.circle(center: Point(x: -1e12, y: 5), radius: 3, color: .black)).isEmpty)
        #expect(try pixels(.text("far", at: Point(x: -1e12, y: 5), color: .black)).isEmpty)
        #expect(try pixels(.polygon([Point(x: -10, y: -10), Point(x: 1e9, y: -10), Point(x: -10, y: 1e9)], color: .black)).count == 100 * 80)
    }

    @Test func textLightsTheFontsPixelsAtTwiceTheSize() throws {
        let covered = try pixels(.text("H", at: Point(x: 4, y: 6), color: .black))
        // The H: both 7-pixel posts and the bar on the fourth row, each font pixel 2 × 2.
        let font = BitmapFont.litPixels(of: "H")
        #expect(font.count == 7 + 7 + 3)
        #expect(covered.count == font.count * 4)
        #expect(covered.contains([4, 6]) && covered.contains([5, 7]))        // the left post's top
        #expect(covered.contains([12, 18]) && covered.contains([13, 19]))    // the right post's bottom
        #expect(!covered.contains([8, 6]))                                   // between the posts
        #expect(covered.contains([8, 12]))                                   // the bar
    }

    @Test func lowercaseIsDrawnInCapitalsAndUnknownCharactersAsABox() {
        #expect(BitmapFont.litPixels(of: "g").map { [$0.row, $0.column] } == BitmapFont.litPixels(of: "G").map { [$0.row, $0.column] })
        let box = BitmapFont.litPixels(of: "€")
        #expect(box.count == 5 + 5 + 5 + 5)
        #expect(BitmapFont.litPixels(of: "ß").count == box.count)
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
        #expect(throws: ViewerError.self) { try rasterizer.blocks(for: shape) }
        do {
            _ = try rasterizer.blocks(for: shape)
        } catch let error as ViewerError {
            guard case .invalidDrawing = error else { Issue.record("unexpected \(error)"); return }
            #expect(error.description.hasPrefix("cannot draw the picture: "))
        } catch {
            Issue.record("unexpected \(error)")
        }
    }
}
