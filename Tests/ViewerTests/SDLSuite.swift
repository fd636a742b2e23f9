import Testing

/// The parent of every suite that calls SDL, run one test at a time: SDL's hints and video
/// subsystem are process-wide, and its software renderers are not meant to be raced.
@Suite(.serialized) struct SDLSuite {}
