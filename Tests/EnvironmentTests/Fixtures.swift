import Foundation
import RLCore
import Testing

/// The Gymnasium 1.4 reference fixtures in Tests/Fixtures, read once.
enum Fixtures {
    /// One outcome of `P[s][a]`.
    struct Outcome: Decodable, Equatable {
        let p: Double
        let next: Int
        let reward: Double
        let terminated: Bool
    }

    struct FrozenLakeFile: Decodable {
        struct Variant: Decodable {
            let map: [String]
            let slippery: Bool
            let maxEpisodeSteps: Int
            let optimalSuccessWithinLimit: Double
            let transitions: [[[Outcome]]]
        }
        let maps: [String: Variant]
    }

    struct CliffWalkingFile: Decodable {
        let start: Int
        let transitions: [[[Outcome]]]
    }

    struct CartPoleFile: Decodable {
        struct Step: Decodable {
            let action: Int
            let observation: [Double]
            let state: [Double]
            let reward: Double
            let terminated: Bool
        }
        struct Trajectory: Decodable {
            let initialState: [Double]
            let steps: [Step]
        }
        let trajectories: [Trajectory]
    }

    /// A registry entry, as the classic fixtures record it (`env`).
    struct Spec: Decodable, Equatable {
        let id: String
        let maxEpisodeSteps: Int?
        let rewardThreshold: Double?
    }

    /// A `Box` as the fixtures record it.
    struct BoxSpace: Decodable {
        let low: [Double]
        let high: [Double]
    }

    /// Acrobot, MountainCar, MountainCarContinuous and Pendulum trajectories; `Action` is `Int`
    /// for the discrete tasks and `[Double]` (one float32 force or torque, widened) for the continuous ones.
    struct TrajectoryFile<Action: Decodable & Sendable>: Decodable, Sendable {
        struct Step: Decodable, Sendable {
            let action: Action
            let observation: [Double]
            let state: [Double]
            let reward: Double
            let terminated: Bool
        }
        struct Trajectory: Decodable, Sendable {
            let policy: String
            let start: String
            /// Pendulum's gravity.
            let g: Double?
            let initialState: [Double]
            let initialObservation: [Double]
            let steps: [Step]
            let ulpDivergenceStep: Int?
        }
        let env: Spec
        let observationSpace: BoxSpace
        let actionSpace: BoxSpace?
        let trajectories: [Trajectory]

        private enum CodingKeys: String, CodingKey { case env, observationSpace, actionSpace, trajectories }

        init(from decoder: Decoder) throws {
            let container = try decoder.container(keyedBy: CodingKeys.self)
            env = try container.decode(Spec.self, forKey: .env)
            observationSpace = try container.decode(BoxSpace.self, forKey: .observationSpace)
            // Discrete action spaces have no bounds.
            actionSpace = try? container.decode(BoxSpace.self, forKey: .actionSpace)
            trajectories = try container.decode([Trajectory].self, forKey: .trajectories)
        }
    }

    struct TaxiFile: Decodable {
        struct Variant: Decodable {
            let transitions: [[[Outcome]]]
        }
        let env: Spec
        let registeredTaxiIds: [String]
        let decode: [[Int]]
        let initialStateDistribution: [Double]
        let actionMask: [[Int]]
        let map: [String]
        let variants: [String: Variant]
    }

    struct BlackjackFile: Decodable {
        struct Step: Decodable {
            let action: Int
            let cards: [Int]
            let observation: [Int]
            let reward: Double
            let terminated: Bool
        }
        struct Episode: Decodable {
            let seed: Int
            let dealerHand: [Int]
            let playerHand: [Int]
            let initialObservation: [Int]
            let draws: [Int]
            let steps: [Step]
            let finalPlayerHand: [Int]
            let finalDealerHand: [Int]
        }
        struct Variant: Decodable {
            struct Arguments: Decodable, Equatable {
                let sab: Bool
                let natural: Bool
            }
            let kwargs: Arguments
            let episodes: [Episode]
        }
        let env: Spec
        let deck: [Int]
        let variants: [String: Variant]
    }

    struct CliffWalkingSlipperyFile: Decodable {
        let start: Int
        let registeredIds: [String: Spec]
        let transitions: [[[Outcome]]]
    }

    struct CartPoleVersionsFile: Decodable {
        let v0: Spec
        let v1: Spec

        private enum CodingKeys: String, CodingKey {
            case v0 = "CartPole-v0"
            case v1 = "CartPole-v1"
        }
    }

    /// Tests/Fixtures, found from this file's path.
    static let folder = URL(fileURLWithPath: #filePath)
        .deletingLastPathComponent().deletingLastPathComponent().appendingPathComponent("Fixtures")

    static func load<T: Decodable>(_ name: String, as type: T.Type) throws -> T {
        let data = try Data(contentsOf: folder.appendingPathComponent(name))
        return try JSONDecoder().decode(T.self, from: data)
    }

    static let frozenLake = Result { try load("frozenlake.json", as: FrozenLakeFile.self) }
    static let cliffWalking = Result { try load("cliffwalking.json", as: CliffWalkingFile.self) }
    static let cartPole = Result { try load("cartpole_trajectories.json", as: CartPoleFile.self) }
    static let acrobot = Result { try load("acrobot_trajectories.json", as: TrajectoryFile<Int>.self) }
    static let mountainCar = Result { try load("mountaincar_trajectories.json", as: TrajectoryFile<Int>.self) }
    static let mountainCarContinuous = Result {
        try load("mountaincar_continuous_trajectories.json", as: TrajectoryFile<[Double]>.self)
    }
    static let pendulum = Result { try load("pendulum_trajectories.json", as: TrajectoryFile<[Double]>.self) }
    static let taxi = Result { try load("taxi.json", as: TaxiFile.self) }
    static let blackjack = Result { try load("blackjack.json", as: BlackjackFile.self) }
    static let cliffWalkingSlippery = Result { try load("cliffwalking_slippery.json", as: CliffWalkingSlipperyFile.self) }
    static let cartPoleVersions = Result { try load("cartpole_v0.json", as: CartPoleVersionsFile.self) }

    /// Whether `actual` is within 1e-9 · max(1, |expected|) of `expected` (the fixtures' README
    /// tolerance for float64 states and rewards).
    static func isClose(_ actual: Double, _ expected: Double) -> Bool {
        abs(actual - expected) <= 1e-9 * max(1, abs(expected))
    }

    /// Whether two floats are at most one float32 step apart.
    static func withinOneULP(_ actual: Float, _ expected: Float) -> Bool {
        actual == expected || actual.nextUp == expected || actual.nextDown == expected
    }

    /// Whether a state or reward matches the recorded one: bit for bit on Linux (glibc's libm,
    /// as NumPy used there), within the README's 1e-9 elsewhere.
    static func matches(_ actual: [Double], _ expected: [Double]) -> Bool {
        #if os(Linux)
        return actual == expected
        #else
        return actual.count == expected.count && zip(actual, expected).allSatisfy(isClose)
        #endif
    }

    /// The observation as the fixtures record it: float32 values widened to double.
    static func widened<Vector: FloatVector>(_ observation: Vector) -> [Double] {
        (0..<observation.scalarCount).map { Double(observation[$0]) }
    }
}
