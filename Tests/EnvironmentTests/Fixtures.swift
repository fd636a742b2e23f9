import Foundation
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
}
