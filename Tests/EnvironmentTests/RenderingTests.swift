import Foundation
import RLCore
import RLEnvironments
import Testing

@Suite("Rendering")
struct RenderingTests {
    let red = "\u{1B}[41m", reset = "\u{1B}[0m"

    @Test("FrozenLake's text is Gymnasium's: the last action, then the map with the agent on red")
    func frozenLakeText() throws {
        var lake = try FrozenLake(isSlippery: false)
        _ = lake.reset(seed: 0)
        #expect(lake.renderText() == "\n\(red)S\(reset)FFF\nFHFH\nFFFH\nHFFG\n")
        _ = try lake.step(1)
        #expect(lake.renderText() == "  (Down)\nSFFF\n\(red)F\(reset)HFH\nFFFH\nHFFG\n")
        _ = try lake.step(2)
        #expect(lake.renderText() == "  (Right)\nSFFF\nF\(red)H\(reset)FH\nFFFH\nHFFG\n")
    }

    @Test("FrozenLake's picture: 64-pixel tiles in map order, a hole in each H, the flag on G, the agent last")
    func frozenLakeDrawing() throws {
        var lake = try FrozenLake(mapName: "8x8", isSlippery: false)
        _ = lake.reset(seed: 0)
        _ = try lake.step(2)
        let drawing = lake.drawing()
        #expect(drawing.width == 512 && drawing.height == 512)
        #expect(lake.framesPerSecond == 4)
        let squares = drawing.shapes.compactMap { shape -> (Rectangle, Color)? in
            if case .rectangle(let rectangle, let color, true) = shape { return (rectangle, color) }
            return nil
        }
        #expect(squares.count == 64)
        #expect(squares[9].0 == Rectangle(x: 64, y: 64, width: 64, height: 64))
        // The start's ice is paler than the rest.
        #expect(squares[0].1 != squares[1].1 && Set(squares.dropFirst().map(\.1)).count == 1)
        // A polygon of dark water in every hole, in the middle of its tile.
        let holeColor = Color(red: 25, green: 55, blue: 110)
        let water = drawing.shapes.compactMap { shape -> Point? in
            guard case .polygon(let points, let color) = shape, color == holeColor else { return nil }
            return Point(x: points.map(\.x).reduce(0, +) / Double(points.count), y: points.map(\.y).reduce(0, +) / Double(points.count))
        }
        let holes = lake.map.joined().enumerated().filter { $0.element == "H" }.map(\.offset)
        #expect(water.map { Int($0.y / 64) * 8 + Int($0.x / 64) } == holes)
        // The goal's flag, and the agent last: its red hat in the tile of cell 1.
        #expect(drawing.shapes.contains { if case .polygon(let points, Color(red: 250, green: 205, blue: 60)) = $0 {
            points.allSatisfy { $0.x > 448 && $0.y > 448 } } else { false } })
        let hat = Color(red: 200, green: 60, blue: 40)
        let lastHat = try #require(drawing.shapes.lastIndex { if case .polygon(_, hat) = $0 { true } else { false } })
        #expect(lastHat > drawing.shapes.count - 4)
        if case .polygon(let points, _) = drawing.shapes[lastHat] {
            #expect(points.allSatisfy { $0.x > 64 && $0.x < 128 && $0.y > 0 && $0.y < 64 })
        }
        // The start's label, dark on its light ice.
        let labels = drawing.shapes.compactMap { shape -> (String, Color)? in
            if case .text(let label, _, let color) = shape { return (label, color) }
            return nil
        }
        #expect(labels.map(\.0) == ["S"] && labels[0].1 != .white)
    }

    @Test("CliffWalking's text is Gymnasium's")
    func cliffWalkingText() throws {
        var cliff = CliffWalking()
        _ = cliff.reset(seed: 0)
        let ground = "o  o  o  o  o  o  o  o  o  o  o  o\n"
        #expect(cliff.renderText() == ground + ground + ground + "x  C  C  C  C  C  C  C  C  C  C  T\n\n")
        _ = try cliff.step(0)
        #expect(cliff.renderText() == ground + ground + "x  o  o  o  o  o  o  o  o  o  o  o\n"
                + "o  C  C  C  C  C  C  C  C  C  C  T\n\n")
    }

    @Test("CliffWalking's and GridWorld's pictures have a tile per cell and the agent")
    func gridPictures() throws {
        let cliff = CliffWalking().drawing()
        #expect(cliff.width == 12 * 64 && cliff.height == 4 * 64)
        func tiles(_ drawing: Drawing) -> Int {
            drawing.shapes.filter { shape in
                if case .rectangle(let rectangle, _, true) = shape { rectangle.width == 64 && rectangle.height == 64 } else { false }
            }.count
        }
        func hats(_ drawing: Drawing) -> Int {
            drawing.shapes.filter { if case .polygon(_, Color(red: 200, green: 60, blue: 40)) = $0 { true } else { false } }.count
        }
        #expect(tiles(cliff) == 48 && hats(cliff) == 1)
        let world = GridWorld()
        let picture = world.drawing()
        #expect(picture.width == 640 && picture.height == 448)
        #expect(tiles(picture) == 70 && hats(picture) == 1)
        #expect(world.framesPerSecond == 4 && CliffWalking().framesPerSecond == 4)
    }

    @Test("GridWorld's text highlights the agent under the last action")
    func gridWorldText() throws {
        var world = try GridWorld(mapText: "S.#\n..G")
        _ = world.reset(seed: 0)
        #expect(world.renderText() == "\n\(red)S\(reset).#\n..G\n")
        _ = try world.step(2)
        #expect(world.renderText() == "  (Down)\nS.#\n\(red).\(reset).G\n")
    }

    @Test("CartPole's text shows the numbers and the cart on the track")
    func cartPoleText() {
        var cartPole = CartPole()
        cartPole.setState(CartPole.State(cartPosition: 0, cartVelocity: 0.5, poleAngle: 0.1, poleAngularVelocity: 0))
        let lines = cartPole.renderText().split(separator: "\n", omittingEmptySubsequences: false)
        #expect(lines.count == 4 && lines[3].isEmpty)
        #expect(lines[0].contains("x +0.000 m") && lines[0].contains("v +0.500 m/s") && lines[0].contains("angle +5.730°"))
        #expect(lines[2] == "|-----------------------[_]-----------------------|")
        #expect(lines[1].firstIndex(of: "/").map { lines[1].distance(from: lines[1].startIndex, to: $0) } == 25)
        cartPole.setState(CartPole.State(cartPosition: -2.4, cartVelocity: 0, poleAngle: -0.1, poleAngularVelocity: 0))
        let left = cartPole.renderText().split(separator: "\n")
        #expect(left[2].hasPrefix("[_]"))
        #expect(left[1].hasPrefix(" \\"))
    }

    @Test("CartPole's picture is Gymnasium's: 600x400, track, black cart, tan pole, blue axle")
    func cartPoleDrawing() {
        var cartPole = CartPole()
        cartPole.setState(CartPole.State(cartPosition: 0.4, cartVelocity: 0, poleAngle: 0, poleAngularVelocity: 0))
        let drawing = cartPole.drawing()
        #expect(drawing.width == 600 && drawing.height == 400 && drawing.background == .white)
        #expect(cartPole.framesPerSecond == 50)
        guard drawing.shapes.count == 4,
              case .polygon(let cart, let cartColor) = drawing.shapes[0],
              case .polygon(let pole, let poleColor) = drawing.shapes[1],
              case .circle(let axle, let radius, let axleColor) = drawing.shapes[2],
              case .line(let from, let to, let lineColor, _) = drawing.shapes[3] else {
            Issue.record("unexpected shapes \(drawing.shapes)")
            return
        }
        // Cart centre at 300 + 0.4 × 125 = 350; its top edge 30 px tall around y = 400 − 100.
        #expect(cart.map(\.x).min() == 325 && cart.map(\.x).max() == 375)
        #expect(cart.map(\.y).min() == 285 && cart.map(\.y).max() == 315)
        #expect(cartColor == .black)
        #expect(poleColor == Color(red: 202, green: 152, blue: 101))
        // Upright pole: 10 wide, from 5 below the axle to 125 − 5 above it.
        #expect(pole.map(\.x).min() == 345 && pole.map(\.x).max() == 355)
        #expect(pole.map(\.y).min() == 400 - (100 + 7.5 + 120) && pole.map(\.y).max() == 400 - (100 + 7.5 - 5))
        #expect(axle == Point(x: 350, y: 400 - 107) && radius == 5)
        #expect(axleColor == Color(red: 129, green: 132, blue: 203))
        // The track along the middle of the row of pixels above y = 300, one sharp row.
        #expect(from == Point(x: 0, y: 299.5) && to == Point(x: 600, y: 299.5) && lineColor == .black)

        // Leaning right (positive angle), the pole's top moves right.
        cartPole.setState(CartPole.State(cartPosition: 0, cartVelocity: 0, poleAngle: 0.2, poleAngularVelocity: 0))
        guard case .polygon(let leaning, _) = cartPole.drawing().shapes[1] else { return }
        let topEdge = leaning.sorted { $0.y < $1.y }.prefix(2)
        let topCentreX = topEdge.map(\.x).reduce(0, +) / 2
        #expect(abs(topCentreX - (300 + 120 * sin(0.2))) < 1e-9)
    }

    @Test("the classic-control tasks' text: numbers, and the mountain cars' track with the car and the flag")
    func classicControlText() throws {
        var acrobot = Acrobot()
        acrobot.setState(Acrobot.State(theta1: .pi / 2, theta2: 0, angularVelocity1: 1, angularVelocity2: -2))
        #expect(acrobot.renderText() == "θ1   +90.0°  θ2    +0.0°  ω1  +1.000 rad/s  ω2  -2.000 rad/s\ntip height -0.000 (goal: above +1.000)\n")
        var car = try MountainCar()
        car.setState(MountainCar.State(position: -1.2, velocity: 0))
        let lines = car.renderText().split(separator: "\n")
        #expect(lines[0] == "position -1.200  velocity +0.0000  (flag at 0.50)")
        #expect(lines[1] == "|o" + String(repeating: "_", count: 44) + "F___|")   // 0.5 is column 45 of 0 ... 48
        var pendulum = try Pendulum()
        pendulum.setState(Pendulum.State(angle: 2 * .pi + 0.5, angularVelocity: -1))
        #expect(pendulum.renderText() == "angle   +28.6° from upright  angular velocity -1.000 rad/s  torque none yet\n")
        _ = try pendulum.step(-3)
        #expect(pendulum.renderText().hasSuffix("torque -2.000 N m\n"))
    }
}
