import RLCore

/// Turns a ``Drawing``'s shapes into pixel coverage, anti-aliased: how much of each pixel a
/// shape covers, from 0 to 1, which the painter uses as the shape's opacity there.
///
/// A pixel `(column, row)` is the square `[column, column + 1) × [row, row + 1)` of the canvas.
/// Coverage is the fraction of that square inside the shape, measured on 16 sub-rows per pixel
/// row with exact horizontal spans on each (a near-vertical edge moves smoothly, a fraction of a
/// pixel at a time, instead of jumping a whole pixel), then rounded to a multiple of 1/16
/// (``coverageLevels``), which keeps the colours of a frame few enough for a GIF palette. So a
/// 64-pixel tile at `x = 64` covers exactly columns 64 to 127, an edge through the middle of a
/// pixel covers half of it, and the coverages of two shapes that share an edge add up to 1.
///
/// - Polygons are filled with the even-odd rule (a self-crossing polygon has holes).
/// - Circles are exact discs.
/// - Lines are filled rectangles of their width around the segment, without caps; a line
///   thinner than one pixel on the canvas is drawn one pixel wide so it stays visible, and a
///   line of length zero covers nothing.
/// - Outlined rectangles cover a border one drawing unit wide on the inside of the filled area.
/// - Text is drawn with ``BitmapFont``, each font pixel ``textScale`` drawing units square,
///   rounded to whole canvas pixels so that letters stay crisp.
///
/// A ``PictureTransform`` places the drawing on the canvas (scaled and moved), and everything
/// is cut to the clip rectangle, so shapes partly or wholly outside it are fine.
public struct ShapeRasterizer: Sendable {
    /// The canvas width in pixels.
    public let canvasWidth: Int
    /// The canvas height in pixels.
    public let canvasHeight: Int
    /// The part of the canvas shapes may cover (the whole canvas unless given).
    public let clip: PixelRectangle
    /// How the drawing's coordinates map to canvas pixels.
    public let transform: PictureTransform
    /// How many drawing units one font pixel takes.
    public static let textScale = 2
    /// Sub-rows sampled per pixel row, and the steps coverage is rounded to (1/16).
    public static let coverageLevels = 16

    /// A rasterizer for a canvas of `canvasWidth × canvasHeight` pixels, drawing through
    /// `transform` into `clip` (the whole canvas when `nil`).
    public init(canvasWidth: Int, canvasHeight: Int, transform: PictureTransform = .identity, clip: PixelRectangle? = nil) {
        self.canvasWidth = canvasWidth
        self.canvasHeight = canvasHeight
        self.transform = transform
        let whole = PixelRectangle(x: 0, y: 0, width: canvasWidth, height: canvasHeight)
        self.clip = clip.map { $0.intersection(whole) } ?? whole
    }

    /// The pixels `shape` covers, with how much of each, row by row from the top and left to
    /// right within a row; pixels it does not touch are left out.
    ///
    /// - Throws: ``ViewerError/invalidDrawing(_:)`` for a coordinate, size, radius or width
    ///   that is not a finite number, or a negative radius or line width.
    public func coverage(of shape: Drawing.Shape) throws -> [PixelCoverage] {
        var covered: [PixelCoverage] = []
        var scratch = Scratch()
        try rasterize(shape, scratch: &scratch) { row, firstColumn, values in
            for (offset, value) in values.enumerated() where value > 0 {
                covered.append(PixelCoverage(column: firstColumn + offset, row: row, coverage: value))
            }
        }
        return covered
    }

    // MARK: - Rasterizing

    /// Buffers reused from shape to shape (and frame to frame) so painting allocates little.
    struct Scratch {
        /// Coverage of partly covered pixels, by column from the shape's first column.
        var partial: [Double] = []
        /// Differences of the coverage of wholly spanned runs (a running sum gives the runs).
        var runs: [Double] = []
        /// The row's coverage, rounded, handed to the caller.
        var row: [Double] = []
        /// A polygon's edge crossings on one sub-row.
        var crossings: [Double] = []
        /// A polygon's points on the canvas.
        var points: [Point] = []
    }

