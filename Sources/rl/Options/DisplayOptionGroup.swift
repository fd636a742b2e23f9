import ArgumentParser

/// How `rl play` and `rl watch` show episodes.
struct DisplayOptionGroup: ParsableArguments {
    @Option(help: "Where to show the episodes: ansi (text in this terminal) or sdl (a window). Default: a window when there is a display, else text.")
    var render: RenderMode?

    @Option(parsing: .unconditional, help: "The seed of the first episode's reset (later episodes continue its random stream).")
    var seed: UInt64 = 0
}
