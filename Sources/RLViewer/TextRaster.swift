import RLCore

/// Text in ``BitmapFont`` at a whole number of canvas pixels per font pixel, laid out left to
/// right from a top-left corner rounded down to whole pixels, so letters stay crisp at any
/// scale.
struct TextRaster {
    /// Canvas pixels per font pixel (at least 1).
    let pixelSize: Int

    /// The width of `text` in canvas pixels, without the spacing after its last character.
    func width(of text: String) -> Int {
        text.isEmpty ? 0 : (text.count * BitmapFont.advance - 1) * pixelSize
    }

    /// The height of a line in canvas pixels.
    var height: Int { BitmapFont.glyphHeight * pixelSize }

    /// Calls `body` with each lit font pixel of `text` at `origin`, as a square of canvas
    /// pixels cut to `clip` (squares wholly outside it are skipped).
    func forEachPixelBlock(of text: String, at origin: Point, within clip: PixelRectangle, body: (PixelRectangle) -> Void) {
        let textWidth = Double(text.count * BitmapFont.advance * pixelSize)
        let textHeight = Double(height)
        // Text wholly off the clip is skipped here, so that the origin converts to `Int` safely.
        guard origin.x + textWidth > Double(clip.x), origin.x < Double(clip.x + clip.width),
              origin.y + textHeight > Double(clip.y), origin.y < Double(clip.y + clip.height) else { return }
        let left = Int(origin.x.rounded(.down)), top = Int(origin.y.rounded(.down))
        for (position, character) in text.enumerated() {
            let glyphLeft = left + position * BitmapFont.advance * pixelSize
            guard glyphLeft < clip.x + clip.width else { break }
            for (row, column) in BitmapFont.litPixels(of: character) {
                let block = PixelRectangle(x: glyphLeft + column * pixelSize, y: top + row * pixelSize,
                                           width: pixelSize, height: pixelSize).intersection(clip)
                if !block.isEmpty { body(block) }
            }
        }
    }
}
