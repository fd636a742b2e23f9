/// One meaningful line of a map text, with its 1-based line number for error messages.
struct MapLine: Equatable, Sendable {
    var number: Int
    var text: String
}

/// Splitting map texts (FrozenLake maps, grid-world maps) into lines.
enum MapText {
    /// The lines of `text` without surrounding white space, skipping blank lines and comment
    /// lines (starting with `//`). Lines end with `\n`, `\r\n` or `\r`; with `separator`, that
    /// character also ends a line (`,` for one-line maps such as `SFFF,FHFH,FFFH,HFFG`).
    static func lines(of text: String, separator: Character? = nil) -> [MapLine] {
        var lines: [MapLine] = []
        var number = 0
        for raw in text.split(omittingEmptySubsequences: false, whereSeparator: { $0.isNewline || $0 == separator }) {
            number += 1
            let trimmed = raw.trimmingWhitespace()
            if trimmed.isEmpty || trimmed.hasPrefix("//") { continue }
            lines.append(MapLine(number: number, text: trimmed))
        }
        return lines
    }
}

extension StringProtocol {
    /// The text without leading and trailing white space.
    func trimmingWhitespace() -> String {
        guard let first = firstIndex(where: { !$0.isWhitespace }),
              let last = lastIndex(where: { !$0.isWhitespace }) else { return "" }
        return String(self[first...last])
    }
}
