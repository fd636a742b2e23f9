/// A table of text in aligned columns with a header row, for `rl list`.
struct TextTable {
    /// The column titles.
    var header: [String]
    /// The rows, each with as many cells as the header.
    var rows: [[String]] = []

    init(_ header: String...) {
        self.header = header
    }

    /// Adds a row.
    mutating func add(_ cells: String...) {
        rows.append(cells)
    }

    /// The table, each line indented by `indent` spaces and ending with a newline; columns are
    /// separated by two spaces and the last column is not padded.
    func text(indent: Int = 2) -> String {
        let all = [header] + rows
        let widths = header.indices.map { column in all.map { $0[column].count }.max() ?? 0 }
        return all.map { cells in
            let padded = cells.enumerated().map { column, cell in
                column == cells.count - 1 ? cell : cell + String(repeating: " ", count: widths[column] - cell.count)
            }
            return String(repeating: " ", count: indent) + padded.joined(separator: "  ")
        }.joined(separator: "\n") + "\n"
    }
}
