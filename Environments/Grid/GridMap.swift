import RLCore

/// A rectangular grid of tiles read from text: the layout behind FrozenLake, CliffWalking and
/// grid worlds. Cells are numbered row by row from the top-left corner, `row * columns +
/// column`, which is how Gymnasium numbers the states of its grid tasks.
struct GridMap: Equatable, Sendable {
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
    ///   length differs from the first row's or that contains a tile not in `tileNames`, and
    ///   with no line when there are no rows.
    init(rows: [MapLine], tileNames: [(tile: Character, name: String)]) throws {
        guard let first = rows.first else {
            throw EnvironmentError.invalidMap(line: nil, message: "the map has no rows")
        }
        let columnCount = first.text.count
        var tiles: [Character] = []
        tiles.reserveCapacity(rows.count * columnCount)
        for row in rows {
            let rowTiles = Array(row.text)
            if let column = rowTiles.firstIndex(where: { tile in !tileNames.contains { $0.tile == tile } }) {
                let known = tileNames.map { "\($0.tile) (\($0.name))" }.joined(separator: ", ")
                throw EnvironmentError.invalidMap(
                    line: row.number, message: "unknown tile '\(rowTiles[column])' in column \(column + 1); tiles are \(known)")
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

    /// The cells reachable from `start` by moves in the four directions, never moving on from
    /// a tile where `canLeave` is false (holes, pits, goals) nor into a blocked tile.
    func reachableCells(from start: Int, canLeave: (Character) -> Bool,
                        isBlocked: (Character) -> Bool = { _ in false }) -> Set<Int> {
        var reached: Set<Int> = [start]
        var frontier = [start]
        while let cell = frontier.popLast() {
            guard canLeave(tiles[cell]) else { continue }
            for direction in GridDirection.allCases {
                let next = neighbor(of: cell, direction, isBlocked: isBlocked)
                if reached.insert(next).inserted { frontier.append(next) }
            }
        }
        return reached
    }
}
