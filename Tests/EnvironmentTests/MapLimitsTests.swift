import Foundation
import RLCore
@testable import RLEnvironments
import Testing

/// Maps from files and options (issue 13, items 7 and 8): sizes are bounded before anything is
/// stored, the path checks are linear in the number of cells however many starts there are,
/// and odd tiles are named rather than echoed.
@Suite("map limits")
struct MapLimitsTests {
    /// A map of `rows` rows of `columns` starts, with one goal in the bottom-right corner.
    static func allStarts(rows: Int, columns: Int) -> String {
        (Array(repeating: String(repeating: "S", count: columns), count: rows - 1)
            + [String(repeating: "S", count: columns - 1) + "G"]).joined(separator: "\n")
    }

    @Test func thePathCheckVisitsEachCellOnceWhateverTheNumberOfStarts() throws {
        // 40,000 starts: checking each one with a search of its own (the version 1 check) took
        // 40,000 searches of 40,000 cells; the backward search from the goals looks at each
        // cell's four neighbours once.
        let text = Self.allStarts(rows: 200, columns: 200)
        let grid = try GridMap(rows: MapText.lines(of: text), tileNames: FrozenLake.tileNames)
        var looks = 0
        let reaching = grid.cellsReaching(grid.cells(of: "G")) { tile in
            looks += 1
            return !"GH".contains(tile)
        }
        #expect(reaching.allSatisfy { $0 })
        #expect(looks <= 4 * grid.cellCount)
        var forwardLooks = 0
        let reached = grid.reachableCells(from: grid.cells(of: "S")) { tile in
            forwardLooks += 1
            return tile != "G"
        }
        #expect(reached.allSatisfy { $0 })
        #expect(forwardLooks <= grid.cellCount)
        // The lake and the grid world built on such maps check every start.
        #expect(try FrozenLake(mapText: text).observationSpace == Discrete(40_000))
        #expect(try GridWorldMap(parsing: text).rows.count == 200)
    }

    @Test func aStartThatCannotReachAGoalIsStillFoundAmongMany() throws {
        // Every start but the last reaches the goal; the last is walled in by holes.
        let lake = "SSSSG\nSSSSS\nHHHHH\nSHSSS"
        #expect(throws: EnvironmentError.invalidMap(
            line: 4, message: "no goal 'G' can be reached from the start in column 1; holes 'H' block every path")) {
            try FrozenLake(mapText: lake)
        }
        let garden = "S.S.G\n#####\n..S.."
        #expect(throws: EnvironmentError.invalidMap(
            line: 3, message: "no goal 'G' can be reached from the start in column 3; walls and pits block every path")) {
            try GridWorldMap(parsing: garden)
        }
    }

    @Test func mapsLargerThanAThousandCellsASideAreRefused() throws {
        let tall = Array(repeating: "F", count: 1_001).joined(separator: "\n")
        #expect(throws: EnvironmentError.invalidMap(line: nil, message: "the map has 1001 rows; at most 1000 are allowed")) {
            try FrozenLake(mapText: tall)
        }
        let wide = String(repeating: "S", count: 1_001) + "\n" + String(repeating: "G", count: 1_001)
        #expect(throws: EnvironmentError.invalidMap(line: 1, message: "the row has 1001 tiles; at most 1000 are allowed")) {
            try GridWorldMap(parsing: wide)
        }
        // The largest side is allowed.
        #expect(try FrozenLake(mapText: Self.allStarts(rows: 2, columns: 1_000)).observationSpace == Discrete(2_000))
    }

    @Test func tilesThatWouldNotPrintAreNamedByCodePoint() {
        for (tile, shown) in [("\u{0}", "U+0000"), ("\u{1B}", "U+001B"), ("\u{2028}", "U+2028"), ("X", "'X'"), ("é", "'é'")] {
            #expect(throws: EnvironmentError.invalidMap(
                line: 1, message: "unknown tile \(shown) in column 2; tiles are S (start), F (frozen), H (hole), G (goal)")) {
                try FrozenLake(map: ["S\(tile)FG"])
            }
        }
    }

    @Test func mapFilesAreReadWithABound() throws {
        #expect(throws: TextFile.ReadError(message: "cannot read the map file '/dev/zero': it is a device")) {
            try FrozenLake.loadMap(contentsOfFile: "/dev/zero")
        }
        let large = FileManager.default.temporaryDirectory.appendingPathComponent("large-map-\(UUID().uuidString).txt")
        defer { try? FileManager.default.removeItem(at: large) }
        #expect(FileManager.default.createFile(atPath: large.path, contents: nil))
        let handle = try FileHandle(forWritingTo: large)
        try handle.truncate(atOffset: UInt64(MapFile.maximumBytes) + 1)
        try handle.close()
        #expect(throws: TextFile.ReadError(message: "cannot read the map file '\(large.path)': it is larger than 16 MB, the most a map file may hold")) {
            try FrozenLake.loadMap(contentsOfFile: large.path)
        }
        // A map's text (as checkpoints keep it) is read as a map, not looked up as a file.
        let lake = try EnvironmentRegistry.standard.make("frozenlake", options: ["map": "SFF\nFHG\n", "slippery": "false"])
        #expect((lake as? TimeLimit<FrozenLake>)?.wrapped.map == ["SFF", "FHG"])
        let garden = try EnvironmentRegistry.standard.make("gridworld", options: ["map": "title: a, b\nS.G\n"])
        #expect((garden as? TimeLimit<GridWorld>)?.wrapped.map.title == "a, b" || (garden as? GridWorld)?.map.title == "a, b")
    }
}
