/// A heading followed by indented `label  value` lines with the values aligned, for the
/// summaries `rl train` and `rl eval` print.
struct LabeledLines {
    /// The first line, not indented.
    var heading: String
    /// The lines under it.
    var rows: [(label: String, value: String)] = []

    init(_ heading: String) {
        self.heading = heading
    }

    /// Adds a line.
    mutating func add(_ label: String, _ value: String) {
        rows.append((label, value))
    }

    /// The heading and the aligned lines, each ending with a newline.
    var text: String {
        let width = rows.map(\.label.count).max() ?? 0
        return rows.reduce(heading + "\n") { text, row in
            text + "  " + row.label + String(repeating: " ", count: width - row.label.count + 3) + row.value + "\n"
        }
    }
}
