/// What `swiftrl_vector_describe` tells about a vector, as JSON:
///
/// ```json
/// {"action_space": {"n": 2, "start": 0, "type": "Discrete"}, "autoreset_mode": "next-step",
///  "copies": 64, "id": "CartPole-v1", "max_episode_steps": 500, "observation_space": {…},
///  "options": {}, "render_fps": 50, "reward_threshold": 475}
/// ```
///
/// `max_episode_steps` is the time limit the copies run with (absent when none), after the
/// `max-episode-steps` option if given; `render_fps` the environment's frames per second.
struct VectorDescription: Encodable {
    var id: String
    var copies: Int
    var autoresetMode: String
    var observationSpace: SpaceDescription
    var actionSpace: SpaceDescription
    var maxEpisodeSteps: Int?
    var rewardThreshold: Double?
    var options: [String: String]
    var renderFps: Int?
}
