// Vector environments made from the registry: by id, options and copy count, each copy made
// as `make` makes one (with the registered time limit), as Gymnasium's `make_vec`.

extension EnvironmentRegistration {
    /// Makes a vector of `copies` copies of the environment, each made as ``make(options:)``
    /// makes one: with the time limit applied per copy (the registered one, or the
    /// `max-episode-steps` option's).
    ///
    /// - Parameters:
    ///   - copies: the number of copies, 1 ... ``VectorEnvironment/maximumCopies``.
    ///   - options: option values by name, as text.
    ///   - autoreset: when ended episodes are reset (default ``AutoresetMode/nextStep``).
    ///   - threading: how batches are spread over threads (default ``VectorThreading/automatic``).
    /// - Throws: ``EnvironmentError/invalidVector(_:)`` for a copy or thread count out of range
    ///   (fewer than one copy is refused before any copy is made); the errors of ``make(options:)``.
    public func makeVector(copies: Int, options: [String: String] = [:], autoreset: AutoresetMode = .nextStep,
                           threading: VectorThreading = .automatic) throws -> any BatchedEnvironment {
        guard copies >= 1 else {
            throw EnvironmentError.invalidVector("\(id): the number of copies must be at least 1, got \(copies)")
        }
        let first = try make(options: options)
        // Opens the existential so the vector is of the concrete type.
        func vector<Concrete: Environment>(of first: Concrete) throws -> any BatchedEnvironment {
            try VectorEnvironment<Concrete>(copies: copies, autoreset: autoreset, threading: threading) { index in
                if index == 0 { return first }
                guard let copy = try make(options: options) as? Concrete else {
                    throw EnvironmentError.invalidVector("\(id): the factory made environments of different types")
                }
                return copy
            }
        }
        return try vector(of: first)
    }
}

extension EnvironmentRegistry {
    /// Makes a vector of `copies` copies of the environment registered under an id or alias,
    /// each with its time limit; see ``EnvironmentRegistration/makeVector(copies:options:autoreset:threading:)``.
    ///
    /// ```swift
    /// let vector = try EnvironmentRegistry.standard.makeVector("CartPole-v1", copies: 64)
    /// vector.reset(seed: 0)
    /// try vector.step(actionIndices: Array(repeating: 1, count: 64))
    /// ```
    ///
    /// - Throws: ``EnvironmentError/unknownEnvironment(id:known:)`` for an unknown name, and the
    ///   errors of ``EnvironmentRegistration/makeVector(copies:options:autoreset:threading:)``.
    public func makeVector(_ idOrAlias: String, copies: Int, options: [String: String] = [:],
                           autoreset: AutoresetMode = .nextStep,
                           threading: VectorThreading = .automatic) throws -> any BatchedEnvironment {
        try registration(named: idOrAlias).makeVector(copies: copies, options: options, autoreset: autoreset,
                                                      threading: threading)
    }
}
