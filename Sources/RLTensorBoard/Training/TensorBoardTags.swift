/// The tags a ``TensorBoardCallback`` writes each figure under: CleanRL's names by default
/// (``cleanRL``), so runs of `rl` and of CleanRL's scripts line up in one TensorBoard.
///
/// CleanRL writes `charts/episodic_return` and `charts/episodic_length` per episode,
/// `charts/SPS` (steps per second) and `charts/learning_rate` with the updates, its losses
/// under `losses/`, and the hyperparameters as a text. The agents' metric names map onto
/// CleanRL's tags as follows (``updateMetrics``, ``agentUpdateMetrics``, ``episodeMetrics``):
///
/// | metric | tag | written |
/// |---|---|---|
/// | `loss` of `dqn`, `qnetwork` | `losses/td_loss` (CleanRL's `dqn.py`) | with updates |
/// | `loss` of `reinforce` | `losses/policy_loss` | with updates |
/// | `loss` of any other agent | `losses/loss` | with updates |
/// | `q_values` | `losses/q_values` | with updates |
/// | `qf_loss`, `actor_loss`, `alpha`, `alpha_loss` | `losses/` + the name (CleanRL's SAC, TD3) | with updates |
/// | `policy_loss`, `value_loss`, `entropy`, `approx_kl`, `old_approx_kl`, `explained_variance` | `losses/` + the name (CleanRL's `ppo.py`) | with updates |
/// | `clip_fraction` | `losses/clipfrac` | with updates |
/// | `learning_rate` | `charts/learning_rate` | with updates |
/// | any other metric of an update | `losses/` + the name | with updates |
/// | `epsilon` | `charts/epsilon` | per episode |
/// | a callback's custom metric (``MetricCallback``) | `charts/` + the name | per episode |
///
/// A new agent's metrics need no line here unless CleanRL names them differently: they are
/// written as `losses/<name>`. Change a table (or make a `TensorBoardTags` of your own) to
/// write other names.
public struct TensorBoardTags: Sendable, Equatable {
    /// The tag of each episode's return.
    public var episodicReturn: String
    /// The tag of each episode's length in steps.
    public var episodicLength: String
    /// The tag of the training speed, environment steps per second since training began.
    public var stepsPerSecond: String
    /// The tag of the hyperparameters' text (the writer appends `/text_summary`).
    public var hyperparameters: String
    /// The tags of metrics recorded during updates, by metric name; names not listed get
    /// ``updatePrefix`` + the name.
    public var updateMetrics: [String: String]
    /// Tags for one agent's update metrics, by agent name then metric name, where the same
    /// metric name means different things for different agents (the `loss` of DQN is a TD
    /// loss, that of REINFORCE a policy loss).
    public var agentUpdateMetrics: [String: [String: String]]
    /// What names of update metrics not listed are prefixed with.
    public var updatePrefix: String
    /// The agent metrics written once per episode (their value in the episode's record) rather
    /// than with the updates, by metric name.
    public var episodeMetrics: [String: String]
    /// What the names of the callbacks' custom metrics are prefixed with (they are written per
    /// episode).
    public var customPrefix: String

    /// Tags with the given names; see each property.
    public init(
        episodicReturn: String, episodicLength: String, stepsPerSecond: String, hyperparameters: String,
        updateMetrics: [String: String], agentUpdateMetrics: [String: [String: String]], updatePrefix: String,
        episodeMetrics: [String: String], customPrefix: String
    ) {
        self.episodicReturn = episodicReturn
        self.episodicLength = episodicLength
        self.stepsPerSecond = stepsPerSecond
        self.hyperparameters = hyperparameters
        self.updateMetrics = updateMetrics
        self.agentUpdateMetrics = agentUpdateMetrics
        self.updatePrefix = updatePrefix
        self.episodeMetrics = episodeMetrics
        self.customPrefix = customPrefix
    }

    /// CleanRL's names (see the table above).
    public static let cleanRL = TensorBoardTags(
        episodicReturn: "charts/episodic_return",
        episodicLength: "charts/episodic_length",
        stepsPerSecond: "charts/SPS",
        hyperparameters: "hyperparameters",
        updateMetrics: [
            "loss": "losses/loss",
            "learning_rate": "charts/learning_rate",
            "clip_fraction": "losses/clipfrac",
        ],
        agentUpdateMetrics: [
            "dqn": ["loss": "losses/td_loss"],
            "qnetwork": ["loss": "losses/td_loss"],
            "reinforce": ["loss": "losses/policy_loss"],
        ],
        updatePrefix: "losses/",
        episodeMetrics: ["epsilon": "charts/epsilon"],
        customPrefix: "charts/")

    /// The tag of the update metric `metric` of the agent called `agent`.
    public func updateTag(for metric: String, agent: String) -> String {
        agentUpdateMetrics[agent]?[metric] ?? updateMetrics[metric] ?? updatePrefix + metric
    }
}
