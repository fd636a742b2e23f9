import CPNG
import Foundation

extension PixelImage {
    /// Writes the image as an 8-bit RGB PNG file through libpng, replacing any file at `path`
    /// atomically (a temporary file beside it, renamed when complete). The directory must exist.
    ///
    /// - Throws: ``ViewerError/cannotWriteImage(path:reason:)`` when the file cannot be
    ///   created or written, with libpng's or the system's reason.
    public func savePNG(to path: String) throws {
        let file = AtomicFile(path: path)
        var image = png_image()
        image.version = UInt32(PNG_IMAGE_VERSION)
        image.width = UInt32(width)
        image.height = UInt32(height)
        image.format = UInt32(PNG_FORMAT_RGB)
        let bytes = rgbBytes
        let written = bytes.withUnsafeBytes { buffer in
            png_image_write_to_file(&image, file.temporaryPath, 0, buffer.baseAddress, Int32(width * 3), nil)
        }
        guard written != 0 else {
            let reason = withUnsafeBytes(of: image.message) { String(decoding: $0.prefix { $0 != 0 }, as: UTF8.self) }
            png_image_free(&image)
            file.discard()
            throw ViewerError.cannotWriteImage(path: path, reason: reason.isEmpty ? "libpng could not write it" : reason)
        }
        try file.commit()
    }
}
