import Foundation
import RLCore

/// Figures the grid pictures share, drawn with ``Drawing`` shapes in a tile of any size: the
/// agent as a little person in a pointed hat, a goal flag, a cracked hole, an ellipse.
///
/// Sizes are fractions of the tile's side, so the figures scale with it; colours are given by
/// the picture, except the person's face and the flag's pole.
enum PictureFigures {
    /// How the person stands.
    enum Pose {
        /// Arms down, on the tile.
        case standing
        /// Arms up: the goal is reached.
        case cheering
        /// Up to the chest in a hole, arms up, with rings in the water around.
        case sinking
    }

    static let skinColor = Color(red: 246, green: 208, blue: 172)
    static let tunicColor = Color(red: 40, green: 140, blue: 80)
    static let legColor = Color(red: 60, green: 50, blue: 70)
    static let eyeColor = Color(red: 30, green: 30, blue: 40)
    static let poleColor = Color(red: 95, green: 72, blue: 50)

    /// A filled ellipse as a 24-sided polygon.
    static func ellipse(center: Point, radiusX: Double, radiusY: Double, color: Color) -> Drawing.Shape {
        .polygon((0..<24).map { index in
            let angle = Double(index) / 24 * 2 * Double.pi
            return Point(x: center.x + radiusX * cos(angle), y: center.y + radiusY * sin(angle))
        }, color: color)
    }

    /// The agent as a person in `tile` (a square): a tunic, a face with two eyes, and a pointed
    /// hat in `hatColor` with a white bobble, in `pose`.
    static func person(in tile: Rectangle, hatColor: Color, pose: Pose, waterColor: Color? = nil) -> [Drawing.Shape] {
        let side = tile.width
        let centerX = tile.x + side / 2
        func at(_ x: Double, _ y: Double) -> Point { Point(x: centerX + x * side, y: tile.y + y * side) }
        var shapes: [Drawing.Shape] = []
        // The figure's vertical placement: sinking puts the head where the chest was.
        let drop = pose == .sinking ? 0.2 : 0.0
        if pose == .sinking {
            // Rings spreading on the water, drawn as a light ellipse with the water inside.
            shapes.append(ellipse(center: at(0, 0.6), radiusX: 0.34 * side, radiusY: 0.14 * side, color: Color(red: 190, green: 225, blue: 245)))
            shapes.append(ellipse(center: at(0, 0.6), radiusX: 0.25 * side, radiusY: 0.08 * side,
                                  color: waterColor ?? Color(red: 20, green: 45, blue: 90)))
        } else {
            shapes.append(ellipse(center: at(0, 0.84), radiusX: 0.2 * side, radiusY: 0.05 * side, color: Color(red: 0, green: 0, blue: 0, alpha: 45)))
            // Legs.
            for sideSign in [-1.0, 1.0] {
                shapes.append(.line(from: at(0.06 * sideSign, 0.62), to: at(0.08 * sideSign, 0.82), color: legColor, width: 0.07 * side))
            }
        }
        // Arms, then the tunic over their shoulders.
        let raised = pose != .standing
        for sideSign in [-1.0, 1.0] {
            let hand = raised ? at(0.22 * sideSign, 0.2 + drop) : at(0.2 * sideSign, 0.6)
            shapes.append(.line(from: at(0.09 * sideSign, 0.45 + drop), to: hand, color: tunicColor, width: 0.065 * side))
            shapes.append(.circle(center: hand, radius: 0.04 * side, color: skinColor))
        }
        if pose == .sinking {
            // Only the chest shows above the water.
            shapes.append(.polygon([at(-0.12, 0.42 + drop), at(0.12, 0.42 + drop), at(0.14, 0.6), at(-0.14, 0.6)], color: tunicColor))
        } else {
            shapes.append(.polygon([at(-0.11, 0.42), at(0.11, 0.42), at(0.17, 0.66), at(-0.17, 0.66)], color: tunicColor))
        }
        // The head, the eyes, the hat and its bobble.
        shapes.append(.circle(center: at(0, 0.33 + drop), radius: 0.105 * side, color: skinColor))
        for sideSign in [-1.0, 1.0] {
            shapes.append(.circle(center: at(0.038 * sideSign, 0.34 + drop), radius: 0.018 * side, color: eyeColor))
        }
        shapes.append(.polygon([at(-0.14, 0.28 + drop), at(0.14, 0.28 + drop), at(0.05, 0.06 + drop)], color: hatColor))
        shapes.append(.circle(center: at(0.05, 0.06 + drop), radius: 0.035 * side, color: .white))
        return shapes
    }

    /// A flag on a pole standing in `tile`, its cloth in `color`, on a small mound of `mound`.
    static func flag(in tile: Rectangle, color: Color, mound: Color) -> [Drawing.Shape] {
        let side = tile.width
        func at(_ x: Double, _ y: Double) -> Point { Point(x: tile.x + x * side, y: tile.y + y * side) }
        return [
            ellipse(center: at(0.32, 0.84), radiusX: 0.16 * side, radiusY: 0.06 * side, color: mound),
            .line(from: at(0.32, 0.86), to: at(0.32, 0.14), color: poleColor, width: 0.045 * side),
            .polygon([at(0.34, 0.15), at(0.78, 0.27), at(0.34, 0.41)], color: color),
            .circle(center: at(0.32, 0.14), radius: 0.035 * side, color: Color(red: 250, green: 215, blue: 90)),
        ]
    }

    /// A hole broken into the surface of `tile`: dark water with a darker middle, and cracks
    /// running out from its rim. `variant` (the cell's number) turns the cracks, so that holes
    /// side by side differ.
    static func crackedHole(in tile: Rectangle, water: Color, depth: Color, crack: Color, variant: Int) -> [Drawing.Shape] {
        let side = tile.width
        let center = Point(x: tile.x + 0.5 * side, y: tile.y + 0.53 * side)
        // A rough rim: the radius wobbles around the ellipse.
        let wobble = [1.0, 0.9, 1.05, 0.95, 1.08, 0.88, 1.0, 1.06, 0.92, 1.04, 0.9, 1.02]
        let rim = (0..<wobble.count).map { index -> Point in
            let angle = Double(index) / Double(wobble.count) * 2 * Double.pi
            let scale = wobble[(index + variant) % wobble.count]
            return Point(x: center.x + 0.36 * side * scale * cos(angle), y: center.y + 0.3 * side * scale * sin(angle))
        }
        var shapes: [Drawing.Shape] = []
        // Cracks first, so the water covers where they start.
        for index in 0..<5 {
            let angle = (Double(index) + 0.3 * Double(variant % 3)) / 5 * 2 * Double.pi + 0.4
            let start = Point(x: center.x + 0.3 * side * cos(angle), y: center.y + 0.25 * side * sin(angle))
            let bend = Point(x: center.x + 0.41 * side * cos(angle + 0.12), y: center.y + 0.36 * side * sin(angle + 0.12))
            let end = Point(x: center.x + 0.48 * side * cos(angle - 0.05), y: center.y + 0.44 * side * sin(angle - 0.05))
            shapes.append(.line(from: start, to: bend, color: crack, width: 0.03 * side))
            shapes.append(.line(from: bend, to: end, color: crack, width: 0.022 * side))
        }
        shapes.append(.polygon(rim, color: water))
        shapes.append(ellipse(center: Point(x: center.x + 0.03 * side, y: center.y + 0.03 * side),
                              radiusX: 0.22 * side, radiusY: 0.16 * side, color: depth))
        return shapes
    }
}
