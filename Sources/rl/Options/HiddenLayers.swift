import Foundation

/// Hidden layer widths as the command line writes them: `64,64`, or `none`.
enum HiddenLayers {
    /// Reads the widths.
    ///
    /// - Throws: ``CommandFailure`` for anything but positive whole numbers separated by commas.
    static func widths(from text: String) throws -> [Int] {
        if text.lowercased() == "none" || text.isEmpty { return [] }
        return try text.split(separator: ",", omittingEmptySubsequences: false).map { part in
            guard let width = Int(part.trimmingCharacters(in: .whitespaces)), width >= 1 else {
                throw CommandFailure("hidden layer widths must be whole numbers ≥ 1 separated by commas (64,64) or none, got '\(text)'")
            }
            return width
        }
    }

    /// Writes widths the way ``widths(from:)`` reads them.
    static func text(_ widths: [Int]) -> String {
        widths.isEmpty ? "none" : widths.map(String.init).joined(separator: ",")
    }
}
