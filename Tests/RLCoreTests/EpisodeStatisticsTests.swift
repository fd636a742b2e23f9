import RLCore
import Testing

@Suite("EpisodeStatistics")
struct EpisodeStatisticsTests {
    /// Plays an episode to its end with always-right actions; returns its return and length.
    func playEpisode(_ environment: inout EpisodeStatistics<Corridor>) throws -> (Double, Int) {
        _ = environment.reset()
        var total = 0.0, length = 0
        while true {
            let result = try environment.step(1)
            total += result.reward
            length += 1
            if result.isDone { return (total, length) }
        }
    }

    @Test("records each finished episode's return, length, ending and success")
    func recordsEpisodes() throws {
        var environment = EpisodeStatistics(Corridor(), windowSize: 2)
        _ = environment.reset(seed: 5)
        #expect(environment.lastEpisode == nil)
        var lengths: [Int] = []
        for _ in 0..<3 {
            let (total, length) = try playEpisode(&environment)
            lengths.append(length)
            let last = try #require(environment.lastEpisode)
            #expect(last.totalReward == total)
            #expect(last.length == length)
            #expect(last.terminated && !last.truncated)
            #expect(last.succeeded == true)
        }
        #expect(environment.completedEpisodes == 3)
        #expect(environment.totalSteps == lengths.reduce(0, +))
        // The window keeps the last two, oldest first.
        #expect(environment.recentEpisodes.map(\.length) == Array(lengths.suffix(2)))
        #expect(environment.recentMeanLength == Double(lengths[1] + lengths[2]) / 2)
        #expect(environment.recentMeanReturn == 1)
        #expect(environment.recentSuccessRate == 1)
    }

    @Test("records truncated episodes through a time limit, and drops abandoned ones")
    func truncatedAndAbandoned() throws {
        var environment = EpisodeStatistics(TimeLimit(Corridor(), maxEpisodeSteps: 2))
        _ = environment.reset(seed: 1)
        _ = try environment.step(0)
        #expect(environment.currentLength == 1)
        _ = environment.reset()                      // abandoned after one step
        #expect(environment.currentLength == 0)
        #expect(environment.completedEpisodes == 0)
        _ = try environment.step(0)
        let result = try environment.step(0)
        #expect(result.truncated)
        #expect(environment.lastEpisode == EpisodeStatistics<TimeLimit<Corridor>>.Episode(
            totalReward: 0, length: 2, terminated: false, truncated: true, succeeded: false))
        #expect(environment.recentSuccessRate == 0)
    }

    @Test("running figures are nil before the first episode ends")
    func emptyFigures() {
        let environment = EpisodeStatistics(Corridor())
        #expect(environment.recentMeanReturn == nil)
        #expect(environment.recentMeanLength == nil)
        #expect(environment.recentSuccessRate == nil)
        #expect(environment.recentEpisodes.isEmpty)
    }
}
