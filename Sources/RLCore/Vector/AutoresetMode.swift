/// When a ``VectorEnvironment`` resets a copy whose episode ended, as Gymnasium 1.x's
/// `AutoresetMode`.
///
/// Take two copies where copy 1's episode ends (terminated or truncated) on step 3:
///
/// | step | `nextStep` (default): copy 1 reports | `sameStep`: copy 1 reports |
/// |---|---|---|
/// | 3 | the last observation of the episode, its reward, `terminated`/`truncated` set | the **first** observation of the next episode, the last reward, the flags set; the last observation in ``BatchedEnvironment/finalObservations`` |
/// | 4 | the first observation of the next episode, reward 0, both flags false; its action is ignored | the next episode's first step |
///
/// Copy 0 steps normally throughout. With `nextStep`, an agent must not store the step-4
/// transition of copy 1 (it crosses from one episode into the next); with `sameStep`, it
/// bootstraps a truncated episode from the final observation (SB3's `terminal_observation`).
public enum AutoresetMode: String, CaseIterable, Sendable {
    /// The step after an episode ended resets that copy and reports the new first observation
    /// with reward 0 and both flags false, ignoring that copy's action (Gymnasium 1.x's default,
    /// `AutoresetMode.NEXT_STEP`).
    case nextStep = "next-step"
    /// The step that ends an episode resets the copy at once: it reports the ended episode's
    /// reward and flags with the next episode's first observation, and keeps the ended
    /// episode's last observation apart (Gymnasium's `AutoresetMode.SAME_STEP`, SB3's
    /// `VecEnv`).
    case sameStep = "same-step"
}
