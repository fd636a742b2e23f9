import ArgumentParser

/// How `rl play` and `rl watch` show episodes.
struct DisplayOptionGroup: ParsableArguments {
    @Option(help: "Where to show the episodes: ansi (text in this terminal) or sdl (a window). Default: a window when there is a display, else text.")
    var render: RenderMode?

    @Option(parsing: .unconditional, help: "The seed of the first episode's reset (later episodes continue its random stream).")
    var seed: UInt64 = 0

    @Option(parsing: .unconditional, help: ArgumentHelp(
        "Pixels per unit of the picture, for the window's first size and for recordings (above 0, at most 16; default: 1, or the whole number that makes a small picture at least 480 pixels wide or 400 high, 2 for FrozenLake's lake).",
        valueName: "k"))
    var scale: Double?

    /// The largest `--scale` accepted.
    static let maximumScale = 16.0

    func validate() throws {
        if let scale, !(scale > 0 && scale <= Self.maximumScale) {
            throw ValidationError("--scale must be above 0 and at most \(NumberText.plain(Self.maximumScale)), got \(NumberText.plain(scale))")
        }
    }
}
