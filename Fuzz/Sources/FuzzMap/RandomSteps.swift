import RL

/// A few random steps, resetting when an episode ends.
func play(_ environment: any Environment) {
    func run<E: Environment>(_ environment: E) {
        var environment = environment
        var generator = SeededGenerator(seed: 1)
        _ = environment.reset(seed: 1)
        _ = environment.renderText()
        for _ in 0..<20 {
            guard let action = environment.actionSpace.element(atIndex: generator.uniformInt(below: 4)),
                  let result = try? environment.step(action) else { return }
            if result.isDone { _ = environment.reset(seed: nil) }
        }
    }
    run(environment)
}