    /// Calls `body` with each row the shape touches: the row, its first column, and the
    /// coverage of the columns from there (zeros included), rounded to ``coverageLevels``.
    func rasterize(_ shape: Drawing.Shape, scratch: inout Scratch,
                   body: (_ row: Int, _ firstColumn: Int, _ coverage: ArraySlice<Double>) -> Void) throws {
        switch shape {
        case .rectangle(let rectangle, _, let filled):
            try requireFinite([rectangle.x, rectangle.y, rectangle.width, rectangle.height], in: "rectangle")
            let left = Swift.min(rectangle.x, rectangle.x + rectangle.width)
            let top = Swift.min(rectangle.y, rectangle.y + rectangle.height)
            let width = abs(rectangle.width), height = abs(rectangle.height)
            if filled || width <= 2 || height <= 2 {
                fillRectangle(left: left, top: top, right: left + width, bottom: top + height, scratch: &scratch, body: body)
            } else {
                // The border, one unit wide inside the rectangle, as four rectangles that
                // neither overlap nor leave a gap.
                let (right, bottom) = (left + width, top + height)
                fillRectangle(left: left, top: top, right: right, bottom: top + 1, scratch: &scratch, body: body)
                fillRectangle(left: left, top: top + 1, right: left + 1, bottom: bottom - 1, scratch: &scratch, body: body)
                fillRectangle(left: right - 1, top: top + 1, right: right, bottom: bottom - 1, scratch: &scratch, body: body)
                fillRectangle(left: left, top: bottom - 1, right: right, bottom: bottom, scratch: &scratch, body: body)
            }
        case .polygon(let points, _):
            try requireFinite(points.flatMap { [$0.x, $0.y] }, in: "polygon")
            scratch.points.removeAll(keepingCapacity: true)
            scratch.points.append(contentsOf: points.map(transform.apply))
            fillPolygon(scratch: &scratch, body: body)
        case .circle(let center, let radius, _):
            try requireFinite([center.x, center.y, radius], in: "circle")
            guard radius >= 0 else { throw ViewerError.invalidDrawing("circle with negative radius \(radius)") }
            fillCircle(center: transform.apply(center), radius: radius * transform.scale, scratch: &scratch, body: body)
        case .line(let from, let to, _, let width):
            try requireFinite([from.x, from.y, to.x, to.y, width], in: "line")
            guard width >= 0 else { throw ViewerError.invalidDrawing("line with negative width \(width)") }
            let start = transform.apply(from), end = transform.apply(to)
            let deltaX = end.x - start.x, deltaY = end.y - start.y
            let length = (deltaX * deltaX + deltaY * deltaY).squareRoot()
            guard length > 0, length.isFinite else { return }
            let halfWidth = Swift.max(width * transform.scale, 1) / 2
            // The unit normal, scaled to half the width, on either side of the segment.
            let normalX = -deltaY / length * halfWidth, normalY = deltaX / length * halfWidth
            scratch.points.removeAll(keepingCapacity: true)
            scratch.points.append(contentsOf: [
                Point(x: start.x + normalX, y: start.y + normalY), Point(x: end.x + normalX, y: end.y + normalY),
                Point(x: end.x - normalX, y: end.y - normalY), Point(x: start.x - normalX, y: start.y - normalY),
            ])
            fillPolygon(scratch: &scratch, body: body)
        case .text(let text, let origin, _):
            try requireFinite([origin.x, origin.y], in: "text")
            let pixelSize = Swift.max(1, Int((Double(Self.textScale) * transform.scale).rounded()))
            let start = transform.apply(origin)
            TextRaster(pixelSize: pixelSize).forEachPixelBlock(of: text, at: start, within: clip) { block in
                fillCanvasRectangle(block, scratch: &scratch, body: body)
            }
        }
    }

    /// An axis-aligned rectangle given in drawing units.
    private func fillRectangle(left: Double, top: Double, right: Double, bottom: Double, scratch: inout Scratch,
                               body: (Int, Int, ArraySlice<Double>) -> Void) {
        let topLeft = transform.apply(Point(x: left, y: top))
        let bottomRight = transform.apply(Point(x: right, y: bottom))
        fillBox(left: topLeft.x, top: topLeft.y, right: bottomRight.x, bottom: bottomRight.y, scratch: &scratch, body: body)
    }

    /// A rectangle of whole canvas pixels.
    func fillCanvasRectangle(_ block: PixelRectangle, scratch: inout Scratch, body: (Int, Int, ArraySlice<Double>) -> Void) {
        fillBox(left: Double(block.x), top: Double(block.y), right: Double(block.x + block.width),
                bottom: Double(block.y + block.height), scratch: &scratch, body: body)
    }

