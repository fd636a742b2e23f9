import Foundation
import RL

/// A run to plot: its metrics, the label the legend gives it, and what its folder says.
///
/// ``runs(from:)`` finds them in what `rl plot` is given: metrics files, run folders (holding a
/// `metrics.csv`), and folders of runs, such as the one `rl train --seeds` makes, whose
/// subfolders are runs.
struct PlottedRun {
    /// The metrics file.
    var metricsPath: String
    /// The run's name in the legend: its folder's name (`seed-3`), or the file's name without
    /// `.csv` for a file of another name.
    var label: String
    /// The metrics.
    var table: MetricsTable
    /// The agent, environment and threshold from the run folder's checkpoint.
    var description: RunDescription

    /// The runs `paths` name, in order; a folder of runs gives its runs in the order of their
    /// names, numbers compared as numbers (`seed-2` before `seed-10`). A file named twice is
    /// plotted once.
    ///
    /// - Throws: ``CommandFailure`` (exit 1) for a folder that holds no run or a file that is not
    ///   a metrics CSV (naming the file and line); `TextFile.ReadError` for a file that cannot be
    ///   read.
    static func runs(from paths: [String]) throws -> [PlottedRun] {
        var found: [(path: String, label: String)] = []
        for path in paths {
            var isDirectory: ObjCBool = false
            // Anything but a folder is read as a metrics file, which says what is wrong with it.
            guard FileManager.default.fileExists(atPath: path, isDirectory: &isDirectory), isDirectory.boolValue else {
                found.append((path, label(ofFile: path)))
                continue
            }
            if let own = metricsFile(in: path) {
                found.append((own, folderName(path)))
                continue
            }
            let runs = try subfolderRuns(of: path)
            guard !runs.isEmpty else {
                throw CommandFailure("\(path) holds no runs: there is no \(RunFolder.metricsName) in it or in its subfolders")
            }
            found += runs
        }
        var seen = Set<String>()
        found = found.filter { seen.insert(URL(fileURLWithPath: $0.path).standardizedFileURL.path).inserted }
        // Two runs of the same name (two `seed-0` from two sweeps) are told apart by their paths.
        let labels = found.map(\.label)
        let unique = Set(labels).count == labels.count
        return try found.map { file in
            PlottedRun(metricsPath: file.path, label: unique ? file.label : file.path,
                       table: try MetricsTable(contentsOf: file.path), description: RunDescription(metricsPath: file.path))
        }
    }

    /// The `metrics.csv` of the run folder `folder`, if it has one.
    private static func metricsFile(in folder: String) -> String? {
        let path = (folder as NSString).appendingPathComponent(RunFolder.metricsName)
        var isDirectory: ObjCBool = false
        return FileManager.default.fileExists(atPath: path, isDirectory: &isDirectory) && !isDirectory.boolValue ? path : nil
    }

    /// The runs among the subfolders of `folder` (hidden ones left out), by name.
    private static func subfolderRuns(of folder: String) throws -> [(path: String, label: String)] {
        let names: [String]
        do {
            names = try FileManager.default.contentsOfDirectory(atPath: folder)
        } catch {
            throw CommandFailure("cannot read the folder \(folder): \(FileErrorText.reason(error))")
        }
        return names.filter { !$0.hasPrefix(".") }
            .sorted { $0.compare($1, options: .numeric) == .orderedAscending }
            .compactMap { name in metricsFile(in: (folder as NSString).appendingPathComponent(name)).map { ($0, name) } }
    }

    /// A folder's name, also for `.` and `runs/`.
    private static func folderName(_ path: String) -> String {
        URL(fileURLWithPath: path).standardizedFileURL.lastPathComponent
    }

    /// The label of a metrics file: its folder's name for a `metrics.csv`, else its own name
    /// without `.csv`.
    private static func label(ofFile path: String) -> String {
        let url = URL(fileURLWithPath: path).standardizedFileURL
        if url.lastPathComponent == RunFolder.metricsName { return url.deletingLastPathComponent().lastPathComponent }
        return url.pathExtension.lowercased() == "csv" ? url.deletingPathExtension().lastPathComponent : url.lastPathComponent
    }
}
