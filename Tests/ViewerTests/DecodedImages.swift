import CGIFLib
import CPNG
import Foundation
import RLCore
import RLViewer

/// Images read back from files with the libraries that wrote them (libpng, giflib), so tests
/// can compare them with what the viewer painted.
enum DecodedImages {
    struct Failure: Error, CustomStringConvertible {
        var description: String
    }

    /// The PNG at `path`, as 8-bit RGB pixels.
    static func png(at path: String) throws -> PixelImage {
        var image = png_image()
        image.version = UInt32(PNG_IMAGE_VERSION)
        guard png_image_begin_read_from_file(&image, path) != 0 else { throw Failure(description: "libpng cannot open \(path)") }
        image.format = UInt32(PNG_FORMAT_RGB)
        let (width, height) = (Int(image.width), Int(image.height))
        var bytes = [UInt8](repeating: 0, count: width * height * 3)
        guard png_image_finish_read(&image, nil, &bytes, Int32(width * 3), nil) != 0 else {
            png_image_free(&image)
            throw Failure(description: "libpng cannot read \(path)")
        }
        return try PixelImage(width: width, height: height, pixels: (0..<(width * height)).map {
            Color(red: bytes[3 * $0], green: bytes[3 * $0 + 1], blue: bytes[3 * $0 + 2])
        })
    }

    /// An animated GIF as giflib reads it: the screen's size, and each frame as the screen
    /// shows it (earlier frames left in place, transparent pixels showing them) with its delay.
    struct Animation {
        var width: Int
        var height: Int
        var frames: [(image: PixelImage, centiseconds: Int)]
        /// Whether the file asks to loop for ever (Netscape's application block).
        var loops: Bool
    }

    static func gif(at path: String) throws -> Animation {
        var error: Int32 = 0
        guard let gif = DGifOpenFileName(path, &error) else { throw Failure(description: "giflib cannot open \(path)") }
        defer { DGifCloseFile(gif, &error) }
        guard DGifSlurp(gif) == GIF_OK else { throw Failure(description: "giflib cannot read \(path)") }
        let (width, height) = (Int(gif.pointee.SWidth), Int(gif.pointee.SHeight))
        var screen = [Color](repeating: .black, count: width * height)
        var frames: [(PixelImage, Int)] = []
        var loops = false
        for index in 0..<Int(gif.pointee.ImageCount) {
            let saved = gif.pointee.SavedImages[index]
            for block in 0..<Int(saved.ExtensionBlockCount) {
                let found = saved.ExtensionBlocks[block]
                if found.Function == APPLICATION_EXT_FUNC_CODE, found.ByteCount == 11,
                   String(decoding: UnsafeBufferPointer(start: found.Bytes, count: 11), as: UTF8.self) == "NETSCAPE2.0" {
                    loops = true
                }
            }
            var control = GraphicsControlBlock()
            let hasControl = DGifSavedExtensionToGCB(gif, Int32(index), &control) == GIF_OK
            let description = saved.ImageDesc
            guard let colorMap = description.ColorMap ?? gif.pointee.SColorMap else { throw Failure(description: "frame \(index) has no colours") }
            let colors = UnsafeBufferPointer(start: colorMap.pointee.Colors, count: Int(colorMap.pointee.ColorCount))
            for row in 0..<Int(description.Height) {
                for column in 0..<Int(description.Width) {
                    let value = Int(saved.RasterBits[row * Int(description.Width) + column])
                    if hasControl && Int32(value) == control.TransparentColor { continue }
                    let color = colors[value]
                    screen[(Int(description.Top) + row) * width + Int(description.Left) + column] =
                        Color(red: color.Red, green: color.Green, blue: color.Blue)
                }
            }
            frames.append((try PixelImage(width: width, height: height, pixels: screen), hasControl ? Int(control.DelayTime) : 0))
        }
        return Animation(width: width, height: height, frames: frames, loops: loops)
    }
}

extension PixelImage {
    /// How `other` differs: the number of pixels that are not the same (every pixel when the
    /// sizes differ), and the largest difference of a channel.
    func differences(from other: PixelImage) -> (pixels: Int, largest: Int) {
        guard width == other.width, height == other.height else { return (max(pixels.count, other.pixels.count), 255) }
        var (count, largest) = (0, 0)
        for (a, b) in zip(pixels, other.pixels) where a != b {
            count += 1
            largest = Swift.max(largest, abs(Int(a.red) - Int(b.red)), abs(Int(a.green) - Int(b.green)), abs(Int(a.blue) - Int(b.blue)))
        }
        return (count, largest)
    }
}
