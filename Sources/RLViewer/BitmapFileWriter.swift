import CSDL2

extension PixelImage {
    /// Writes the image as an uncompressed BMP file (SDL's `SDL_SaveBMP`), replacing any file
    /// at `path`. The directory must exist.
    ///
    /// - Throws: ``ViewerError/cannotWriteImage(path:reason:)`` when the file cannot be
    ///   created or written, and ``ViewerError/sdlFailure(function:message:)`` when SDL
    ///   cannot make the surface to save.
    public func saveBMP(to path: String) throws {
        var words = transferWords
        try words.withUnsafeMutableBytes { buffer in
            // The same words read without their alpha byte, so SDL writes a plain 24-bit BMP
            // that every image viewer opens.
            guard let surface = SDL_CreateRGBSurfaceWithFormatFrom(
                buffer.baseAddress, Int32(width), Int32(height), 32, Int32(width * 4), SDL_PIXELFORMAT_RGB888.rawValue)
            else { throw ViewerError.sdl("SDL_CreateRGBSurfaceWithFormatFrom") }
            defer { SDL_FreeSurface(surface) }
            // SDL_SaveBMP is a C macro, so Swift calls what it expands to; the 1 asks SDL to
            // close the stream, also when saving fails.
            guard let stream = SDL_RWFromFile(path, "wb") else {
                throw ViewerError.cannotWriteImage(path: path, reason: String(cString: SDL_GetError()))
            }
            guard SDL_SaveBMP_RW(surface, stream, 1) == 0 else {
                throw ViewerError.cannotWriteImage(path: path, reason: String(cString: SDL_GetError()))
            }
        }
    }
}
