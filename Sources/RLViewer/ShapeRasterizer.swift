import RLCore

/// Turns a ``Drawing``'s shapes into the whole pixels they cover, as ``PixelBlock``s.
///
/// A pixel `(column, row)` covers `[column, column + 1) × [row, row + 1)` of the canvas and is
/// painted when its centre `(column + 0.5, row + 0.5)` lies inside the shape, counting the
/// shape's left and top edges in and its right and bottom edges out. So a 64-pixel tile at
/// `x = 64` paints exactly columns 64 to 127, a one-pixel line along `y = 300` paints row 299,
/// and neighbouring shapes never overlap or leave a gap.
///
/// - Polygons are filled with the even-odd rule (a self-crossing polygon has holes).
/// - Circles paint the pixels whose centres are within the radius.
/// - Lines are filled rectangles of their width around the segment, without caps; a line
///   thinner than one pixel is drawn one pixel wide so it stays visible, and a line of length
///   zero paints nothing.
/// - Outlined rectangles paint a one-pixel border on the inside of the filled area.
/// - Text is drawn with ``BitmapFont`` at twice its size (10 × 14 pixels a character).
///
/// Everything is cut to the canvas, so shapes partly or wholly outside it are fine.
public struct ShapeRasterizer: Sendable {
    /// The canvas width in pixels.
    public let canvasWidth: Int
    /// The canvas height in pixels.
    public let canvasHeight: Int
    /// How many screen pixels one font pixel takes.
    public static let textScale = 2

    public init(canvasWidth: Int, canvasHeight: Int) {
        self.canvasWidth = canvasWidth
        self.canvasHeight = canvasHeight
    }

    /// The pixels `shape` covers on the canvas, top row first.
    ///
    /// - Throws: ``ViewerError/invalidDrawing(_:)`` for a coordinate, size, radius or width
    ///   that is not a finite number, or a negative radius or line width.
    public func blocks(for shape: Drawing.Shape) throws -> [PixelBlock] {
        switch shape {
        case .rectangle(let rectangle, _, let filled):
            try requireFinite([rectangle.x, rectangle.y, rectangle.width, rectangle.height], in: "rectangle")
            return rectangleBlocks(rectangle, filled: filled)
        case .polygon(let points, _):
            try requireFinite(points.flatMap { [$0.x, $0.y] }, in: "polygon")
            return polygonBlocks(points)
        case .circle(let center, let radius, _):
            try requireFinite([center.x, center.y, radius], in: "circle")
            guard radius >= 0 else { throw ViewerError.invalidDrawing("circle with negative radius \(radius)") }
            return circleBlocks(center: center, radius: radius)
        case .line(let from, let to, _, let width):
            try requireFinite([from.x, from.y, to.x, to.y, width], in: "line")
            guard width >= 0 else { throw ViewerError.invalidDrawing("line with negative width \(width)") }
            return lineBlocks(from: from, to: to, width: width)
        case .text(let text, let origin, _):
            try requireFinite([origin.x, origin.y], in: "text")
            return textBlocks(text, at: origin)
        }
    }

    // MARK: - Shapes

    func rectangleBlocks(_ rectangle: Rectangle, filled: Bool) -> [PixelBlock] {
        // A negative width or height extends the rectangle left or up, as CoreGraphics reads it.
        let left = min(rectangle.x, rectangle.x + rectangle.width)
        let top = min(rectangle.y, rectangle.y + rectangle.height)
        let firstColumn = pixelIndex(atOrAfter: left, limit: canvasWidth)
        let endColumn = pixelIndex(atOrAfter: left + abs(rectangle.width), limit: canvasWidth)
        let firstRow = pixelIndex(atOrAfter: top, limit: canvasHeight)
        let endRow = pixelIndex(atOrAfter: top + abs(rectangle.height), limit: canvasHeight)
        let width = endColumn - firstColumn, height = endRow - firstRow
        guard width > 0, height > 0 else { return [] }
        let whole = PixelBlock(x: firstColumn, y: firstRow, width: width, height: height)
        guard !filled, width > 2, height > 2 else { return clipped([whole]) }
        return clipped([
            PixelBlock(x: firstColumn, y: firstRow, width: width, height: 1),
            PixelBlock(x: firstColumn, y: firstRow + 1, width: 1, height: height - 2),
            PixelBlock(x: endColumn - 1, y: firstRow + 1, width: 1, height: height - 2),
            PixelBlock(x: firstColumn, y: endRow - 1, width: width, height: 1),
        ])
    }

