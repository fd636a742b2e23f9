/// An environment that says in a few words how an episode ended — "fell into a hole", "the
/// pole fell" — and whether that is a success, for a viewer to show the moment it ends.
///
/// Viewers fall back on generic words without it: "reached the goal" when
/// ``Environment/episodeSucceeded`` says so, "truncated" for a time limit, "ended" otherwise.
/// The wrappers of this module pass it through.
public protocol EpisodeEndDescribing {
    /// How the episode that the last step ended finished, or `nil` for the viewer's generic
    /// words. Read it right after the step that ended the episode (like
    /// ``Environment/episodeSucceeded``, it describes the current state); a viewer says
    /// "truncated" instead when a time limit cut the episode.
    var episodeEnding: EpisodeEnding? { get }
}

/// How an episode ended, in words a viewer shows: "reached the goal", "fell into a hole".
public struct EpisodeEnding: Equatable, Sendable {
    /// A few lower-case words.
    public var words: String
    /// Whether it is a success (`true`), a failure (`false`), or neither (`nil`: a time limit,
    /// a game drawn).
    public var isSuccess: Bool?

    /// An ending in `words`, a success, a failure or neither (`nil`).
    public init(words: String, isSuccess: Bool?) {
        self.words = words
        self.isSuccess = isSuccess
    }
}

extension TimeLimit: EpisodeEndDescribing where Wrapped: EpisodeEndDescribing {
    public var episodeEnding: EpisodeEnding? { wrapped.episodeEnding }
}

extension EpisodeStatistics: EpisodeEndDescribing where Wrapped: EpisodeEndDescribing {
    public var episodeEnding: EpisodeEnding? { wrapped.episodeEnding }
}

extension OneHotObservation: EpisodeEndDescribing where Wrapped: EpisodeEndDescribing {
    public var episodeEnding: EpisodeEnding? { wrapped.episodeEnding }
}
