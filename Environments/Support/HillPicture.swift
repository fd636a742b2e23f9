import Foundation
import RLCore

/// The pictures of the two mountain-car tasks (discrete and continuous): Gymnasium's 600x400
/// drawing of the valley, the car and the flag, and a one-line text form.
enum HillPicture {
    static let width = 600.0
    static let height = 400.0
    static let minPosition = MountainCar.minPosition
    static let maxPosition = MountainCar.maxPosition
    /// Pixels per unit of position: the track's 1.8 units span the canvas.
    static let scale = width / (maxPosition - minPosition)

    static let carColor = Color.black
    static let wheelColor = Color(red: 128, green: 128, blue: 128)
    static let flagColor = Color(red: 204, green: 204, blue: 0)
    static let pushColor = Color(red: 200, green: 60, blue: 40)

    /// The valley's height at `position`: `sin(3x) · 0.45 + 0.55`.
    static func hillHeight(_ position: Double) -> Double {
        sin(3 * position) * 0.45 + 0.55
    }

    /// Gymnasium's picture on a 600x400 canvas (y downwards): the hill as 99 black segments,
    /// the black 40x20 car tilted with the slope 10 pixels above it, its two grey wheels, the
    /// flag pole at `goalPosition` with its yellow pennant, and, when `push` is given (the last
    /// force, −1 … 1), a red arrow from the car's centre that long and that way (60 pixels at
    /// full force).
    static func drawing(position: Double, goalPosition: Double, push: Double?) -> Drawing {
        // Gymnasium draws with y upwards and flips the surface; flip each point the same way.
        func flipped(_ x: Double, _ y: Double) -> Point { Point(x: x, y: height - y) }
        var shapes: [Drawing.Shape] = []
        var previous: Point?
        for index in 0..<100 {
            let x = minPosition + (maxPosition - minPosition) * Double(index) / 99
            let point = flipped((x - minPosition) * scale, hillHeight(x) * scale)
            if let previous { shapes.append(.line(from: previous, to: point, color: .black, width: 2)) }
            previous = point
        }

        let clearance = 10.0
        let (carWidth, carHeight) = (40.0, 20.0)
        let tilt = cos(3 * position)
        let base = ((position - minPosition) * scale, clearance + hillHeight(position) * scale)
        func placed(_ x: Double, _ y: Double) -> Point {
            // pygame's Vector2.rotate_rad(tilt): counter-clockwise in upward-y coordinates.
            flipped(x * cos(tilt) - y * sin(tilt) + base.0, x * sin(tilt) + y * cos(tilt) + base.1)
        }
        let (left, right, top, bottom) = (-carWidth / 2, carWidth / 2, carHeight, 0.0)
        shapes.append(.polygon([placed(left, bottom), placed(left, top), placed(right, top), placed(right, bottom)],
                               color: carColor))
        for offset in [carWidth / 4, -carWidth / 4] {
            shapes.append(.circle(center: placed(offset, 0), radius: Double(Int(carHeight / 2.5)), color: wheelColor))
        }

        let flagX = Double(Int((goalPosition - minPosition) * scale))
        let flagBottom = Double(Int(hillHeight(goalPosition) * scale))
        let flagTop = flagBottom + 50
        // The pole along the middle of the pixel column at flagX, so that it stays sharp.
        shapes.append(.line(from: flipped(flagX + 0.5, flagBottom), to: flipped(flagX + 0.5, flagTop), color: .black))
        shapes.append(.polygon([flipped(flagX, flagTop), flipped(flagX, flagTop - 10), flipped(flagX + 25, flagTop - 5)],
                               color: flagColor))

        if let push, push != 0 {
            let start = placed(0, carHeight / 2)
            let length = 60 * Swift.max(-1, Swift.min(1, push))
            let end = Point(x: start.x + length, y: start.y)
            let direction = length > 0 ? 1.0 : -1.0
            shapes.append(.line(from: start, to: end, color: pushColor, width: 4))
            shapes.append(.polygon([Point(x: end.x + 10 * direction, y: end.y), Point(x: end.x, y: end.y - 7),
                                    Point(x: end.x, y: end.y + 7)], color: pushColor))
        }
        return Drawing(width: Int(width), height: Int(height), background: .white, shapes: shapes)
    }

    /// `position -0.523  velocity +0.0012`, then a 49-column track from -1.2 to 0.6 with the
    /// car `o` and the flag `F`.
    static func text(position: Double, velocity: Double, goalPosition: Double) -> String {
        let columns = 49
        func column(_ x: Double) -> Int {
            Swift.min(columns - 1, Swift.max(0, Int(((x - minPosition) / (maxPosition - minPosition) * Double(columns - 1)).rounded())))
        }
        var track = [Character](repeating: "_", count: columns)
        track[column(goalPosition)] = "F"
        track[column(position)] = "o"
        return String(format: "position %+.3f  velocity %+.4f  (flag at %.2f)\n", position, velocity, goalPosition)
            + "|" + String(track) + "|\n"
    }
}
