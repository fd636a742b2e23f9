import Foundation
import RLCore

/// Agents by name: what the `rl` command lists, trains and loads, and what configuration files
/// and checkpoints name.
///
/// The suite's agents are in ``standard``. A library user adds their own agent type by
/// declaring its ``Agent/definition`` and registering it; it is then made, configured by
/// hyperparameter name and loaded from checkpoints by the same generic code as the built-in
/// ones:
///
/// ```swift
/// var catalog = AgentCatalog.standard
/// try catalog.register(MyAgent.self)
/// let entry = try catalog.entry(named: "my-agent")
/// let configuration = try entry.configuration(entry.defaultConfiguration,
///                                             applying: [HyperparameterSetting("learning-rate", "0.01")])
/// let agent = try entry.makeAgent(configuration: configuration, environment: environment)
/// ```
///
/// A catalog is a value: registering into a copy leaves `standard` unchanged.
public struct AgentCatalog: Sendable {
    /// The agents, in registration order.
    public private(set) var entries: [AgentCatalogEntry] = []

    /// A catalog of the given agent types, in order.
    ///
    /// - Precondition: their names and aliases are distinct (a programming error otherwise:
    ///   use ``register(_:)`` for types that come from outside).
    public init(_ types: [any Agent.Type] = []) {
        for type in types {
            func add<A: Agent>(_ type: A.Type) {
                do {
                    try register(type)
                } catch {
                    // Cannot fail from input: the types are listed in code; the catalog tests register every built-in one.
                    preconditionFailure("\(error)")
                }
            }
            add(type)
        }
    }

    /// Adds an agent type. An agent with the same name replaces the registered one.
    ///
    /// - Throws: ``AgentError/invalidConfiguration(_:)`` when a name is empty, contains white
    ///   space, or belongs to another agent.
    public mutating func register<A: Agent>(_ type: A.Type) throws {
        let entry = AgentCatalogEntry(type)
        for name in entry.names {
            guard !name.isEmpty, !name.contains(where: \.isWhitespace), name == name.lowercased() else {
                throw AgentError.invalidConfiguration(
                    "cannot register agent '\(entry.name)': the name '\(name)' is empty, has spaces or capitals")
            }
            if let owner = entries.first(where: { $0.name != entry.name && $0.names.contains(name) }) {
                throw AgentError.invalidConfiguration(
                    "cannot register agent '\(entry.name)': the name '\(name)' already belongs to \(owner.name)")
            }
        }
        if let index = entries.firstIndex(where: { $0.name == entry.name }) {
            entries[index] = entry
        } else {
            entries.append(entry)
        }
    }

    /// Every name and alias, in registration order.
    public var names: [String] { entries.flatMap(\.names) }

    /// The agent called `name` (or an alias), ignoring case.
    ///
    /// - Throws: ``AgentError/invalidConfiguration(_:)`` listing the known names, with a
    ///   suggestion when one is close.
    public func entry(named name: String) throws -> AgentCatalogEntry {
        let key = name.lowercased()
        if let entry = entries.first(where: { $0.names.contains(key) }) { return entry }
        throw AgentError.invalidConfiguration(
            "unknown agent '\(name)'\(NameSuggestion.hint(for: name, among: names)); known: \(names.joined(separator: ", "))")
    }

    /// Makes the agent stored in a checkpoint, whatever its type, bound to `environment`'s
    /// spaces when given (so ``Agent/predict(_:)`` works).
    ///
    /// - Throws: ``AgentError/invalidCheckpoint(_:)`` for an agent the catalog does not know or
    ///   a checkpoint the agent cannot use; ``AgentError/doesNotFit(_:)`` when `environment`
    ///   does not fit.
    public func load(_ checkpoint: Checkpoint, environment: (any Environment)? = nil) throws -> any Agent {
        guard let entry = entries.first(where: { $0.name == checkpoint.agent }) else {
            throw AgentError.invalidCheckpoint(
                "the checkpoint holds an unknown agent '\(checkpoint.agent)'; known: \(entries.map(\.name).joined(separator: ", "))")
        }
        return try entry.load(checkpoint, environment: environment)
    }

    /// Loads the agent in a checkpoint file, bound to the spaces of the environment it names
    /// when `registry` can make it (else unbound: evaluation and `train` still work with an
    /// environment you pass).
    ///
    /// - Throws: ``AgentError/invalidCheckpoint(_:)`` for a missing, corrupt or foreign file, an
    ///   unknown agent, or tensors that do not fit.
    public func load(from url: URL, registry: EnvironmentRegistry? = nil) throws -> any Agent {
        let checkpoint = try Checkpoint.load(from: url)
        let environment = try checkpoint.environment.flatMap { reference in
            try registry.map { try $0.make(reference.id, options: reference.options) }
        }
        return try load(checkpoint, environment: environment)
    }
}
