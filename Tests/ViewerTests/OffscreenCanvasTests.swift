import Foundation
import RLCore
import Testing
@testable import RLViewer

extension SDLSuite {
    /// Primitives painted offscreen, read back pixel by pixel, and saved as PNG.
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

        @Test func circleIsPaintedWithItsCoverageAsOpacity() throws {
            let image = try render([.circle(center: Point(x: 60, y: 45), radius: 20, color: red)])
            #expect(image[x: 60, y: 45] == red)
            #expect(image[x: 41, y: 45] == red && image[x: 78, y: 45] == red)
            #expect(image[x: 38, y: 45] == .white && image[x: 81, y: 45] == .white)
            // Inside the bounding square's corner, outside the circle.
            #expect(image[x: 43, y: 28] == .white)
            // Each pixel is white blended towards red by exactly its coverage.
            for pixel in try ShapeRasterizer(canvasWidth: 120, canvasHeight: 90)
                .coverage(of: .circle(center: Point(x: 60, y: 45), radius: 20, color: red)) {
                let green = (Double(red.green) * pixel.coverage + 255 * (1 - pixel.coverage)).rounded()
                #expect(image[x: pixel.column, y: pixel.row].green == UInt8(green))
            }
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
            // Row 79 meets the left slope between x ≈ 10 and 11: that pixel is part blue.
            let edge = image[x: 10, y: 79]
            #expect(edge != blue && edge != .white && edge.blue > edge.red)
            #expect(image[x: 12, y: 79] == blue)
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

        @Test func pngFileHoldsTheFrame() throws {
            let image = try render([.rectangle(Rectangle(x: 0, y: 0, width: 3, height: 1), color: red),
                                    .circle(center: Point(x: 4, y: 2), radius: 1.3, color: blue)], width: 5, height: 3)
            let path = FileManager.default.temporaryDirectory.appendingPathComponent("viewer-\(UUID().uuidString).png").path
            defer { try? FileManager.default.removeItem(atPath: path) }
            try image.savePNG(to: path)
            let bytes = [UInt8](try Data(contentsOf: URL(fileURLWithPath: path)))
            #expect(bytes.starts(with: [0x89, 0x50, 0x4E, 0x47, 0x0D, 0x0A, 0x1A, 0x0A]))
            // Read back with libpng, every pixel is the same.
            #expect(try DecodedImages.png(at: path) == image)
            // Nothing is left beside it.
            let folder = (path as NSString).deletingLastPathComponent
            #expect(try FileManager.default.contentsOfDirectory(atPath: folder).filter { $0.hasSuffix(".partial") }.isEmpty)
        }

        @Test func pngIntoAMissingDirectoryIsAClearError() throws {
            let image = try render([], width: 2, height: 2)
            #expect {
                try image.savePNG(to: "/nonexistent-directory/frame.png")
            } throws: { error in
                guard case ViewerError.cannotWriteImage(let path, _) = error else { return false }
                return path == "/nonexistent-directory/frame.png"
            }
        }
    }
}
