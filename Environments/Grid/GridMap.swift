import RLCore

/// A rectangular grid of tiles read from text: the layout behind FrozenLake, CliffWalking and
/// grid worlds. Cells are numbered row by row from the top-left corner, `row * columns +
/// column`, which is how Gymnasium numbers the states of its grid tasks.
struct GridMap: Equatable, Sendable {
    /// The most rows and the most columns a map may have: 1,000 (a million cells, whose
    /// transition table takes a few hundred megabytes).
    static let maximumSide = 1_000

    /// The number of rows.
    let rowCount: Int
    /// The number of columns.
    let columnCount: Int
    /// The tiles, row by row.
    let tiles: [Character]
    /// The 1-based line of the text each row came from, for error messages.
    let lineNumbers: [Int]

    /// Reads a grid from its rows.
    ///
    /// - Parameters:
    ///   - rows: the rows, each with its line number.
    ///   - tileNames: each allowed tile and its name, for the error message on other tiles.
    /// - Throws: ``EnvironmentError/invalidMap(line:message:)`` naming the line of a row whose
    ///   length differs from the first row's, that contains a tile not in `tileNames` or is
    ///   longer than ``maximumSide``, and with no line when there are no rows or more than
    ///   ``maximumSide``. Sizes are checked before any tile is stored.
    init(rows: [MapLine], tileNames: [(tile: Character, name: String)]) throws {
        guard let first = rows.first else {
            throw EnvironmentError.invalidMap(line: nil, message: "the map has no rows")
        }
        guard rows.count <= Self.maximumSide else {
            throw EnvironmentError.invalidMap(
                line: nil, message: "the map has \(rows.count) rows; at most \(Self.maximumSide) are allowed")
        }
        let columnCount = first.text.count
        guard columnCount <= Self.maximumSide else {
            throw EnvironmentError.invalidMap(
                line: first.number, message: "the row has \(columnCount) tiles; at most \(Self.maximumSide) are allowed")
        }
        var tiles: [Character] = []
        tiles.reserveCapacity(rows.count * columnCount)
        for row in rows {
            let rowTiles = Array(row.text)
            if let column = rowTiles.firstIndex(where: { tile in !tileNames.contains { $0.tile == tile } }) {
                let known = tileNames.map { "\($0.tile) (\($0.name))" }.joined(separator: ", ")
                throw EnvironmentError.invalidMap(
                    line: row.number, message: "unknown tile \(Self.shown(rowTiles[column])) in column \(column + 1); tiles are \(known)")
            }
            guard rowTiles.count == columnCount else {
                throw EnvironmentError.invalidMap(
                    line: row.number, message: "the row has \(rowTiles.count) tiles but the first row has \(columnCount); rows must be equally long")
            }
            tiles += rowTiles
        }
        self.rowCount = rows.count
        self.columnCount = columnCount
        self.tiles = tiles
        self.lineNumbers = rows.map(\.number)
    }

    /// A tile as an error message shows it: `'X'`, or its code point for a character that would
    /// not print or would disturb the line (`U+0000`, a control character, a line separator).
    static func shown(_ tile: Character) -> String {
        let printable = tile.unicodeScalars.allSatisfy { scalar in
            !scalar.properties.generalCategory.isControlOrSeparator && scalar.properties.generalCategory != .format
        }
        if (printable || tile == " ") && tile != "'" { return "'\(tile)'" }
        return tile.unicodeScalars.map { "U+" + String($0.value, radix: 16, uppercase: true).leftPadded(to: 4) }.joined(separator: " ")
    }

    /// The number of cells.
    var cellCount: Int { tiles.count }

    /// The rows as strings.
    var rows: [String] {
        (0..<rowCount).map { String(tiles[($0 * columnCount)..<(($0 + 1) * columnCount)]) }
    }

    /// The cells holding `tile`, in order.
    func cells(of tile: Character) -> [Int] {
        tiles.indices.filter { tiles[$0] == tile }
    }

    /// The row and column of a cell.
    func position(of cell: Int) -> (row: Int, column: Int) {
        (cell / columnCount, cell % columnCount)
    }

    /// The 1-based text line of a cell's row.
    func line(of cell: Int) -> Int { lineNumbers[cell / columnCount] }

    /// The cell reached by moving from `cell` in `direction`: the same cell when the move
    /// would leave the grid or enter a tile for which `isBlocked` is true.
    func neighbor(of cell: Int, _ direction: GridDirection, isBlocked: (Character) -> Bool = { _ in false }) -> Int {
        let (row, column) = position(of: cell)
        let newRow = row + direction.rowStep
        let newColumn = column + direction.columnStep
        guard newRow >= 0, newRow < rowCount, newColumn >= 0, newColumn < columnCount else { return cell }
        let target = newRow * columnCount + newColumn
        return isBlocked(tiles[target]) ? cell : target
    }

    /// The cells reachable from any of `starts` by moves in the four directions, never moving on
    /// from a tile where `canLeave` is false (holes, pits, goals) nor into a blocked tile. One
    /// search for all starts: linear in the number of cells.
    func reachableCells(from starts: [Int], canLeave: (Character) -> Bool,
                        isBlocked: (Character) -> Bool = { _ in false }) -> [Bool] {
        search(from: starts) { cell, visit in
            guard canLeave(tiles[cell]) else { return }
            for direction in GridDirection.allCases { visit(neighbor(of: cell, direction, isBlocked: isBlocked)) }
        }
    }

    /// The cells from which some cell of `targets` can be reached (the targets included), with
    /// the same moves as ``reachableCells(from:canLeave:isBlocked:)``: one backward search from
    /// all targets, linear in the number of cells, however many starts are checked against it.
    func cellsReaching(_ targets: [Int], canLeave: (Character) -> Bool,
                       isBlocked: (Character) -> Bool = { _ in false }) -> [Bool] {
        search(from: targets) { cell, visit in
            // A move from a neighbour lands here unless this tile is blocked (then it stays put).
            guard !isBlocked(tiles[cell]) else { return }
            let (row, column) = position(of: cell)
            for direction in GridDirection.allCases {
                // The neighbour on that side moves here with the opposite move.
                let fromRow = row - direction.rowStep
                let fromColumn = column - direction.columnStep
                guard fromRow >= 0, fromRow < rowCount, fromColumn >= 0, fromColumn < columnCount else { continue }
                let from = fromRow * columnCount + fromColumn
                if canLeave(tiles[from]) && !isBlocked(tiles[from]) { visit(from) }
            }
        }
    }

    /// Which cells a search from `sources` reaches, each cell expanded once: `expand` calls
    /// `visit` with the cells one step on from a cell.
    private func search(from sources: [Int], expand: (_ cell: Int, _ visit: (Int) -> Void) -> Void) -> [Bool] {
        var reached = [Bool](repeating: false, count: cellCount)
        var frontier: [Int] = []
        func visit(_ cell: Int) {
            guard !reached[cell] else { return }
            reached[cell] = true
            frontier.append(cell)
        }
        for source in sources { visit(source) }
        while let cell = frontier.popLast() { expand(cell, visit) }
        return reached
    }
}

extension Unicode.GeneralCategory {
    /// Control characters, line and paragraph separators and spaces other than the plain one.
    fileprivate var isControlOrSeparator: Bool {
        switch self {
        case .control, .lineSeparator, .paragraphSeparator, .spaceSeparator, .surrogate, .unassigned, .privateUse: true
        default: false
        }
    }
}

extension String {
    /// The string with zeros in front up to `width` characters.
    fileprivate func leftPadded(to width: Int) -> String {
        String(repeating: "0", count: max(0, width - count)) + self
    }
}
