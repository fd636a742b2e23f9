import Foundation
import Testing
@testable import RLAgents
import RL

@Suite("Training plumbing")
struct TrainingPlumbingTests {
    @Test func schedules() throws {
        #expect(Schedule.linear(start: 1, end: 0.05, duration: 100).value(at: 50) == 0.525)
        #expect(Schedule.linear(start: 1, end: 0.05, duration: 100).value(at: 500) == 0.05)
        #expect(Schedule.reciprocal(period: 50, offset: 10).value(at: 100) == 1.0 / 12)
        #expect(Schedule.exponential(start: 1, end: 0.1, decay: 0.5).value(at: 2) == 0.25)
        #expect(Schedule.exponential(start: 1, end: 0.1, decay: 0.5).value(at: 20) == 0.1)
        #expect(Schedule.constant(0.3).value(at: 7) == 0.3)
        #expect(throws: AgentError.self) { try Schedule.reciprocal(period: 0, offset: 1).validate("epsilon", in: 0...1) }
        #expect(throws: AgentError.self) { try Schedule.exponential(start: 1, end: 0, decay: 1.5).validate("epsilon", in: 0...1) }
        #expect(throws: AgentError.self) { try TrainingBudget.steps(-5).validate() }
    }

    @Test func budgetsAreKeptExactly() throws {
        var environment = try makeEnvironment("cartpole")
        let agent = try RandomAgent(configuration: .init(seed: 1, budget: .steps(1_000)), environment: environment)
        let report = try agent.train(on: &environment)
        #expect(report.steps == 1_000)
        let byEpisodes = try RandomAgent(configuration: .init(seed: 1, budget: .episodes(7)), environment: environment)
        #expect(try byEpisodes.train(on: &environment).episodes.count == 7)
    }

    @Test func progressIsReportedAndCanStopTraining() throws {
        var environment = try makeEnvironment("frozenlake")
        let agent = try QTableAgent(configuration: .init(budget: .episodes(1_000)), environment: environment)
        var seen: [TrainingProgress] = []
        let report = try agent.train(on: &environment) { progress in
            seen.append(progress)
            return progress.episode == 10 ? .stop : .proceed
        }
        #expect(report.episodes.count == 10 && report.stoppedEarly)
        #expect(seen == report.episodes)
        #expect(seen.map(\.episode) == Array(1...10))
        #expect(seen.last!.steps == seen.map(\.length).reduce(0, +))
        #expect(seen.allSatisfy { $0.epsilon != nil && $0.succeeded != nil && $0.loss == nil })
    }

    @Test func metricsCSVHasOneRowPerEpisode() throws {
        var environment = try makeEnvironment("cartpole")
        let agent = try ReinforceAgent(configuration: .init(seed: 2, budget: .episodes(3)), environment: environment)
        let csv = try agent.train(on: &environment).metricsCSV()
        let lines = csv.split(separator: "\n")
        #expect(lines.count == 4)
        // REINFORCE declares one metric, its loss.
        #expect(lines[0] == "episode,steps,return,length,loss,seconds")
        let cells = lines[1].split(separator: ",", omittingEmptySubsequences: false)
        #expect(cells.count == 6 && cells[0] == "1" && !cells[4].isEmpty)
    }

    @Test func evaluationSummarises() throws {
        let report = EvaluationReport(returns: [1, 0, 1, 0], lengths: [6, 3, 8, 3], successes: [true, false, true, false])
        #expect(report.meanReturn == 0.5 && report.standardDeviation == 0.5 && report.meanLength == 5)
        #expect(report.successRate == 0.5)
        #expect(EvaluationReport(returns: [2], lengths: [1], successes: [nil]).successRate == nil)
        // An environment without a time limit cannot hang an evaluation.
        var walk = EndlessWalkWithoutLimit()
        let agent = try RandomAgent(configuration: .init(), environment: walk)
        let guarded = try agent.evaluate(on: &walk, episodes: 2, maxStepsPerEpisode: 50)
        #expect(guarded.meanLength == 50)
        #expect(throws: AgentError.self) { _ = try agent.evaluate(on: &walk, episodes: 0) }
    }

    @Test func replayBufferIsARingOfArrays() {
        var buffer = ReplayBuffer(capacity: 3, observationSize: 2)
        for index in 0..<5 {
            let observation: [Float] = [Float(index), Float(-index)]
            observation.withUnsafeBufferPointer { current in
                buffer.append(observation: current, action: index, reward: Double(index), nextObservation: current, terminated: index == 4)
            }
        }
        #expect(buffer.count == 3)
        var generator = SeededGenerator(seed: 1)
        let batch = buffer.sample(batchSize: 200, using: &generator)
        // Transitions 2, 3 and 4 remain; 0 and 1 were overwritten.
        #expect(Set(batch.actions) == [2, 3, 4])
        for (row, action) in batch.actions.enumerated() {
            #expect(batch.rewards.scalars[row] == Float(action))
            #expect(batch.observations[row, 0] == Float(action) && batch.observations[row, 1] == Float(-action))
            #expect(batch.notTerminated.scalars[row] == (action == 4 ? 0 : 1))
        }
    }

    @Test func aMillionCartPoleTransitionsFitInFiftyMegabytes() {
        var buffer = ReplayBuffer(capacity: 1_000_000, observationSize: 4)
        let observation: [Float] = [0.01, -0.02, 0.03, -0.04]
        observation.withUnsafeBufferPointer { current in
            for index in 0..<1_000_000 {
                buffer.append(observation: current, action: index & 1, reward: 1, nextObservation: current, terminated: false)
            }
        }
        #expect(buffer.count == 1_000_000)
        #expect(buffer.memoryFootprint == 41_000_000)
        #expect(buffer.allocatedBytes < 50_000_000)
    }
}

/// A walk that never ends by itself.
struct EndlessWalkWithoutLimit: Environment {
    let observationSpace = Discrete(1)
    let actionSpace = Discrete(2)
    mutating func reset(seed: UInt64?) -> Int { 0 }
    mutating func step(_ action: Int) throws -> StepResult<Int> {
        try checkStep(action, needsReset: false)
        return StepResult(observation: 0, reward: 0)
    }
}