    /// An axis-aligned box on the canvas: each row's coverage is its horizontal coverage times
    /// the fraction of the row the box spans, so no sub-rows are needed.
    private func fillBox(left: Double, top: Double, right: Double, bottom: Double, scratch: inout Scratch,
                         body: (Int, Int, ArraySlice<Double>) -> Void) {
        guard let (firstRow, endRow) = rows(from: top, to: bottom),
              let (firstColumn, endColumn) = columns(from: left, to: right) else { return }
        prepare(&scratch, columns: endColumn - firstColumn)
        addSpan(from: left, to: right, weight: 1, firstColumn: firstColumn, endColumn: endColumn, scratch: &scratch)
        let horizontal = collect(&scratch, columns: endColumn - firstColumn)
        for row in firstRow..<endRow {
            let vertical = Swift.min(bottom, Double(row + 1)) - Swift.max(top, Double(row))
            scratch.row.removeAll(keepingCapacity: true)
            scratch.row.append(contentsOf: horizontal.lazy.map { Self.rounded($0 * vertical) })
            body(row, firstColumn, scratch.row[...])
        }
    }

    /// The polygon in `scratch.points` (canvas pixels), even-odd.
    private func fillPolygon(scratch: inout Scratch, body: (Int, Int, ArraySlice<Double>) -> Void) {
        let points = scratch.points
        guard points.count >= 3 else { return }
        var (minX, maxX, minY, maxY) = (Double.infinity, -Double.infinity, Double.infinity, -Double.infinity)
        for point in points {
            (minX, maxX) = (Swift.min(minX, point.x), Swift.max(maxX, point.x))
            (minY, maxY) = (Swift.min(minY, point.y), Swift.max(maxY, point.y))
        }
        guard let (firstRow, endRow) = rows(from: minY, to: maxY),
              let (firstColumn, endColumn) = columns(from: minX, to: maxX) else { return }
        let weight = 1 / Double(Self.coverageLevels)
        for row in firstRow..<endRow {
            prepare(&scratch, columns: endColumn - firstColumn)
            for subrow in 0..<Self.coverageLevels {
                let y = Double(row) + (Double(subrow) + 0.5) * weight
                scratch.crossings.removeAll(keepingCapacity: true)
                for index in points.indices {
                    let start = points[index], end = points[index + 1 == points.count ? 0 : index + 1]
                    // Half-open in y, so a vertex shared by two edges is crossed once, and
                    // horizontal edges never.
                    if (start.y <= y && y < end.y) || (end.y <= y && y < start.y) {
                        scratch.crossings.append(start.x + (y - start.y) * (end.x - start.x) / (end.y - start.y))
                    }
                }
                scratch.crossings.sort()
                var pair = 0
                while pair + 1 < scratch.crossings.count {
                    addSpan(from: scratch.crossings[pair], to: scratch.crossings[pair + 1], weight: weight,
                            firstColumn: firstColumn, endColumn: endColumn, scratch: &scratch)
                    pair += 2
                }
            }
            emitRow(row, firstColumn: firstColumn, endColumn: endColumn, scratch: &scratch, body: body)
        }
    }

    /// A disc on the canvas: on each sub-row, the exact chord.
    private func fillCircle(center: Point, radius: Double, scratch: inout Scratch, body: (Int, Int, ArraySlice<Double>) -> Void) {
        guard radius > 0, let (firstRow, endRow) = rows(from: center.y - radius, to: center.y + radius),
              let (firstColumn, endColumn) = columns(from: center.x - radius, to: center.x + radius) else { return }
        let weight = 1 / Double(Self.coverageLevels)
        for row in firstRow..<endRow {
            prepare(&scratch, columns: endColumn - firstColumn)
            for subrow in 0..<Self.coverageLevels {
                let offset = Double(row) + (Double(subrow) + 0.5) * weight - center.y
                let halfChord = (radius * radius - offset * offset).squareRoot()
                guard halfChord.isFinite, halfChord > 0 else { continue }
                addSpan(from: center.x - halfChord, to: center.x + halfChord, weight: weight,
                        firstColumn: firstColumn, endColumn: endColumn, scratch: &scratch)
            }
            emitRow(row, firstColumn: firstColumn, endColumn: endColumn, scratch: &scratch, body: body)
        }
    }

    // MARK: - Spans

