import Foundation
import RLCore
import RLEnvironments
import Testing
@testable import RLViewer

extension SDLSuite {
    /// Acrobot's, the mountain cars' and Pendulum's pictures, drawn offscreen and checked where
    /// their parts must be.
    @Suite struct ClassicControlPictureTests {
        static let link = Color(red: 0, green: 204, blue: 204)
        static let joint = Color(red: 204, green: 204, blue: 0)
        static let flag = Color(red: 204, green: 204, blue: 0)
        static let wheel = Color(red: 128, green: 128, blue: 128)
        static let push = Color(red: 200, green: 60, blue: 40)
        static let rod = Color(red: 204, green: 77, blue: 77)

        func picture(of environment: some Environment) throws -> PixelImage {
            let canvas = OffscreenCanvas()
            try canvas.render(environment.drawing())
            return try canvas.image()
        }

        func acrobot(_ theta1: Double, _ theta2: Double) throws -> PixelImage {
            var acrobot = Acrobot()
            acrobot.setState(Acrobot.State(theta1: theta1, theta2: theta2, angularVelocity1: 0, angularVelocity2: 0))
            return try picture(of: acrobot)
        }

        @Test func acrobotHangsDownBelowTheGoalLine() throws {
            let image = try acrobot(0, 0)
            #expect((image.width, image.height) == (500, 500))
            // 500 pixels for 4.4 link lengths: a link is about 113.6 pixels, the pivot at (250, 250).
            #expect(image[x: 250, y: 250] == Self.joint)
            #expect(image[x: 250, y: 250 + 60] == Self.link && image[x: 250, y: 250 + 170] == Self.link)
            #expect(image[x: 250, y: 250 + 114] == Self.joint)
            #expect(image[x: 250, y: 250 - 40] == .white)
            // The goal line, one link above the pivot, across the picture.
            #expect(image.columns(of: .black, inRow: 136).count > 450)
        }

        @Test(arguments: [(Double.pi / 2, 1.0), (-Double.pi / 2, -1.0)])
        func acrobotFirstLinkSwingsToTheSideOfItsAngle(theta1: Double, side: Double) throws {
            // θ₁ = ±π/2 with the second link straight on: the chain lies horizontally.
            let image = try acrobot(theta1, 0)
            let x = 250 + Int(side * 60)
            #expect(image[x: x, y: 250] == Self.link)
            #expect(image[x: 250 + Int(side * 170), y: 250] == Self.link)
            #expect(image[x: 250 - Int(side * 60), y: 250] == .white)
        }

        @Test func acrobotUprightReachesAboveTheGoalLine() throws {
            let image = try acrobot(.pi, 0)
            #expect(image[x: 250, y: 250 - 200] == Self.link)
            #expect(image[x: 250, y: 250 + 60] == .white)
        }

        @Test(arguments: [-1.1, -0.5, 0.3])
        func mountainCarSitsOnTheHillAtItsPosition(position: Double) throws {
            var car = try MountainCar()
            car.setState(MountainCar.State(position: position, velocity: 0))
            let image = try picture(of: car)
            #expect((image.width, image.height) == (600, 400))
            let x = Int((position + 1.2) * 600 / 1.8)
            let ground = 400 - (sin(3 * position) * 0.45 + 0.55) * 600 / 1.8
            // The car's body a little above the hill, its wheels on it, the sky above.
            let column = (0..<400).map { image[x: x, y: $0] }
            let carRows = column.indices.filter { column[$0] == .black && Double($0) < ground - 12 }
            #expect(!carRows.isEmpty, "no car above the hill at x = \(x)")
            #expect(carRows.allSatisfy { Double($0) > ground - 40 })
            #expect(image.count(of: Self.wheel) > 100)
            // The yellow pennant at the goal, 0.5, near the right end.
            let flagX = Int((0.5 + 1.2) * 600 / 1.8)
            #expect(image.pixels.indices.filter { image.pixels[$0] == Self.flag }.allSatisfy { abs($0 % 600 - flagX - 12) <= 14 })
            #expect(image.count(of: Self.flag) > 80)
        }

        @Test func continuousMountainCarShowsItsLastForce() throws {
            var car = try MountainCarContinuous()
            _ = car.reset(seed: 1)
            #expect(try picture(of: car).count(of: Self.push) == 0)
            _ = try car.step(0.8)
            let right = try picture(of: car)
            let carX = Int((car.state.position + 1.2) * 600 / 1.8)
            let pushed = right.pixels.indices.filter { right.pixels[$0] == Self.push }.map { $0 % 600 }
            #expect(pushed.count > 100 && pushed.allSatisfy { $0 >= carX - 2 })
            _ = try car.step(-1)
            let left = try picture(of: car)
            #expect(left.pixels.indices.filter { left.pixels[$0] == Self.push }.allSatisfy { $0 % 600 <= carX + 2 })
            // The flag stands at 0.45 here, left of MountainCar-v0's 0.5.
            let flagColumns = left.pixels.indices.filter { left.pixels[$0] == Self.flag }.map { $0 % 600 }
            #expect(flagColumns.min() == Int((0.45 + 1.2) * 600 / 1.8))
        }

        @Test(arguments: [(0.0, 0, -1), (Double.pi / 2, -1, 0), (Double.pi, 0, 1), (-Double.pi / 2, 1, 0), (4 * Double.pi, 0, -1)])
        func pendulumRodPointsAlongItsAngle(angle: Double, dx: Int, dy: Int) throws {
            var pendulum = try Pendulum()
            pendulum.setState(Pendulum.State(angle: angle, angularVelocity: 0))
            let image = try picture(of: pendulum)
            #expect((image.width, image.height) == (500, 500))
            // 0 is upright; a positive angle turns counter-clockwise; the rod is 113.6 pixels long.
            #expect(image[x: 250 + dx * 80, y: 250 + dy * 80] == Self.rod)
            #expect(image[x: 250 - dx * 80, y: 250 - dy * 80] == .white)
            #expect(image[x: 250, y: 250] == .black)   // the axle
        }

        @Test func pendulumTorqueArrowGrowsWithTheTorque() throws {
            var pendulum = try Pendulum()
            pendulum.setState(Pendulum.State(angle: 0, angularVelocity: 0))
            #expect(try picture(of: pendulum).count(of: .black) < 100)   // the axle only
            _ = try pendulum.step(0.5)
            let weak = try picture(of: pendulum).count(of: .black)
            pendulum.setState(Pendulum.State(angle: 0, angularVelocity: 0))
            _ = try pendulum.step(-2)
            let strong = try picture(of: pendulum).count(of: .black)
            #expect(weak > 300 && strong > weak)
        }
    }
}
