/// Environments by id and alias, as Gymnasium's `gymnasium.make` registry, extensible with
/// the user's own.
///
/// The built-in environments are in `EnvironmentRegistry.standard` (module RLEnvironments):
/// Gymnasium's classic-control and toy-text set (`CartPole-v1`, `CartPole-v0`, `Acrobot-v1`,
/// `MountainCar-v0`, `MountainCarContinuous-v0`, `Pendulum-v1`, `FrozenLake-v1`,
/// `FrozenLake8x8-v1`, `CliffWalking-v1`, `CliffWalkingSlippery-v1`, `Taxi-v4` (also
/// `Taxi-v3`), `Blackjack-v1`) and `GridWorld-v0`, with short aliases such as `cartpole`,
/// `acrobot` or `taxi`.
///
/// ```swift
/// var registry = EnvironmentRegistry.standard
/// try registry.register(corridorRegistration)            // your own, under your own id
/// var environment = try registry.make("frozenlake", options: ["slippery": "false"])
/// ```
///
/// A registry is a value: registering into a copy leaves `standard` unchanged.
public struct EnvironmentRegistry: Sendable {
    /// The registered environments, in registration order.
    public private(set) var registrations: [EnvironmentRegistration] = []

    /// An empty registry.
    public init() {}

    /// Adds an environment. A registration with the id of an existing one replaces it (as
    /// Gymnasium's `register` overrides); its names must not belong to another registration.
    ///
    /// - Throws: ``EnvironmentError/invalidOption(_:)`` when the id or an alias is empty,
    ///   contains white space, or is already a name of a different environment.
    public mutating func register(_ registration: EnvironmentRegistration) throws {
        for name in registration.names {
            guard !name.isEmpty, !name.contains(where: \.isWhitespace) else {
                throw EnvironmentError.invalidOption(
                    "cannot register '\(registration.id)': the name '\(name)' is empty or contains spaces")
            }
            if let owner = registrations.first(where: { $0.id != registration.id && $0.names.contains(name) }) {
                throw EnvironmentError.invalidOption(
                    "cannot register '\(registration.id)': the name '\(name)' already belongs to \(owner.id)")
            }
        }
        guard Set(registration.names).count == registration.names.count else {
            throw EnvironmentError.invalidOption("cannot register '\(registration.id)': a name is given twice")
        }
        if let index = registrations.firstIndex(where: { $0.id == registration.id }) {
            registrations[index] = registration
        } else {
            registrations.append(registration)
        }
    }

    /// Every id and alias, in registration order (each id followed by its aliases).
    public var names: [String] { registrations.flatMap(\.names) }

    /// The registration found by id or alias: an exact match, else the only one whose id or
    /// alias matches ignoring case (`cartpole-v1` finds `CartPole-v1`).
    ///
    /// - Throws: ``EnvironmentError/unknownEnvironment(id:known:)`` listing every id and alias.
    public func registration(named name: String) throws -> EnvironmentRegistration {
        if let exact = registrations.first(where: { $0.names.contains(name) }) {
            return exact
        }
        let lowered = name.lowercased()
        let matches = registrations.filter { $0.names.contains { $0.lowercased() == lowered } }
        if matches.count == 1 { return matches[0] }
        throw EnvironmentError.unknownEnvironment(id: name, known: names)
    }

    /// Makes the environment registered under an id or alias, with its time limit applied.
    ///
    /// - Parameter options: option values by name, as text (see the registration's
    ///   ``EnvironmentRegistration/allOptions``).
    /// - Throws: ``EnvironmentError/unknownEnvironment(id:known:)`` for an unknown name,
    ///   ``EnvironmentError/invalidOption(_:)`` for an unknown option or a bad value,
    ///   ``EnvironmentError/invalidMap(line:message:)`` for a malformed map.
    public func make(_ idOrAlias: String, options: [String: String] = [:]) throws -> any Environment {
        try registration(named: idOrAlias).make(options: options)
    }
}
