extension AgentCatalog {
    /// The suite's agents, in the order `rl list` shows them. Adding an agent is one file in
    /// `Agents/Agents/` (its type with its ``Agent/definition``) and one line here.
    public static let standard = AgentCatalog([
        RandomAgent.self,
        QTableAgent.self,
        ExpectedSARSAAgent.self,
        QNetworkAgent.self,
        DQNAgent.self,
        ReinforceAgent.self,
        SACAgent.self,
        TD3Agent.self,
        A2CAgent.self,
        PPOAgent.self,
    ])
}
