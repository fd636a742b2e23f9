import Foundation

/// One value of an event file, as written by ``EventFileWriter`` and read back by
/// ``EventFile``: what it is, its step and when it was written.
///
/// An event file's first event is the file version (``EventFileWriter/fileVersion``); the
/// others are scalars and texts. (On disk each is a TensorFlow `Event` protocol buffer holding a
/// `Summary` with one value; an `Event` whose summary holds several values reads back as several
/// `TensorBoardEvent`s with the same step and wall time.)
public struct TensorBoardEvent: Equatable, Sendable {
    /// What an event holds.
    public enum Content: Equatable, Sendable {
        /// The format of the file, `brain.Event:2`: the first event of every file.
        case fileVersion(String)
        /// A number in a series (`charts/episodic_return`), stored as a 32-bit float as
        /// TensorBoard's `simple_value` is.
        case scalar(tag: String, value: Float)
        /// A text for TensorBoard's text plugin (markdown), under a tag ending `/text_summary`.
        case text(tag: String, text: String)
        /// A value of a kind this module does not write (an image, a histogram, another
        /// plugin's tensor), by tag.
        case other(tag: String)
    }

    /// Seconds since 1970-01-01 00:00 UTC when the value was written.
    public var wallTime: Double
    /// The step the value belongs to (environment steps taken, for training runs).
    public var step: Int
    /// The value.
    public var content: Content

    /// An event with its figures.
    public init(wallTime: Double, step: Int, content: Content) {
        self.wallTime = wallTime
        self.step = step
        self.content = content
    }

    /// The event's tag (`nil` for the file version).
    public var tag: String? {
        switch content {
        case .fileVersion: nil
        case .scalar(let tag, _), .text(let tag, _), .other(let tag): tag
        }
    }
}
