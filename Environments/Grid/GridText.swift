/// Text renderings of grid tasks for terminals.
enum GridText {
    /// The ANSI code that gives the following text a red background, and the reset code;
    /// Gymnasium's `utils.colorize(text, "red", highlight=True)`.
    static let highlightStart = "\u{1B}[41m"
    static let highlightEnd = "\u{1B}[0m"

    /// Gymnasium FrozenLake's text rendering: a caption line (the last action in
    /// parentheses, `  (Down)`, or empty before the first step), then the grid with the
    /// agent's cell on a red background, each row on its own line.
    static func highlightedGrid(_ map: GridMap, agentCell: Int, lastActionName: String?) -> String {
        var text = lastActionName.map { "  (\($0))\n" } ?? "\n"
        for row in 0..<map.rowCount {
            for column in 0..<map.columnCount {
                let cell = row * map.columnCount + column
                let tile = String(map.tiles[cell])
                text += cell == agentCell ? highlightStart + tile + highlightEnd : tile
            }
            text += "\n"
        }
        return text
    }
}
