import RLCore

/// Pictures of grid tasks for the viewer: one square tile per cell, drawn by the task (ice and
/// holes, grass and cliffs, floor and walls), and the agent as a little person
/// (``PictureFigures``) who cheers on a goal and sinks into a hole.
enum GridPicture {
    /// The side of a tile in pixels (Gymnasium's toy-text tasks draw 64-pixel tiles on 8x8
    /// FrozenLake).
    static let tileSize = 64.0

    /// The agent's hat: the colour the agent has always had in these pictures.
    static let agentColor = Color(red: 200, green: 60, blue: 40)

    /// Dark text on light tiles, white text on dark ones (holes, pits, cliffs), judged by the
    /// tile's luma (ITU-R BT.601 weights).
    static func labelColor(on tile: Color) -> Color {
        let luma = 0.299 * Double(tile.red) + 0.587 * Double(tile.green) + 0.114 * Double(tile.blue)
        return luma < 128 ? .white : Color(red: 20, green: 20, blue: 20)
    }

    /// The square of `cell` on the canvas.
    static func tile(of cell: Int, in map: GridMap) -> Rectangle {
        let (row, column) = map.position(of: cell)
        return Rectangle(x: Double(column) * tileSize, y: Double(row) * tileSize, width: tileSize, height: tileSize)
    }

    /// The picture of `map` with the agent on `agentCell` in `pose`: a canvas of
    /// `columns × 64` by `rows × 64` pixels with each tile's shapes (from `tile`, given the
    /// tile's character, its square and its cell), then the agent.
    static func drawing(of map: GridMap, agentCell: Int, pose: PictureFigures.Pose, waterColor: Color? = nil,
                        tile shapes: (Character, Rectangle, Int) -> [Drawing.Shape]) -> Drawing {
        var all: [Drawing.Shape] = []
        for cell in 0..<map.cellCount {
            all += shapes(map.tiles[cell], tile(of: cell, in: map), cell)
        }
        all += PictureFigures.person(in: tile(of: agentCell, in: map), hatColor: agentColor, pose: pose, waterColor: waterColor)
        return Drawing(width: map.columnCount * Int(tileSize), height: map.rowCount * Int(tileSize),
                       background: .white, shapes: all)
    }

    /// A tile's label (`S`, a letter tile's letter) in its top-left corner.
    static func label(_ text: String, in square: Rectangle, on color: Color) -> Drawing.Shape {
        .text(text, at: Point(x: square.x + 4, y: square.y + 4), color: labelColor(on: color))
    }
}
