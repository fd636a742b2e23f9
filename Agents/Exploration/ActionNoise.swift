import Foundation
import SeededRandom

/// Noise added to a deterministic policy's actions while training (TD3), in [-1, 1] units, the
/// action clipped to [-1, 1] afterwards (Stable-Baselines3's `ActionNoise`).
public enum ActionNoise: Codable, Equatable, Sendable, CustomStringConvertible {
    /// Independent N(0, σ²) per scalar and step.
    case gaussian(standardDeviation: Double)
    /// Ornstein–Uhlenbeck noise, correlated in time (Lillicrap et al. 2016's DDPG):
    /// xₜ₊₁ = xₜ + θ (μ − xₜ) dt + σ √dt · N(0, 1), with μ = 0, restarted at 0 every episode.
    case ornsteinUhlenbeck(standardDeviation: Double, theta: Double, timeStep: Double)

    /// Ornstein–Uhlenbeck noise with Stable-Baselines3's θ = 0.15 and dt = 0.01.
    public static func ornsteinUhlenbeck(standardDeviation: Double) -> ActionNoise {
        .ornsteinUhlenbeck(standardDeviation: standardDeviation, theta: 0.15, timeStep: 1e-2)
    }

    /// σ.
    public var standardDeviation: Double {
        switch self {
        case .gaussian(let sigma), .ornsteinUhlenbeck(let sigma, _, _): sigma
        }
    }

    /// Checks the values.
    ///
    /// - Throws: ``AgentError/invalidConfiguration(_:)`` for a negative or non-finite σ, θ or dt.
    public func validate() throws {
        try ConfigurationCheck.require(
            standardDeviation >= 0 && standardDeviation.isFinite, "action noise must be ≥ 0, got \(standardDeviation)")
        if case .ornsteinUhlenbeck(_, let theta, let timeStep) = self {
            try ConfigurationCheck.require(theta >= 0 && theta.isFinite && timeStep > 0 && timeStep.isFinite,
                                           "Ornstein-Uhlenbeck θ must be ≥ 0 and dt positive, got \(theta) and \(timeStep)")
        }
    }

    public var description: String {
        switch self {
        case .gaussian(let sigma): "normal:\(HyperparameterText.number(sigma))"
        case .ornsteinUhlenbeck(let sigma, _, _): "ornstein-uhlenbeck:\(HyperparameterText.number(sigma))"
        }
    }

    /// Reads `normal:0.1` (or `gaussian:0.1`), `ornstein-uhlenbeck:0.5` (or `ou:0.5`), or `none` (σ = 0).
    ///
    /// - Throws: ``AgentError/invalidConfiguration(_:)`` saying what the text should be.
    public init(text: String) throws {
        let trimmed = text.trimmingCharacters(in: .whitespaces).lowercased()
        if trimmed == "none" { self = .gaussian(standardDeviation: 0); return }
        let parts = trimmed.split(separator: ":", maxSplits: 1).map(String.init)
        guard parts.count == 2, let sigma = Double(parts[1]), sigma >= 0, sigma.isFinite else {
            throw AgentError.invalidConfiguration(
                "action noise is written normal:SIGMA or ornstein-uhlenbeck:SIGMA with SIGMA ≥ 0, got '\(text)'")
        }
        switch parts[0] {
        case "normal", "gaussian": self = .gaussian(standardDeviation: sigma)
        case "ornstein-uhlenbeck", "ou": self = .ornsteinUhlenbeck(standardDeviation: sigma)
        default:
            throw AgentError.invalidConfiguration("action noise is normal:SIGMA or ornstein-uhlenbeck:SIGMA, got '\(text)'")
        }
    }
}

/// The state of an ``ActionNoise`` process for one action vector, drawing from its own seeded
/// stream.
public struct ActionNoiseProcess: Sendable {
    /// The noise it makes.
    public let noise: ActionNoise
    /// The current Ornstein–Uhlenbeck state (zeros for Gaussian noise).
    public private(set) var state: [Double]

    /// A process for actions of `dimension` scalars, starting at 0.
    public init(_ noise: ActionNoise, dimension: Int) {
        self.noise = noise
        state = [Double](repeating: 0, count: dimension)
    }

    /// The next noise vector.
    public mutating func next(using generator: inout SeededGenerator) -> [Float] {
        switch noise {
        case .gaussian(let sigma):
            return state.indices.map { _ in Float(sigma * generator.normal()) }
        case .ornsteinUhlenbeck(let sigma, let theta, let timeStep):
            for index in state.indices {
                state[index] += theta * (0 - state[index]) * timeStep + sigma * timeStep.squareRoot() * generator.normal()
            }
            return state.map(Float.init)
        }
    }

    /// Puts the process back in a saved state (`state`'s values, one per scalar).
    public mutating func restore(_ state: [Double]) {
        guard state.count == self.state.count else { return }
        self.state = state
    }

    /// Restarts the process at 0 (at the start of every episode).
    public mutating func reset() {
        for index in state.indices { state[index] = 0 }
    }
}