    /// The rows from `top` to `bottom` (canvas pixels) within the clip, or `nil` for none.
    private func rows(from top: Double, to bottom: Double) -> (Int, Int)? {
        let first = Swift.max(clip.y, Self.index(top.rounded(.down), within: clip.y...(clip.y + clip.height)))
        let end = Swift.min(clip.y + clip.height, Self.index(bottom.rounded(.up), within: clip.y...(clip.y + clip.height)))
        return end > first ? (first, end) : nil
    }

    /// The columns from `left` to `right` (canvas pixels) within the clip, or `nil` for none.
    private func columns(from left: Double, to right: Double) -> (Int, Int)? {
        let first = Swift.max(clip.x, Self.index(left.rounded(.down), within: clip.x...(clip.x + clip.width)))
        let end = Swift.min(clip.x + clip.width, Self.index(right.rounded(.up), within: clip.x...(clip.x + clip.width)))
        return end > first ? (first, end) : nil
    }

    /// `value` as an index clamped to `range` (so that any `Double` converts to `Int` safely).
    private static func index(_ value: Double, within range: ClosedRange<Int>) -> Int {
        Int(Swift.min(Swift.max(value, Double(range.lowerBound)), Double(range.upperBound)))
    }

    private func prepare(_ scratch: inout Scratch, columns: Int) {
        scratch.partial.removeAll(keepingCapacity: true)
        scratch.partial.append(contentsOf: repeatElement(0, count: columns + 1))
        scratch.runs.removeAll(keepingCapacity: true)
        scratch.runs.append(contentsOf: repeatElement(0, count: columns + 1))
    }

    /// Adds `weight` times the horizontal coverage of `[left, right)`, cut to the columns
    /// `firstColumn ..< endColumn`.
    private func addSpan(from left: Double, to right: Double, weight: Double, firstColumn: Int, endColumn: Int,
                         scratch: inout Scratch) {
        let left = Swift.max(left, Double(firstColumn)), right = Swift.min(right, Double(endColumn))
        guard right > left else { return }
        let leftColumn = Int(left.rounded(.down)), rightColumn = Int(right.rounded(.down))
        if leftColumn == rightColumn {
            scratch.partial[leftColumn - firstColumn] += (right - left) * weight
            return
        }
        scratch.partial[leftColumn - firstColumn] += (Double(leftColumn + 1) - left) * weight
        // The columns wholly inside, as a difference (start and end) the running sum resolves.
        scratch.runs[leftColumn + 1 - firstColumn] += weight
        scratch.runs[rightColumn - firstColumn] -= weight
        if rightColumn < endColumn {
            scratch.partial[rightColumn - firstColumn] += (right - Double(rightColumn)) * weight
        }
    }

    /// The row's coverage: the partial pixels plus the running sum of the runs.
    private func collect(_ scratch: inout Scratch, columns: Int) -> [Double] {
        var values: [Double] = []
        values.reserveCapacity(columns)
        var running = 0.0
        for column in 0..<columns {
            running += scratch.runs[column]
            values.append(Swift.min(1, scratch.partial[column] + running))
        }
        return values
    }

    private func emitRow(_ row: Int, firstColumn: Int, endColumn: Int, scratch: inout Scratch,
                         body: (Int, Int, ArraySlice<Double>) -> Void) {
        scratch.row.removeAll(keepingCapacity: true)
        var running = 0.0
        for column in 0..<(endColumn - firstColumn) {
            running += scratch.runs[column]
            scratch.row.append(Self.rounded(scratch.partial[column] + running))
        }
        body(row, firstColumn, scratch.row[...])
    }

    /// `coverage` rounded to a multiple of 1/``coverageLevels`` within 0 ... 1.
    static func rounded(_ coverage: Double) -> Double {
        let levels = Double(coverageLevels)
        return Swift.min(1, Swift.max(0, (coverage * levels).rounded() / levels))
    }

    private func requireFinite(_ values: [Double], in shape: String) throws {
        if let bad = values.first(where: { !$0.isFinite }) {
            throw ViewerError.invalidDrawing("\(shape) with a coordinate or size of \(bad)")
        }
    }
}

/// How much of one pixel a shape covers.
public struct PixelCoverage: Equatable, Hashable, Sendable {
    /// The pixel's column.
    public var column: Int
    /// The pixel's row.
    public var row: Int
    /// The covered fraction, a multiple of 1/16 from 1/16 to 1.
    public var coverage: Double

    /// The pixel at `column`, `row`, covered by the fraction `coverage`.
    public init(column: Int, row: Int, coverage: Double) {
        self.column = column
        self.row = row
        self.coverage = coverage
    }
}
