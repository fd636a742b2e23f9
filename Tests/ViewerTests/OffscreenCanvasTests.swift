import Foundation
import RLCore
import Testing
@testable import RLViewer

extension SDLSuite {
    /// Primitives drawn by SDL's software renderer, read back pixel by pixel.
    @Suite struct OffscreenCanvasTests {
        let red = Color(red: 220, green: 30, blue: 30)
        let blue = Color(red: 30, green: 60, blue: 200)
        let grey = Color(red: 128, green: 128, blue: 128)

        func render(_ shapes: [Drawing.Shape], width: Int = 120, height: Int = 90, background: Color = .white) throws -> PixelImage {
            let canvas = OffscreenCanvas()
            try canvas.render(Drawing(width: width, height: height, background: background, shapes: shapes))
            return try canvas.image()
        }

        @Test func backgroundFillsTheCanvas() throws {
            let image = try render([], background: grey)
            #expect(image.width == 120 && image.height == 90)
            #expect(image.count(of: grey) == 120 * 90)
        }

        @Test func circleDrawsWhereTheRasterizerSays() throws {
            let image = try render([.circle(center: Point(x: 60, y: 45), radius: 20, color: red)])
            #expect(image[x: 60, y: 45] == red)
            #expect(image[x: 41, y: 45] == red && image[x: 78, y: 45] == red)
            #expect(image[x: 39, y: 45] == .white && image[x: 81, y: 45] == .white)
            // Inside the bounding square's corner, outside the circle.
            #expect(image[x: 43, y: 28] == .white)
            let expected = try ShapeRasterizer(canvasWidth: 120, canvasHeight: 90)
                .blocks(for: .circle(center: Point(x: 60, y: 45), radius: 20, color: red))
                .reduce(0) { $0 + $1.width * $1.height }
            #expect(image.count(of: red) == expected)
        }

        @Test func polygonIsFilledAndLaterShapesGoOnTop() throws {
            let image = try render([
                .polygon([Point(x: 10, y: 80), Point(x: 60, y: 10), Point(x: 110, y: 80)], color: blue),
                .rectangle(Rectangle(x: 50, y: 50, width: 20, height: 20), color: red),
            ])
            #expect(image[x: 60, y: 40] == blue)        // inside the triangle
            #expect(image[x: 20, y: 20] == .white)      // left of its slope
            #expect(image[x: 60, y: 60] == red)         // the square on top
            #expect(image[x: 60, y: 85] == .white)      // below its base
            // Row 79's centre line, y = 79.5, meets the left slope at x ≈ 10.36.
            #expect(image.columns(of: blue, inRow: 79).first == 10)
        }

        @Test func thickLineCoversItsWidth() throws {
            let image = try render([.line(from: Point(x: 10, y: 45), to: Point(x: 110, y: 45), color: red, width: 8)])
            #expect((41..<49).allSatisfy { image[x: 60, y: $0] == red })
            #expect(image[x: 60, y: 40] == .white && image[x: 60, y: 49] == .white)
            #expect(image.columns(of: red, inRow: 45) == Array(10..<110))
        }

        @Test func translucentColoursBlendOverWhatIsThere() throws {
            let image = try render([.rectangle(Rectangle(x: 0, y: 0, width: 10, height: 10),
                                               color: Color(red: 0, green: 0, blue: 0, alpha: 128))])
            let blended = image[x: 5, y: 5]
            #expect((125...129).contains(blended.red) && blended.red == blended.green && blended.green == blended.blue)
        }

        @Test func canvasFollowsTheDrawingsSize() throws {
            let canvas = OffscreenCanvas()
            try canvas.render(Drawing(width: 30, height: 20))
            try canvas.render(Drawing(width: 50, height: 10, background: red))
            let image = try canvas.image()
            #expect((image.width, image.height) == (50, 10))
            #expect(image.count(of: red) == 500)
        }

        @Test func badCanvasesAndEmptyCanvasesAreErrors() throws {
            let canvas = OffscreenCanvas()
            #expect(throws: ViewerError.invalidDrawing("nothing has been rendered on the canvas yet")) { try canvas.image() }
            for (width, height) in [(0, 10), (10, -1), (20_000, 10)] {
                #expect(throws: ViewerError.self) { try canvas.render(Drawing(width: width, height: height)) }
            }
            #expect(throws: ViewerError.self) {
                try canvas.render(Drawing(width: 10, height: 10, shapes: [.circle(center: Point(x: 1, y: 1), radius: .nan, color: red)]))
            }
        }

        @Test func bmpFileHoldsTheFrame() throws {
            let image = try render([.rectangle(Rectangle(x: 0, y: 0, width: 3, height: 1), color: red)], width: 5, height: 2)
            let path = FileManager.default.temporaryDirectory.appendingPathComponent("viewer-\(UUID().uuidString).bmp").path
            defer { try? FileManager.default.removeItem(atPath: path) }
            try image.saveBMP(to: path)
            let bytes = [UInt8](try Data(contentsOf: URL(fileURLWithPath: path)))
            func integer(at offset: Int, size: Int) -> Int {
                (0..<size).reduce(0) { $0 | Int(bytes[offset + $1]) << (8 * $1) }
            }
            #expect(bytes.starts(with: [UInt8(ascii: "B"), UInt8(ascii: "M")]))
            #expect(integer(at: 2, size: 4) == bytes.count)
            #expect(integer(at: 18, size: 4) == 5 && integer(at: 22, size: 4) == 2)
            #expect(integer(at: 28, size: 2) == 24)
            // 24-bit rows, bottom row first, each padded to 4 bytes (15 → 16), blue green red.
            let pixelStart = integer(at: 10, size: 4)
            let topRow = pixelStart + 16
            #expect(Array(bytes[topRow..<(topRow + 3)]) == [red.blue, red.green, red.red])
            #expect(Array(bytes[(topRow + 9)..<(topRow + 12)]) == [255, 255, 255])
            #expect(Array(bytes[pixelStart..<(pixelStart + 3)]) == [255, 255, 255])
        }

        @Test func bmpIntoAMissingDirectoryIsAClearError() throws {
            let image = try render([], width: 2, height: 2)
            #expect {
                try image.saveBMP(to: "/nonexistent-directory/frame.bmp")
            } throws: { error in
                guard case ViewerError.cannotWriteImage(let path, _) = error else { return false }
                return path == "/nonexistent-directory/frame.bmp"
            }
        }
    }
}