    func polygonBlocks(_ points: [Point]) -> [PixelBlock] {
        guard points.count >= 3 else { return [] }
        let ys = points.map(\.y)
        // Cannot fail: the guard above ensures at least three points.
        let firstRow = max(0, pixelIndex(atOrAfter: ys.min()!, limit: canvasHeight))
        let endRow = min(canvasHeight, pixelIndex(atOrAfter: ys.max()!, limit: canvasHeight))
        var blocks: [PixelBlock] = []
        var crossings: [Double] = []
        for row in stride(from: firstRow, to: endRow, by: 1) {
            let y = Double(row) + 0.5
            crossings.removeAll(keepingCapacity: true)
            for index in points.indices {
                let start = points[index], end = points[(index + 1) % points.count]
                // Half-open in y, so a vertex shared by two edges is crossed once, and
                // horizontal edges never.
                if (start.y <= y && y < end.y) || (end.y <= y && y < start.y) {
                    crossings.append(start.x + (y - start.y) * (end.x - start.x) / (end.y - start.y))
                }
            }
            crossings.sort()
            for pair in stride(from: 0, to: crossings.count - 1, by: 2) {
                appendSpan(row: row, from: crossings[pair], to: crossings[pair + 1], to: &blocks)
            }
        }
        return blocks
    }

    func circleBlocks(center: Point, radius: Double) -> [PixelBlock] {
        let firstRow = max(0, pixelIndex(atOrAfter: center.y - radius, limit: canvasHeight))
        let endRow = min(canvasHeight, pixelIndex(atOrAfter: center.y + radius, limit: canvasHeight))
        var blocks: [PixelBlock] = []
        for row in stride(from: firstRow, to: endRow, by: 1) {
            let offset = Double(row) + 0.5 - center.y
            let halfChord = (radius * radius - offset * offset).squareRoot()
            guard halfChord.isFinite else { continue }
            appendSpan(row: row, from: center.x - halfChord, to: center.x + halfChord, to: &blocks)
        }
        return blocks
    }

    func lineBlocks(from start: Point, to end: Point, width: Double) -> [PixelBlock] {
        let deltaX = end.x - start.x, deltaY = end.y - start.y
        let length = (deltaX * deltaX + deltaY * deltaY).squareRoot()
        guard length > 0, length.isFinite else { return [] }
        let halfWidth = max(width, 1) / 2
        // The unit normal, scaled to half the width, on either side of the segment.
        let normalX = -deltaY / length * halfWidth, normalY = deltaX / length * halfWidth
        return polygonBlocks([
            Point(x: start.x + normalX, y: start.y + normalY),
            Point(x: end.x + normalX, y: end.y + normalY),
            Point(x: end.x - normalX, y: end.y - normalY),
            Point(x: start.x - normalX, y: start.y - normalY),
        ])
    }

    func textBlocks(_ text: String, at origin: Point) -> [PixelBlock] {
        let scale = Self.textScale
        let textWidth = Double(text.count * BitmapFont.advance * scale)
        let textHeight = Double(BitmapFont.glyphHeight * scale)
        // Text wholly off the canvas is skipped here, so that the origin converts to `Int` safely.
        guard origin.x + textWidth > 0, origin.x < Double(canvasWidth),
              origin.y + textHeight > 0, origin.y < Double(canvasHeight) else { return [] }
        let left = Int(origin.x.rounded(.down)), top = Int(origin.y.rounded(.down))
        var blocks: [PixelBlock] = []
        for (position, character) in text.enumerated() {
            let glyphLeft = left + position * BitmapFont.advance * scale
            guard glyphLeft < canvasWidth else { break }
            for (row, column) in BitmapFont.litPixels(of: character) {
                blocks.append(PixelBlock(x: glyphLeft + column * scale, y: top + row * scale, width: scale, height: scale))
            }
        }
        return clipped(blocks)
    }

    // MARK: - Helpers

    /// The first pixel index whose centre is at or after `edge`, clamped to `-1...limit + 1`
    /// (so that any `Double` converts to `Int` safely and still lands off the canvas).
    func pixelIndex(atOrAfter edge: Double, limit: Int) -> Int {
        Int(clamp((edge - 0.5).rounded(.up), limit: limit))
    }

    private func clamp(_ value: Double, limit: Int) -> Double {
        min(max(value, -1), Double(limit) + 1)
    }

    /// Appends the pixels of `row` whose centres lie in `[left, right)`, cut to the canvas;
    /// when the row below repeats the span above, the block above grows instead (a cart or a
    /// tile becomes one block, not thirty).
    private func appendSpan(row: Int, from left: Double, to right: Double, to blocks: inout [PixelBlock]) {
        let firstColumn = max(0, pixelIndex(atOrAfter: left, limit: canvasWidth))
        let endColumn = min(canvasWidth, pixelIndex(atOrAfter: right, limit: canvasWidth))
        guard endColumn > firstColumn else { return }
        if let last = blocks.last, last.x == firstColumn, last.width == endColumn - firstColumn, last.y + last.height == row {
            blocks[blocks.count - 1].height += 1
        } else {
            blocks.append(PixelBlock(x: firstColumn, y: row, width: endColumn - firstColumn, height: 1))
        }
    }

    private func clipped(_ blocks: [PixelBlock]) -> [PixelBlock] {
        blocks.compactMap { $0.clipped(canvasWidth: canvasWidth, canvasHeight: canvasHeight) }
    }

    private func requireFinite(_ values: [Double], in shape: String) throws {
        if let bad = values.first(where: { !$0.isFinite }) {
            throw ViewerError.invalidDrawing("\(shape) with a coordinate or size of \(bad)")
        }
    }
}
