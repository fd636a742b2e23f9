import RLCore

/// One GIF frame as palette indices: the rectangle of the screen it repaints, a palette of at
/// most 256 colours, and an index per pixel of the rectangle.
struct IndexedFrame {
    /// The part of the screen the frame repaints.
    var rectangle: PixelRectangle
    /// The palette, a power of two long (2 to 256), padded with black.
    var palette: [Color]
    /// A palette index per pixel of the rectangle, row by row.
    var indices: [UInt8]
    /// The index that leaves the pixel below as it was, or `nil`.
    var transparentIndex: Int?

    /// The frame that turns `shown` (what a viewer shows so far; `nil` before the first frame)
    /// into `image`, and what the viewer shows after it (which differs from `image` only where
    /// its colours had to be reduced).
    ///
    /// Only the rectangle around the changed pixels is repainted, and unchanged pixels inside
    /// it are transparent, so a frame where little moves is small. The palette holds the
    /// changed pixels' colours exactly when there are at most 255 of them (256 in the first
    /// frame, which needs no transparency); otherwise it holds the most frequent ones — the
    /// flat areas — exactly, and the rare ones (the blends along anti-aliased edges) are drawn
    /// with their nearest palette colour.
    ///
    /// - Returns: `nil` when nothing changed.
    static func make(from image: PixelImage, over shown: PixelImage?) -> (frame: IndexedFrame, shown: PixelImage)? {
        let width = image.width
        guard let rectangle = changedRectangle(image, shown) else { return nil }
        // Index 0 stands for "unchanged" after the first frame.
        let reserved = shown == nil ? 0 : 1
        var counts: [Color: Int] = [:]
        for row in rectangle.y..<(rectangle.y + rectangle.height) {
            for column in rectangle.x..<(rectangle.x + rectangle.width) {
                let index = row * width + column
                if let shown, shown.pixels[index] == image.pixels[index] { continue }
                counts[image.pixels[index], default: 0] += 1
            }
        }
        // The most frequent colours first; ties in a fixed order, so a frame always encodes alike.
        let ranked = counts.sorted { ($0.value, $0.key.sortKey) > ($1.value, $1.key.sortKey) }.map(\.key)
        let palette = (reserved == 1 ? [Color.black] : []) + ranked.prefix(256 - reserved)
        var indexOf: [Color: UInt8] = [:]
        for (index, color) in palette.enumerated().dropFirst(reserved) { indexOf[color] = UInt8(index) }
        for color in ranked.dropFirst(256 - reserved) {
            indexOf[color] = nearest(to: color, in: palette, from: reserved)
        }
        var shownAfter = shown ?? image
        var indices: [UInt8] = []
        indices.reserveCapacity(rectangle.width * rectangle.height)
        for row in rectangle.y..<(rectangle.y + rectangle.height) {
            for column in rectangle.x..<(rectangle.x + rectangle.width) {
                let index = row * width + column
                if let shown, shown.pixels[index] == image.pixels[index] {
                    indices.append(0)
                    continue
                }
                let paletteIndex = indexOf[image.pixels[index]] ?? 0
                indices.append(paletteIndex)
                shownAfter.pixels[index] = palette[Int(paletteIndex)]
            }
        }
        return (IndexedFrame(rectangle: rectangle, palette: padded(palette), indices: indices,
                             transparentIndex: reserved == 1 ? 0 : nil), shownAfter)
    }

    /// The index of the colour of `palette` (from `first` on) nearest to `color`, by squared
    /// distance in RGB.
    private static func nearest(to color: Color, in palette: [Color], from first: Int) -> UInt8 {
        var best = first, bestDistance = Int.max
        for index in first..<palette.count {
            let candidate = palette[index]
            let red = Int(candidate.red) - Int(color.red), green = Int(candidate.green) - Int(color.green)
            let blue = Int(candidate.blue) - Int(color.blue)
            let distance = red * red + green * green + blue * blue
            if distance < bestDistance { (best, bestDistance) = (index, distance) }
        }
        return UInt8(best)
    }

    /// The smallest rectangle holding every pixel where `image` and `shown` differ (the whole
    /// image when there is nothing shown yet), or `nil` when they are the same.
    static func changedRectangle(_ image: PixelImage, _ shown: PixelImage?) -> PixelRectangle? {
        guard let shown, shown.width == image.width, shown.height == image.height else {
            return PixelRectangle(x: 0, y: 0, width: image.width, height: image.height)
        }
        var (left, top, right, bottom) = (Int.max, Int.max, -1, -1)
        for row in 0..<image.height {
            let start = row * image.width
            for column in 0..<image.width where image.pixels[start + column] != shown.pixels[start + column] {
                (left, right) = (min(left, column), max(right, column))
                (top, bottom) = (min(top, row), max(bottom, row))
            }
        }
        guard right >= 0 else { return nil }
        return PixelRectangle(x: left, y: top, width: right - left + 1, height: bottom - top + 1)
    }

    /// `palette` padded with black to a power of two from 2 to 256 entries, as GIF needs.
    private static func padded(_ palette: [Color]) -> [Color] {
        var size = 2
        while size < palette.count { size *= 2 }
        return palette + Array(repeating: .black, count: size - palette.count)
    }
}

extension PixelImage {
    /// Copies the pixels of `rectangle` from `source` (an image of the same size).
    mutating func paste(_ source: PixelImage, in rectangle: PixelRectangle) {
        for row in rectangle.y..<(rectangle.y + rectangle.height) {
            let start = row * width + rectangle.x
            pixels.replaceSubrange(start..<(start + rectangle.width), with: source.pixels[start..<(start + rectangle.width)])
        }
    }
}

extension Color {
    /// The colour as one number, for ordering colours.
    var sortKey: UInt32 {
        UInt32(red) << 16 | UInt32(green) << 8 | UInt32(blue)
    }
}
