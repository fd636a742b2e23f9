import RLCore

/// Pictures of grid tasks for the viewer: one square tile per cell, a label on special tiles,
/// and the agent as a disc.
enum GridPicture {
    /// The side of a tile in pixels (Gymnasium's toy-text tasks draw 64-pixel tiles on 8x8
    /// FrozenLake).
    static let tileSize = 64.0

    /// How a tile looks.
    struct TileStyle {
        var color: Color
        /// A short label drawn on the tile (`S`, `G`), or `nil`.
        var label: String?
    }

    static let gridLineColor = Color(red: 90, green: 90, blue: 90)

    /// Dark text on light tiles, white text on dark ones (holes, pits, cliffs), judged by the
    /// tile's luma (ITU-R BT.601 weights).
    static func labelColor(on tile: Color) -> Color {
        let luma = 0.299 * Double(tile.red) + 0.587 * Double(tile.green) + 0.114 * Double(tile.blue)
        return luma < 128 ? .white : Color(red: 20, green: 20, blue: 20)
    }

    /// The picture of `map` with the agent on `agentCell`: a canvas of `columns × 64` by
    /// `rows × 64` pixels with, in order, each tile's filled square, its outline, its label,
    /// and the agent's disc (radius 0.3 of a tile).
    static func drawing(of map: GridMap, agentCell: Int, agentColor: Color,
                        style: (Character) -> TileStyle) -> Drawing {
        var shapes: [Drawing.Shape] = []
        shapes.reserveCapacity(map.cellCount * 3 + 1)
        for cell in 0..<map.cellCount {
            let (row, column) = map.position(of: cell)
            let square = Rectangle(x: Double(column) * tileSize, y: Double(row) * tileSize,
                                   width: tileSize, height: tileSize)
            let tileStyle = style(map.tiles[cell])
            shapes.append(.rectangle(square, color: tileStyle.color))
            shapes.append(.rectangle(square, color: gridLineColor, filled: false))
            if let label = tileStyle.label {
                shapes.append(.text(label, at: Point(x: square.x + 4, y: square.y + 4), color: labelColor(on: tileStyle.color)))
            }
        }
        let (row, column) = map.position(of: agentCell)
        let center = Point(x: (Double(column) + 0.5) * tileSize, y: (Double(row) + 0.5) * tileSize)
        shapes.append(.circle(center: center, radius: 0.3 * tileSize, color: agentColor))
        return Drawing(width: map.columnCount * Int(tileSize), height: map.rowCount * Int(tileSize),
                       background: .white, shapes: shapes)
    }
}
