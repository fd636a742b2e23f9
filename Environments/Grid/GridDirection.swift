/// A move to a neighbouring cell of a grid, clockwise from up.
enum GridDirection: Int, CaseIterable, Sendable {
    case up, right, down, left

    /// The change in row index (rows grow downwards).
    var rowStep: Int {
        switch self {
        case .up: -1
        case .down: 1
        case .left, .right: 0
        }
    }

    /// The change in column index (columns grow to the right).
    var columnStep: Int {
        switch self {
        case .left: -1
        case .right: 1
        case .up, .down: 0
        }
    }
}
