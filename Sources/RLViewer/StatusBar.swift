import RLCore

/// The status bar across the bottom of every viewer frame: two lines in ``BitmapFont``.
///
/// ```
/// FROZENLAKE-V1 · QTABLE                     FELL INTO A HOLE
/// EPISODE 2  STEP 6  RETURN 0                          PAUSED
/// ```
///
/// The first line says who plays what and, once an episode has ended, how (the bar then turns
/// green for a success, red for a failure, amber otherwise); the second gives the episode, the
/// step and the return, and on the right the pace (`paused`, `2x`) or what the person can do
/// (`a key plays again`). Text is as large as the frame's width allows (``FrameLayout/textPixelSize``);
/// a line too long for it is drawn smaller, and cut with `…` only when even the smallest size
/// does not fit.
enum StatusBar {
    static let background = Color(red: 32, green: 34, blue: 40)
    static let headingColor = Color(red: 240, green: 240, blue: 240)
    static let countsColor = Color(red: 200, green: 204, blue: 212)
    static let paceColor = Color(red: 250, green: 200, blue: 80)

    /// The bar's background once an episode has ended: green, red, or amber.
    static func background(for ending: EpisodeEnding) -> Color {
        switch ending.isSuccess {
        case true?: Color(red: 24, green: 96, blue: 48)
        case false?: Color(red: 128, green: 32, blue: 32)
        case nil: Color(red: 112, green: 84, blue: 16)
        }
    }

    /// The colour of the frame drawn around the picture when an episode has ended.
    static func outline(for ending: EpisodeEnding) -> Color {
        switch ending.isSuccess {
        case true?: Color(red: 60, green: 190, blue: 90)
        case false?: Color(red: 225, green: 60, blue: 50)
        case nil: Color(red: 235, green: 180, blue: 40)
        }
    }

    /// The bar's height for text of `textPixelSize` canvas pixels per font pixel: two 7-pixel
    /// lines with 3 pixels of space above, between and below (times the size).
    static func height(textPixelSize: Int) -> Int {
        23 * textPixelSize
    }

    /// Paints `status` into the bar's rectangle of `image`.
    static func paint(_ status: ViewerStatus, in bar: PixelRectangle, textPixelSize size: Int,
                      painter: inout DrawingPainter, into image: inout PixelImage) {
        guard !bar.isEmpty else { return }
        image.fill(bar, with: status.ending.map(background(for:)) ?? background)
        let margin = 3 * size
        let lines: [(left: String, right: String?, leftColor: Color, rightColor: Color)] = [
            (status.heading, status.ending?.words, headingColor, headingColor),
            (status.counts, status.pace ?? status.prompt, countsColor, status.pace != nil ? paceColor : headingColor),
        ]
        for (index, line) in lines.enumerated() {
            let slotTop = bar.y + margin + index * 10 * size
            let available = bar.width - 2 * margin
            let (textSize, left) = fitted(line.left.uppercased(), right: line.right?.uppercased(), width: available, largest: size)
            let raster = TextRaster(pixelSize: textSize)
            // Smaller text sits in the middle of its line.
            let top = Double(slotTop + (7 * size - raster.height) / 2)
            painter.paintText(left, at: Point(x: Double(bar.x + margin), y: top), pixelSize: textSize,
                              color: line.leftColor, into: &image, clip: bar)
            if let right = line.right?.uppercased() {
                let x = bar.x + bar.width - margin - raster.width(of: right)
                painter.paintText(right, at: Point(x: Double(x), y: top), pixelSize: textSize,
                                  color: line.rightColor, into: &image, clip: bar)
            }
        }
    }

    /// The largest text size, at most `largest`, at which `left` and `right` (with a gap of two
    /// characters) fit in `width` pixels, and `left` as drawn: cut with `…` when even size 1
    /// is too wide.
    static func fitted(_ left: String, right: String?, width: Int, largest: Int) -> (size: Int, left: String) {
        func needed(_ left: String, _ size: Int) -> Int {
            let raster = TextRaster(pixelSize: size)
            return raster.width(of: left) + (right.map { raster.width(of: $0) + 2 * BitmapFont.advance * size } ?? 0)
        }
        for size in stride(from: largest, through: 1, by: -1) where needed(left, size) <= width {
            return (size, left)
        }
        var cut = left
        while !cut.isEmpty && needed(cut + "…", 1) > width { cut.removeLast() }
        return (1, cut + "…")
    }
}
