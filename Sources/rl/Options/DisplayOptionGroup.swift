import ArgumentParser

/// How `rl play` and `rl watch` show episodes.
struct DisplayOptionGroup: ParsableArguments {
    @Option(help: "Where to show the episodes: ansi (text in this terminal) or sdl (a window).")
    var render: RenderMode = .ansi

    @Option(parsing: .unconditional, help: "The seed of the first episode's reset (later episodes continue its random stream).")
    var seed: UInt64 = 0
}
